import type { SubtensorArea } from './index';
import { networksArea } from './networks';
import { registrationArea } from './registration';
import { servingArea } from './serving';
import { stakingArea } from './staking';
import { burnsArea } from './burns';
import { weightsArea } from './weights';
import { commitRevealArea } from './commit-reveal';
import { coinbaseArea } from './coinbase';
import { timelockedWeightsArea } from './timelocked-weights';

/** Every implemented area of SubtensorModule, in the order their genesis and block hooks run. */
export const SUBTENSOR_AREAS: readonly SubtensorArea[] = [
  networksArea,
  registrationArea,
  servingArea,
  stakingArea,
  burnsArea,
  weightsArea,
  commitRevealArea,
  // block_step reveals matured timelocked commits before it runs the coinbase
  timelockedWeightsArea,
  coinbaseArea,
];
