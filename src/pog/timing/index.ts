export { MIN_COMPUTE_MS, type ThroughputInput, type Throughput, measuredThroughput } from './throughput';
export { type MonotonicClock, hrtimeClock, monotonicNowMs, Stopwatch } from './stopwatch';
