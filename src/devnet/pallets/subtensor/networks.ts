import type { SubtensorArea } from './index';

export const networksArea: SubtensorArea = {};
