/**
 * Draws the statistics page's charts with ECharts (served from /assets/echarts.min.js, never a CDN).
 * The numbers come from a JSON data block the server rendered; the same numbers are in the page's
 * tables, so the charts add nothing a screen-reader user misses.
 */
interface EChartsLike {
  init(el: HTMLElement, theme?: string | null, opts?: { renderer?: 'svg' | 'canvas' }): { setOption(o: unknown): void; resize(): void };
}
declare const echarts: EChartsLike;

interface ChartData {
  months: string[];
  series: { name: string; data: number[] }[];
  rates: { name: string; value: number | null }[];
}

function init(): void {
  const data = JSON.parse(document.getElementById('stats-data')?.textContent ?? 'null') as ChartData | null;
  if (!data || typeof echarts === 'undefined') return;
  const colors = ['#1f5fa8', '#b3261e', '#2e7d32'];
  const monthly = document.getElementById('chart-monthly');
  const charts: { resize(): void }[] = [];
  if (monthly) {
    const chart = echarts.init(monthly, null, { renderer: 'svg' });
    chart.setOption({
      color: colors,
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.months },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.series.map((s) => ({ name: s.name, type: 'bar', stack: 'total', data: s.data })),
    });
    charts.push(chart);
  }
  const rates = document.getElementById('chart-rates');
  if (rates) {
    const chart = echarts.init(rates, null, { renderer: 'svg' });
    chart.setOption({
      color: ['#1f5fa8'],
      aria: { enabled: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 110, right: 40, top: 10, bottom: 30 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: data.rates.map((r) => r.name), inverse: true },
      series: [{ type: 'bar', label: { show: true, position: 'right', formatter: '{c}%' }, data: data.rates.map((r) => (r.value === null ? 0 : Math.round(r.value * 1000) / 10)) }],
    });
    charts.push(chart);
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}

init();
