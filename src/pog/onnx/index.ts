export { ProtoWriter } from './protobuf-writer';
export {
  DataType,
  DATA_TYPE_BYTES,
  IR_VERSION,
  OPSET_VERSION,
  encodeModel,
  type AttributeValue,
  type Dim,
  type GraphSpec,
  type ModelSpec,
  type NodeSpec,
  type TensorSpec,
  type ValueInfoSpec,
} from './onnx-proto';
export { GraphBuilder, attr, tensorSpec, type ElementArray } from './graph-builder';
export { float32ToFp16Bits, fp16BitsToNumber, toFp16Array, fromFp16Array } from './fp16';
export { hostTensor, type HostTensor, type HostTensorType, type HostTensorTypes, type HostFeeds } from './host-tensor';
export { addGeneratorU32, addGeneratorValues, type GeneratedShape } from './generator-graph';
export { addNormRelu } from './norm-relu-graph';
export { buildWorkloadModel, workloadGraph, WORKLOAD_INPUTS, WORKLOAD_OUTPUT } from './workload-model';
export { workloadFeeds } from './workload-feeds';
export {
  buildReferenceGemmModel,
  referenceGemmFeeds,
  REFERENCE_GEMM_INPUTS,
  REFERENCE_GEMM_OUTPUT,
} from './reference-gemm-model';
export {
  buildReferencePairModel,
  buildLayerReferencePairModel,
  referenceRowsFeeds,
  layerReferenceFeeds,
  referencePoolInput,
  referenceLayerInput,
  REFERENCE_ROWS_INPUTS,
  REFERENCE_PAIR_OUTPUTS,
} from './reference-rows-model';
