import type { SubtensorArea } from './index';

export const burnsArea: SubtensorArea = {};
