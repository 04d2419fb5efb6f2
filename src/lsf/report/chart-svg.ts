import { Distribution } from './distribution';
import { RuntimeSummary } from './runtime-summary';

const WIDTH = 1100;
const PANEL_WIDTH = 520;
const LABEL_WIDTH = 90;
const ROW_HEIGHT = 80;
const TOP = 60;
const WARM_LEFT = LABEL_WIDTH + PANEL_WIDTH + 40;
const COLORS: Record<string, string> = { rust: '#d9480f', python: '#1971c2', node: '#2f9e44', floor: '#868e96' };

/** The samples a chart draws for one runtime, in ms. */
interface RuntimeSamples {
  readonly initMs: readonly number[];
  readonly warmMs: readonly number[];
}

/** What a chart shows: the runtimes' summaries and their raw samples, with the words around them. */
export interface ChartInput {
  readonly title: string;
  /** Title of the left panel: what a cold-start sample measures. */
  readonly coldTitle: string;
  /** Title of the right panel: what a warm sample measures. */
  readonly warmTitle: string;
  readonly runtimes: readonly RuntimeSummary[];
  readonly samples: { readonly [runtime: string]: RuntimeSamples };
}

/**
 * A self-contained SVG of the sample distributions, cold starts and warm invocations side by
 * side: one row per runtime, a dot per sample, ticks at p50 and p95, on log scales (a Rust
 * cold start and a Node one are two orders of magnitude apart).
 */
export function renderChart(input: ChartInput): string {
  const names = input.runtimes.map((r) => r.name);
  const height = TOP + names.length * ROW_HEIGHT + 30;
  const panels = [
    panel(input.coldTitle, input.runtimes.map((r) => ({ name: r.name, values: input.samples[r.name].initMs, stats: r.init })), LABEL_WIDTH),
    panel(input.warmTitle, input.runtimes.map((r) => ({ name: r.name, values: input.samples[r.name].warmMs, stats: r.warm })), WARM_LEFT),
  ];
  const title = escape(input.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="10" y="20" font-size="14" font-weight="bold">${title}</text>`,
    ...names.map((name, i) => `<text x="10" y="${TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 4}" font-weight="bold" fill="${runtimeColor(name)}">${escape(name)}</text>`),
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}

/** One runtime's row: its samples and the summary's percentiles (the table's numbers). */
interface Row {
  readonly name: string;
  readonly values: readonly number[];
  readonly stats: Distribution;
}

function panel(title: string, rows: readonly Row[], left: number): string {
  const all = rows.flatMap((row) => row.values).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...all)));
  const hi = Math.ceil(Math.log10(Math.max(...all)));
  const span = Math.max(hi - lo, 1);
  const x = (v: number) => left + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / span) * PANEL_WIDTH;
  const bottom = TOP + rows.length * ROW_HEIGHT;
  const parts = [`<text x="${left}" y="${TOP - 25}" font-weight="bold">${escape(title)}</text>`];
  for (let decade = lo; decade <= lo + span; decade++) {
    const gx = x(10 ** decade).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${TOP - 10}" x2="${gx}" y2="${bottom}" stroke="#dee2e6"/>`);
    parts.push(`<text x="${gx}" y="${bottom + 16}" text-anchor="middle" fill="#495057">${10 ** decade >= 1 ? 10 ** decade : (10 ** decade).toFixed(-decade)}</text>`);
  }
  rows.forEach((row, i) => {
    const mid = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2;
    const fill = runtimeColor(row.name);
    row.values.forEach((v, j) => {
      // Deterministic jitter, so that the same samples draw the same chart.
      const jitter = (((j * 7919) % 23) / 23 - 0.5) * (ROW_HEIGHT * 0.5);
      parts.push(`<circle cx="${x(v).toFixed(1)}" cy="${(mid + jitter).toFixed(1)}" r="2.2" fill="${fill}" fill-opacity="0.45"/>`);
    });
    for (const [label, v] of [['p50', row.stats.p50], ['p95', row.stats.p95]] as const) {
      const px = x(v).toFixed(1);
      parts.push(`<line x1="${px}" y1="${mid - ROW_HEIGHT * 0.3}" x2="${px}" y2="${mid + ROW_HEIGHT * 0.3}" stroke="${fill}" stroke-width="${label === 'p50' ? 3 : 1.5}"/>`);
      // p50 labelled above the row, p95 below, so that close values stay readable.
      const ly = label === 'p50' ? mid - ROW_HEIGHT * 0.3 - 3 : mid + ROW_HEIGHT * 0.3 + 11;
      parts.push(`<text x="${px}" y="${ly}" text-anchor="middle" font-size="10" fill="${fill}">${label} ${v < 10 ? v.toFixed(2) : v.toFixed(0)}</text>`);
    }
  });
  return parts.join('\n');
}

/** A runtime's colour in every chart: rust, python, node and floor have their own. */
export function runtimeColor(name: string): string {
  return COLORS[name] ?? '#6741d9';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
