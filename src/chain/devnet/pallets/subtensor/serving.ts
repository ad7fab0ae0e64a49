import type { CallArgs, CallContext, RuntimeContext } from '../../runtime/call-context';
import { ensureSigned } from '../../runtime/ensure-origin';
import type { SubtensorArea } from './index';
import { axonInfo, isRegisteredOnAnyNetwork, isValidIpAddress, isValidIpType } from './serving-endpoint';
import { big } from './subnet-state';

const P = 'SubtensorModule';

/**
 * `validate_serve_axon`: run by the pool (subtensor's transaction extension, so a bad axon is
 * refused as `Custom(n)` before it costs anything) and again by the call.
 */
function validateServeAxon(ctx: RuntimeContext, hotkey: string, args: CallArgs): void {
  const netuid = Number(args.netuid!.toString());
  const ip = BigInt(args.ip!.toString());
  const port = Number(args.port!.toString());
  const ipType = Number(args.ip_type!.toString());
  const s = ctx.storage;
  if (!isRegisteredOnAnyNetwork(s, hotkey)) throw ctx.error(P, 'HotKeyNotRegisteredInNetwork');
  if (!isValidIpType(ipType)) throw ctx.error(P, 'InvalidIpType');
  // A zero address is allowed, for testing, as on subtensor.
  if (!isValidIpAddress(ipType, ip, true)) throw ctx.error(P, 'InvalidIpAddress');
  const lastServe = axonInfo(s, netuid, hotkey).block;
  const limit = big(s.get(P, 'ServingRateLimit', [netuid]));
  const block = BigInt(ctx.blockNumber);
  if (limit !== 0n && lastServe !== 0n && block - lastServe < limit) throw ctx.error(P, 'ServingRateLimitExceeded');
  if (port === 0) throw ctx.error(P, 'InvalidPort');
}

/** `do_serve_axon`: the hotkey publishes its axon endpoint on a subnet (at most once per `ServingRateLimit` blocks). */
function serveAxon(ctx: CallContext, args: CallArgs): void {
  const hotkey = ensureSigned(ctx);
  validateServeAxon(ctx, hotkey, args);
  const netuid = Number(args.netuid!.toString());
  const ip = BigInt(args.ip!.toString());
  const port = Number(args.port!.toString());
  const ipType = Number(args.ip_type!.toString());
  const block = BigInt(ctx.blockNumber);
  ctx.storage.set(P, 'Axons', [netuid, hotkey], {
    block,
    version: Number(args.version!.toString()),
    ip,
    port,
    ipType,
    protocol: Number(args.protocol!.toString()),
    placeholder1: Number(args.placeholder1!.toString()),
    placeholder2: Number(args.placeholder2!.toString()),
  });
  ctx.emit(P, 'AxonServed', [netuid, hotkey]);
}

export const servingArea: SubtensorArea = {
  calls: {
    serve_axon: { handler: serveAxon, paysFee: false, validate: validateServeAxon },
  },
};
