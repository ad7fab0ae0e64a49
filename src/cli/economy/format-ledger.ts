import type { BooksCheck, BooksTotals, BuybackReport, CloseRecordResult, LedgerState, Order } from '../../economy';
import { formatDecimal } from '../../economy';

/** Text output of the ledger commands: short lines for people; JSON goes through `toJson`. */

const tao = (rao: bigint) => formatDecimal(rao);
const short = (hash: string) => `${hash.slice(0, 10)}…`;

function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd()).join('\n') + '\n';
}

export function describeOrder(o: Order): string {
  if (o.state === 'confirmed') return `order ${short(o.key)}: ${tao(o.taoRao!)} TAO bought ${tao(o.alphaRao!)} alpha, burned in block #${o.inclusion!.blockNumber} (extrinsic ${o.inclusion!.extrinsicIndex})`;
  if (o.state === 'failed') return `order ${short(o.key)}: ${tao(o.amountRao)} TAO failed: ${o.failure ?? ''}`;
  return `order ${short(o.key)}: ${tao(o.amountRao)} TAO ${o.state}${o.tx ? ` as ${short(o.tx.hash)}` : ''}`;
}

/** Roughly how long `blocks` blocks take at `blockSeconds` (12 s on subtensor). */
function duration(blocks: number, blockSeconds = 12): string {
  const s = blocks * blockSeconds;
  if (s < 120) return `~${s} s`;
  if (s < 7200) return `~${Math.round(s / 60)} min`;
  return `~${(s / 3600).toFixed(1)} h`;
}

export function formatBuybackReport(r: BuybackReport): string {
  let out = '';
  for (const o of r.settled) if (o !== r.planned) out += `recovered   ${describeOrder(o)}\n`;
  if (r.planned) out += `buyback     ${describeOrder(r.planned)}\n`;
  for (const o of r.pending) if (o !== r.planned) out += `pending     ${describeOrder(o)}\n`;
  const q = r.queued;
  const queued = `${q.revenueIds.length} revenue ${q.revenueIds.length === 1 ? 'entry' : 'entries'}, ${tao(q.taoRao)} TAO`;
  switch (r.blocked) {
    case 'rate-limited': {
      const w = r.window!;
      const wait = w.nextAllowedBlock - (w.head + 1);
      out += `queued      ${queued}: the subnet bought back in block #${w.lastBurnBlock}; the next buyback may run from block #${w.nextAllowedBlock} (in ${wait} ${wait === 1 ? 'block' : 'blocks'}, ${duration(wait)} at 12 s a block)\n`;
      break;
    }
    case 'below-minimum':
      out += `queued      ${queued}: below the minimum buyback (--min-buyback)\n`;
      break;
    case 'order-pending':
      out += `queued      ${queued}: waits for the order in flight\n`;
      break;
    case 'nothing-to-do':
      if (!r.planned && r.settled.length === 0) out += 'nothing to buy back: every revenue entry is spent\n';
      break;
    default:
      if (q.revenueIds.length > 0) out += `queued      ${queued}\n`;
  }
  for (const n of r.notes) out += `note        ${n}\n`;
  return out;
}

export function formatRecordResult(r: CloseRecordResult): string {
  const c = r.content;
  const rec = r.record;
  let out =
    `record      #${rec.index}, blocks #${c.blocks.from}–#${c.blocks.to}, subnet ${c.netuid}\n` +
    `revenue     ${c.revenue.entries} ${c.revenue.entries === 1 ? 'entry' : 'entries'}: $${c.revenue.usd} in USD, ${tao(BigInt(c.revenue.taoRao))} TAO in all\n` +
    `buyback     ${c.buyback.orders} ${c.buyback.orders === 1 ? 'burn' : 'burns'}: ${tao(BigInt(c.buyback.taoSpentRao))} TAO spent, ${tao(BigInt(c.buyback.alphaBurnedRao))} alpha burned\n` +
    `supply      ${tao(BigInt(c.supply.beforeRao))} → ${tao(BigInt(c.supply.afterRao))} alpha (${BigInt(c.supply.changeRao) >= 0n ? '+' : ''}${tao(BigInt(c.supply.changeRao))})\n` +
    `recycled    ${tao(BigInt(c.registrations.feesRecycledRao))} TAO of registration fees (${c.registrations.count} registrations)\n` +
    `hash        ${rec.hash} (blake2-256 of ${r.file})\n`;
  if (rec.state === 'confirmed') out += `published   System.Remarked in block #${rec.inclusion!.blockNumber} (extrinsic ${rec.inclusion!.extrinsicIndex}, ${rec.inclusion!.blockHash})\n`;
  else if (rec.state === 'failed') out += `failed      ${rec.failure ?? ''}\n`;
  else out += `pending     ${rec.state}${r.drive.note ? `: ${r.drive.note}` : ''}; run \`pog economy record\` again to finish it\n`;
  return out;
}

export interface BooksView {
  readonly dir: string;
  readonly state: LedgerState;
  readonly totals: BooksTotals;
  readonly check: BooksCheck | null;
  readonly chain: string | null;
  /** Orders not yet final (`ordersInFlight`): the books are not balanced while there is one. */
  readonly inFlight: readonly string[];
}

export function formatBooks(v: BooksView): string {
  const t = v.totals;
  const s = v.state;
  const latestRecord = [...s.records].reverse().find((r) => r.state === 'confirmed');
  let out =
    `ledger      ${v.dir} (${s.lastSeq} entries)\n` +
    `revenue     ${t.revenueEntries} ${t.revenueEntries === 1 ? 'entry' : 'entries'}: ${tao(t.revenueTaoRao)} TAO in all ($${t.revenueUsd} received in USD); ${tao(t.unspentRao)} TAO unspent${t.inFlightRao > 0n ? `, ${tao(t.inFlightRao)} TAO in flight` : ''}\n` +
    `buyback     ${t.orders.confirmed} confirmed (${tao(t.spentRao)} TAO → ${tao(t.alphaBurnedRao)} alpha burned), ${t.orders.failed} failed, ${t.orders.pending} pending\n` +
    `records     ${t.records.confirmed} published${latestRecord ? `, last #${latestRecord.index} (blocks #${latestRecord.fromBlock}–#${latestRecord.toBlock}, ${short(latestRecord.hash)})` : ''}${t.records.pending ? `, ${t.records.pending} pending` : ''}; ${tao(t.registrationFeesRao)} TAO of registration fees recycled\n`;
  const revenues = [...s.revenues.values()];
  if (revenues.length > 0) {
    out += '\nrevenue\n';
    out += table([
      ['ID', 'SOURCE', 'AMOUNT', 'USD/TAO', 'TAO', 'TIME', 'ORDER'],
      ...revenues.map((r) => {
        const by = s.spentBy.get(r.id);
        return [r.id, r.source || '-', `${r.amount} ${r.currency}`, r.usdPerTao ?? '-', tao(r.taoRao), r.time, by ? `${short(by)} ${s.orders.get(by)!.state}` : 'unspent'];
      }),
    ]);
  }
  const orders = [...s.orders.values()];
  if (orders.length > 0) {
    out += '\norders\n';
    out += table([
      ['KEY', 'STATE', 'TAO', 'ALPHA BURNED', 'BLOCK', 'TX'],
      ...orders.map((o) => [short(o.key), o.state, tao(o.amountRao), o.alphaRao === null ? '-' : tao(o.alphaRao), o.inclusion ? `#${o.inclusion.blockNumber}/${o.inclusion.extrinsicIndex}` : '-', o.tx ? short(o.tx.hash) : '-']),
    ]);
    for (const o of orders.filter((x) => x.state === 'failed')) out += `  ${short(o.key)} failed: ${o.failure ?? ''}\n`;
  }
  if (s.records.length > 0) {
    out += '\nrecords\n';
    out += table([
      ['#', 'STATE', 'BLOCKS', 'HASH', 'PUBLISHED'],
      ...s.records.map((r) => [String(r.index), r.state, `#${r.fromBlock}–#${r.toBlock}`, short(r.hash), r.inclusion ? `#${r.inclusion.blockNumber}/${r.inclusion.extrinsicIndex}` : '-']),
    ]);
  }
  out += '\n';
  for (const line of v.inFlight) out += `IN FLIGHT   ${line}\n`;
  if (!v.check) {
    out += 'check       not checked against a chain (--offline)\n';
    return out;
  }
  const c = v.check;
  out += `check       ${v.chain ?? ''}${c.scanned ? `, blocks #${c.scanned.fromBlock}–#${c.scanned.toBlock} scanned for burns${c.scanned.truncated ? ' (the newest only: --max-scan-blocks)' : ''}` : ', no blocks scanned (no order was ever signed; --from-block scans anyway)'}\n`;
  if (c.mismatches.length === 0 && v.inFlight.length === 0) {
    out += `ok          ${c.burnsChecked} ${c.burnsChecked === 1 ? 'burn' : 'burns'} and ${c.recordsChecked} ${c.recordsChecked === 1 ? 'record' : 'records'} match the chain; no burn is missing from the ledger\n`;
  } else if (c.mismatches.length > 0) {
    out += `MISMATCH    ${c.mismatches.length} ${c.mismatches.length === 1 ? 'difference' : 'differences'} between the ledger and the chain:\n`;
    for (const m of c.mismatches) out += `  ${m.kind.padEnd(16)}${m.message}\n`;
  }
  return out;
}
