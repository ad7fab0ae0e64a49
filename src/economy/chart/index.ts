export { renderLineChart, renderEconomyChart, economyChartSeries, type ChartSeries, type ChartOptions } from './svg-chart';
export { writeChartFile } from './write-chart';
