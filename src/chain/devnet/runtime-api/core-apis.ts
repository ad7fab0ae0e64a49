import type { RuntimeApiModule } from './runtime-api';
import { readAccount } from '../runtime/accounts';
import { feeOf } from '../runtime/fees';

/** The metadata versions the dev chain serves (its facts are v16). */
export const METADATA_VERSIONS = [16] as const;

export const coreApi: RuntimeApiModule = {
  name: 'Core',
  methods: {
    version: (ctx) => ({
      ...ctx.runtimeVersion,
      apis: ctx.runtimeVersion.apis.map(([id, v]) => [id, v]),
      stateVersion: ctx.runtimeVersion.systemVersion,
    }),
  },
};

export const metadataApi: RuntimeApiModule = {
  name: 'Metadata',
  methods: {
    // A hex string is taken as the bytes' content; a Uint8Array would be read as SCALE.
    metadata: (ctx) => ctx.metadataHex,
    metadata_at_version: (ctx, [version]) =>
      METADATA_VERSIONS.includes(Number(version!.toString()) as 16) ? ctx.metadataHex : null,
    metadata_versions: () => [...METADATA_VERSIONS],
  },
};

export const accountNonceApi: RuntimeApiModule = {
  name: 'AccountNonceApi',
  methods: {
    account_nonce: (ctx, [account]) => readAccount(ctx.storage, account!.toString()).nonce,
  },
};

interface ExtrinsicLike {
  method: { callIndex: Uint8Array };
  isSigned: boolean;
  tip: { toBigInt(): bigint };
}

/** Fee queries answer with the dev chain's flat fee model (see runtime/fees.ts). */
export const transactionPaymentApi: RuntimeApiModule = {
  name: 'TransactionPaymentApi',
  methods: {
    query_info: (_ctx, [, len]) => ({
      weight: { refTime: 100_000_000n, proofSize: 4_096n },
      class: 'Normal',
      partialFee: feeOf(Number(len!.toString())),
    }),
    query_fee_details: (_ctx, [uxt, len]) => {
      const ext = uxt as unknown as ExtrinsicLike;
      return {
        inclusionFee: { baseFee: feeOf(0), lenFee: feeOf(Number(len!.toString())) - feeOf(0), adjustedWeightFee: 0n },
        tip: ext.isSigned ? ext.tip.toBigInt() : 0n,
      };
    },
  },
};
