import type { SubtensorArea } from './index';

export const weightsArea: SubtensorArea = {};
