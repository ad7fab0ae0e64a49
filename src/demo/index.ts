/** `pog demo`: a devnet, a subnet, three CPU miners and a validator in one process; the scores from the chain. See docs/demo.md. */
export { runDemo, DEMO_MINERS, type DemoOptions, type DemoResult, type DemoMinerName } from './run-demo';
export { behaviourWorkload, cpuCapacity, startDemoMiner, type DemoBehaviour } from './demo-miners';
