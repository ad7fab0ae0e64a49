import type { SubtensorArea } from './index';

export const registrationArea: SubtensorArea = {};
