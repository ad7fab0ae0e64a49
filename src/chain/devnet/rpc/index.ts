export { startRpcServer, RPC_DEFAULTS, type RpcServer, type RpcServerOptions } from './server';
export { RpcServerStartError, RpcPortInUseError } from './server-errors';
export { RpcError } from './rpc-error';
export type { BlockView, DevnetBackend, Hex, RuntimeVersionView, TransactionStatus, Unsubscribe } from './backend';
export { buildMethodTable, type MethodTable } from './handlers';
export { formatHeader, formatBlock, formatRuntimeVersion, type HeaderJson, type SignedBlockJson, type RuntimeVersionJson } from './format-header';
