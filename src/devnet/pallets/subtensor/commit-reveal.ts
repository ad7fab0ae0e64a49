import type { SubtensorArea } from './index';

export const commitRevealArea: SubtensorArea = {};
