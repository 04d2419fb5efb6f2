import { runtimeColor } from './chart-svg';
import { RuntimeSummary } from './runtime-summary';
import { SweepRows } from './sweep-table';

const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 260;
const GAP = 70;
const LEFT = 60;
const TOP = 70;

/** One panel: a figure of each runtime against memory. */
interface Panel {
  readonly title: string;
  readonly value: (row: RuntimeSummary) => number;
  readonly format: (value: number) => string;
}

const PANELS: readonly Panel[] = [
  { title: 'Warm p50 (ms)', value: (r) => r.warm.p50, format: (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0)) },
  { title: 'First response p50 (ms)', value: (r) => r.firstResponse.p50, format: (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0)) },
  { title: 'Cost per 1M invocations (USD)', value: (r) => r.costPerMillion, format: (v) => v.toFixed(2) },
];

/**
 * A self-contained SVG of a memory sweep: warm p50, first response p50 and cost per million
 * against memory, one line per runtime, memory on a log scale (sizes double), values on a log
 * scale (a throttled twin and Rust are orders of magnitude apart).
 */
export function renderSweepChart(title: string, sweep: SweepRows): string {
  const width = LEFT + PANELS.length * (PANEL_WIDTH + GAP);
  const height = TOP + PANEL_HEIGHT + 70;
  const names = sweep.choices.map((c) => c.runtime);
  const legend = names.map((name, i) => `<text x="${LEFT + i * 110}" y="${TOP - 30}" font-weight="bold" fill="${runtimeColor(name)}">— ${escape(name)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="10" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...legend,
    ...PANELS.map((panel, i) => renderPanel(panel, sweep, names, LEFT + i * (PANEL_WIDTH + GAP))),
    '</svg>',
    '',
  ].join('\n');
}

function renderPanel(panel: Panel, sweep: SweepRows, names: readonly string[], left: number): string {
  const sizes = sweep.points.map((p) => p.memorySize);
  const values = sweep.points.flatMap((p) => p.runtimes.map(panel.value)).filter((v) => v > 0);
  const logScale = (lo: number, hi: number, from: number, to: number) => {
    const [a, b] = [Math.log10(lo), Math.log10(hi)];
    return (v: number) => (b === a ? (from + to) / 2 : from + ((Math.log10(Math.max(v, lo)) - a) / (b - a)) * (to - from));
  };
  const x = logScale(Math.min(...sizes), Math.max(...sizes), left, left + PANEL_WIDTH);
  const y = logScale(Math.min(...values) * 0.8, Math.max(...values) * 1.25, TOP + PANEL_HEIGHT, TOP);
  const bottom = TOP + PANEL_HEIGHT;
  const parts = [
    `<text x="${left}" y="${TOP - 8}" font-weight="bold">${escape(panel.title)}</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${left + PANEL_WIDTH}" y2="${bottom}" stroke="#adb5bd"/>`,
    ...sizes.map((size) => `<text x="${x(size).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" fill="#495057">${size}</text>`),
    `<text x="${left + PANEL_WIDTH / 2}" y="${bottom + 34}" text-anchor="middle" fill="#495057">memory (MB)</text>`,
  ];
  for (const name of names) {
    const points = sweep.points.map((p) => ({ size: p.memorySize, value: panel.value(p.runtimes.find((r) => r.name === name)!) }));
    const fill = runtimeColor(name);
    parts.push(`<polyline fill="none" stroke="${fill}" stroke-width="2" points="${points.map((p) => `${x(p.size).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"/>`);
    for (const p of points) {
      parts.push(`<circle cx="${x(p.size).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="${fill}"/>`);
      parts.push(`<text x="${(x(p.size) + 5).toFixed(1)}" y="${(y(p.value) - 5).toFixed(1)}" font-size="10" fill="${fill}">${panel.format(p.value)}</text>`);
    }
  }
  return parts.join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
