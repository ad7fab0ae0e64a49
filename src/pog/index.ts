/**
 * The PoG core: pure protocol and compute, no network and no chain. Other modules import
 * from here only (docs/pog.md describes the protocol).
 */
export * from './errors';
export * from './generator';
export * from './workload';
export * from './onnx';
export * from './runner';
export * from './commitment';
export * from './audit';
export * from './reference';
export * from './verifier';
export * from './emulation';
export * from './catalogue';
export * from './timing';
export * from './score';
export * from './schemas';
export * from './bench';
