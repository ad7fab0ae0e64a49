export { type GpuClassId, type DatasheetTflops, type GpuClass, GPU_CLASSES, GPU_CLASS_IDS, gpuClass, classForName } from './gpu-classes';
export { DERATE, DEFAULT_BAND_TOLERANCE, type BandOptions, type Band, classBand } from './bands';
export { type ClassOrUnknown, TIER_FACTORS, tierFactor } from './tiers';
export { type ClassIdentification, identifyClass } from './identify';
