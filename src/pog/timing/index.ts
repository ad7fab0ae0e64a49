export { type ThroughputInput, type Throughput, windowThroughput } from './throughput';
export { type MonotonicClock, hrtimeClock, monotonicNowMs, Stopwatch } from './stopwatch';
