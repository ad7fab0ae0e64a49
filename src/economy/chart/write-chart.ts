import { writeFileSync } from 'node:fs';
import { ChartWriteError } from '../errors';

/** Writes an SVG document to `path`, turning any file-system failure into one ChartWriteError. */
export function writeChartFile(path: string, svg: string): void {
  try {
    writeFileSync(path, svg, 'utf8');
  } catch (error) {
    throw new ChartWriteError(`cannot write chart ${path}: ${(error as Error).message}`, { path });
  }
}
