import type { SubtensorArea } from './index';

export const stakingArea: SubtensorArea = {};
