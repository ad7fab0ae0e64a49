import { formatQuantity, formatUsd } from '../format-number';
import type { SimulationSummary } from './summary';

const tokens = (v: number) => `${formatQuantity(v)} tokens`;

/** The human-readable table `pog economy simulate` prints to stdout. */
export function formatSimulationSummary(s: SimulationSummary): string {
  const p = s.tokenPrice;
  const lines: Array<[string, string]> = [
    ['scenario', `${s.days} days, phase 1 = ${s.phaseOneDays} days, seed ${s.seed}`],
    ['supply', `${tokens(s.supply.start)} → ${tokens(s.supply.end)}`],
    ['token price', `${formatUsd(p.start)} → ${formatUsd(p.end)} (min ${formatUsd(p.min)} on day ${p.minDay}, max ${formatUsd(p.max)} on day ${p.maxDay})`],
    ['token reserve', `${tokens(s.tokenReserve.start)} → ${tokens(s.tokenReserve.end)} (lowest ${tokens(s.tokenReserve.min)})`],
    ['dollar reserve', `${formatUsd(s.dollarReserve.start)} → ${formatUsd(s.dollarReserve.end)}`],
    ['income', `${formatUsd(s.totalIncome)} from ${s.totalJobs} jobs; ${s.finalSuppliers} suppliers at the end`],
    [
      'bought back',
      `${tokens(s.totalTokensBoughtBack)} taken out of circulation into the reserve (consumer buybacks ${formatQuantity(s.totalConsumerBuybackTokens)}, ` +
        `onboarding fees ${formatQuantity(s.totalOnboardingFeeTokens)}, confiscated bonds ${formatQuantity(s.totalBondTokensConfiscated)})`,
    ],
    ['reserve top-ups', `${tokens(s.totalReserveTopUpTokens)} bought back on ${s.reserveTopUpDays} days by the reserve trigger`],
    ['tokens paid', `${tokens(s.totalTokensPaid)} (phase 1 ${formatQuantity(s.totalPhaseOneTokens)}, phase 2 emission ${formatQuantity(s.totalPhaseTwoEmission)}, validators ${formatQuantity(s.totalValidatorTokens)})`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return `${lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}
