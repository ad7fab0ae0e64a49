import { projectTokens } from '../equations';
import type { EconomyConfig } from './config';
import type { DerivedParameters } from './result';

/** The quantities a configuration fixes before day 0 (seed §"Phase 1", §"Phase 2: Emissions", §"Simulation Setup"). */
export function deriveParameters(c: EconomyConfig): DerivedParameters {
  const tokens = projectTokens(c.maxTokenSupply, c.opsFundFraction, c.projects, c.fracPhaseOneTokens);
  return {
    // "The Token Reserve starts out from the ChainOpera Operations Bank": the project's Ops-Fund share.
    initialTokenReserve: tokens.opsFundForProject,
    // The tokens outside the Ops Fund (investors, team, advisors, business development), the
    // project's 1/N_project share of them, circulate from day 0.
    initialCirculatingSupply: c.initialCirculatingSupply ?? ((1 - c.opsFundFraction) * c.maxTokenSupply) / c.projects,
    phaseOneTokensForProject: tokens.phaseOneTokensForProject,
    // "The tokens can be equally allocated between the various target suppliers": equal daily amounts.
    phaseOneTokensPerDay: c.phaseOneDays > 0 ? tokens.phaseOneTokensForProject / c.phaseOneDays : 0,
    phaseTwoMintAmount: tokens.phaseTwoMintAmount,
    // Φ = M makes the first jobs' emission ≈ JobReward, the seed's "roughly 10% extra" with JobRewardModulation = 10.
    // (With no phase-2 budget there is nothing to emit; Φ = 1 keeps the equation defined.)
    phaseTwoModulation: c.phaseTwoModulation ?? (tokens.phaseTwoMintAmount > 0 ? tokens.phaseTwoMintAmount : 1),
  };
}
