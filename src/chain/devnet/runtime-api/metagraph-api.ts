import type { Codec } from '@polkadot/types/types';
import type { TypedStorage } from '../state/typed-storage';
import { big, bool, hotkeyAlpha, networkExists, num, ownerOf, subnetworkN, uidBoolVector, uidVector } from '../pallets/subtensor/subnet-state';
import type { RuntimeApiContext, RuntimeApiModule } from './runtime-api';

/**
 * `SubnetInfoRuntimeApi.get_metagraph(netuid)` (rpc_info/metagraph.rs): one subnet's state and
 * per-uid vectors, None for a subnet that does not exist. Fields the dev chain has no storage for
 * (identities, PoW difficulty, liquid alpha, volume, moving price, TAO and pool injections) are
 * zero, empty or false; rank, trust and pruning scores are empty, as subtensor leaves them.
 * Stake is alpha only: the dev chain gives root stake no TAO weight.
 */
const P = 'SubtensorModule';
const ZERO_ACCOUNT = `0x${'00'.repeat(32)}`;

/** subnets/symbols.rs `SYMBOLS` for netuids 0–24 (Τ, then the Greek lowercase letters); Τ beyond. */
const SYMBOLS = ['Τ', 'α', 'β', 'γ', 'δ', 'ε', 'ζ', 'η', 'θ', 'ι', 'κ', 'λ', 'μ', 'ν', 'ξ', 'ο', 'π', 'ρ', 'σ', 't', 'υ', 'φ', 'χ', 'ψ', 'ω'];

function utf8(text: string): number[] {
  return [...Buffer.from(text, 'utf8')];
}

function account(s: TypedStorage, item: string, netuid: number): string {
  return s.has(P, item, [netuid]) ? s.get(P, item, [netuid])!.toString() : ZERO_ACCOUNT;
}

const AXON_NONE = { block: 0, version: 0, ip: 0, port: 0, ipType: 0, protocol: 0, placeholder1: 0, placeholder2: 0 };

/** A per-uid `Vec<u64>` item as bigints. */
function u64Vector(s: TypedStorage, item: string, netuid: number): bigint[] {
  const v = s.get(P, item, [netuid]) as unknown as { toArray(): Codec[] };
  return v.toArray().map((x) => big(x));
}

function neurons(s: TypedStorage, netuid: number) {
  const n = subnetworkN(s, netuid);
  const uids = Array.from({ length: n }, (_, uid) => uid);
  const hotkeys = uids.map((uid) => s.get(P, 'Keys', [netuid, uid])!.toString());
  const alpha = hotkeys.map((h) => hotkeyAlpha(s, h, netuid));
  return {
    hotkeys,
    coldkeys: hotkeys.map((h) => ownerOf(s, h) ?? ZERO_ACCOUNT),
    identities: hotkeys.map(() => null),
    axons: hotkeys.map((h) => s.get(P, 'Axons', [netuid, h])?.toU8a() ?? AXON_NONE),
    blockAtRegistration: uids.map((uid) => big(s.get(P, 'BlockAtRegistration', [netuid, uid]))),
    alphaStake: alpha,
    taoStake: alpha.map(() => 0n),
    totalStake: alpha,
    taoDividendsPerHotkey: hotkeys.map((h) => [h, 0n]),
    alphaDividendsPerHotkey: hotkeys.map((h) => [h, 0n]),
  };
}

export function getMetagraph(ctx: RuntimeApiContext, netuid: number): object | null {
  const s = ctx.storage;
  if (!networkExists(s, netuid)) return null;
  const get = (item: string) => s.get(P, item, [netuid]);
  const blocksSinceLastStep = big(get('BlocksSinceLastStep'));
  const block = BigInt(ctx.blockNumber);
  return {
    netuid,
    name: [],
    symbol: utf8(SYMBOLS[netuid] ?? 'Τ'),
    identity: null,
    networkRegisteredAt: big(get('NetworkRegisteredAt')),
    ownerHotkey: account(s, 'SubnetOwnerHotkey', netuid),
    ownerColdkey: account(s, 'SubnetOwner', netuid),
    block,
    tempo: num(get('Tempo')),
    // Without LastMechansimStepBlock, the last step is read back from BlocksSinceLastStep.
    lastStep: block > blocksSinceLastStep ? block - blocksSinceLastStep : 0n,
    blocksSinceLastStep,
    subnetEmission: 0,
    alphaIn: big(get('SubnetAlphaIn')),
    alphaOut: big(get('SubnetAlphaOut')),
    taoIn: big(get('SubnetTAO')),
    alphaOutEmission: 0,
    alphaInEmission: 0,
    taoInEmission: 0,
    pendingAlphaEmission: big(get('PendingServerEmission')) + big(get('PendingValidatorEmission')),
    pendingRootEmission: 0,
    subnetVolume: 0,
    movingPrice: { bits: 0 },
    rho: num(get('Rho')),
    kappa: num(get('Kappa')),
    minAllowedWeights: num(get('MinAllowedWeights')),
    maxWeightsLimit: num(get('MaxWeightsLimit')),
    weightsVersion: big(get('WeightsVersionKey')),
    weightsRateLimit: big(get('WeightsSetRateLimit')),
    activityCutoff: num(get('ActivityCutoff')),
    maxValidators: num(get('MaxAllowedValidators')),
    numUids: subnetworkN(s, netuid),
    maxUids: num(get('MaxAllowedUids')),
    burn: big(get('Burn')),
    difficulty: 0,
    registrationAllowed: bool(get('NetworkRegistrationAllowed')),
    powRegistrationAllowed: false,
    immunityPeriod: num(get('ImmunityPeriod')),
    minDifficulty: 0,
    maxDifficulty: 0,
    minBurn: big(get('MinBurn')),
    maxBurn: big(get('MaxBurn')),
    adjustmentAlpha: 0,
    adjustmentInterval: 0,
    targetRegsPerInterval: 0,
    maxRegsPerBlock: 0,
    servingRateLimit: big(get('ServingRateLimit')),
    commitRevealWeightsEnabled: bool(get('CommitRevealWeightsEnabled')),
    commitRevealPeriod: big(s.get(P, 'RevealPeriodEpochs', [netuid])),
    liquidAlphaEnabled: false,
    alphaHigh: 0,
    alphaLow: 0,
    bondsMovingAvg: big(get('BondsMovingAverage')),
    ...neurons(s, netuid),
    active: uidBoolVector(s, 'Active', netuid),
    validatorPermit: uidBoolVector(s, 'ValidatorPermit', netuid),
    pruningScore: [],
    lastUpdate: u64Vector(s, 'LastUpdate', netuid),
    emission: u64Vector(s, 'Emission', netuid),
    dividends: uidVector(s, 'Dividends', netuid),
    incentives: uidVector(s, 'Incentive', netuid),
    consensus: uidVector(s, 'Consensus', netuid),
    trust: [],
    rank: [],
  };
}

export const subnetInfoApi: RuntimeApiModule = {
  name: 'SubnetInfoRuntimeApi',
  methods: { get_metagraph: (ctx, [netuid]) => getMetagraph(ctx, num(netuid!)) },
};
