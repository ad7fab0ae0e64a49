import type { SubtensorArea } from './index';

export const coinbaseArea: SubtensorArea = {};
