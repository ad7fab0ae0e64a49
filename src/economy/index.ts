/**
 * The economy: the burn-and-mint equilibrium model of seed 004 (`pog economy simulate`), its
 * equations, supplier bonds and reputation, and the SVG chart of a run.
 */
export * from './simulator';
export * from './equations';
export { supplierBond, settleBond, type BondSettlement } from './bond';
export { supplierReputation, supplierOrder, rankSuppliers, type SupplierHistory, type RankedSupplier } from './reputation';
export { renderEconomyChart, renderLineChart, economyChartSeries, writeChartFile, type ChartSeries, type ChartOptions } from './chart';
export { formatQuantity, formatUsd } from './format-number';
export * as referenceData from './reference-data';
export { EconomyError, InvalidEconomyInputError, DegenerateMarketError, ChartWriteError, InvalidEconomyConfigError } from './errors';
export * from './ledger';
export * from './tiers';
