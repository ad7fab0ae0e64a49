export {
  DATAPATHS,
  MAX_DEPTH,
  type Datapath,
  workloadParamsSchema,
  type WorkloadParams,
  parseWorkloadParams,
  valueFormatOf,
  workloadFlops,
  rowFlops,
  leafCount,
} from './params';
export {
  LIVE_BYTES_PER_ELEMENT,
  valueBytes,
  estimateWorkload,
  estimatedSeconds,
  type WorkloadEstimate,
  type DeviceThroughput,
} from './estimate';
export { PRESETS, type PresetName, preset } from './presets';
export { RMS_EPSILON } from './constants';
export {
  generateMatrices,
  generatePool,
  generateHead,
  generateInputRows,
  fillPoolMatrix,
  fillHead,
  type WorkloadMatrices,
} from './matrices';
