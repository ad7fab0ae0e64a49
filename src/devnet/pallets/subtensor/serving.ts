import type { SubtensorArea } from './index';

export const servingArea: SubtensorArea = {};
