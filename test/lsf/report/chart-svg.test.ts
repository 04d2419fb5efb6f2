import { summaryRow } from './summary-rows';
import { attributes, expectWellFormed, svgLines, texts } from './svg-structure';
import { ChartInput, renderChart, runtimeColor } from '../../../src/lsf/report/chart-svg';

const RUST = summaryRow('rust', 'rust', { init: [2, 9.2], warm: [0.1, 0.91], costPerMillion: 0.2 });
const TWIN = summaryRow('py<3.13>&', 'twin', { init: [120, 147], warm: [11, 11.9], costPerMillion: 0.3 });

const INPUT: ChartInput = {
  title: 'validate <email> & age: 3 cold starts',
  coldTitle: 'Cold start <ms>',
  warmTitle: 'Warm & ready (ms)',
  runtimes: [RUST, TWIN],
  samples: {
    'rust': { initMs: [1, 2, 10], warmMs: [0.05, 0.1, 1] },
    'py<3.13>&': { initMs: [100, 150, 120], warmMs: [10, 12, 11] },
  },
};

// The cold panel starts at x 90 and spans 1 to 1000 ms (three decades) over 520 px; the warm
// panel starts at x 650 and spans 0.01 to 100 ms (four decades).
describe('renderChart', () => {
  const svg = renderChart(INPUT);

  test('well-formed, every label escaped, no NaN in any coordinate', () => {
    expectWellFormed(svg);
    expect(svgLines(svg)[0]).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="250" viewBox="0 0 1100 250" font-family="sans-serif" font-size="12">');
    expect(texts(svg).slice(0, 3)).toEqual(['validate &lt;email&gt; &amp; age: 3 cold starts', 'rust', 'py&lt;3.13&gt;&amp;']);
    expect(texts(svg)).toContain('Cold start &lt;ms&gt;');
    expect(texts(svg)).toContain('Warm &amp; ready (ms)');
  });

  test('axes: a gridline and a label per decade, on a log scale, in each panel', () => {
    const decadeLabels = svgLines(svg).filter((l) => l.includes('text-anchor="middle" fill="#495057"')).map((l) => /x="([^"]*)".*>(.*)</.exec(l)!.slice(1));
    expect(decadeLabels).toEqual([
      ['90.0', '1'], ['263.3', '10'], ['436.7', '100'], ['610.0', '1000'],
      ['650.0', '0.01'], ['780.0', '0.1'], ['910.0', '1'], ['1040.0', '10'], ['1170.0', '100'],
    ]);
    const gridlines = svgLines(svg).filter((l) => l.includes('stroke="#dee2e6"'));
    expect(gridlines.map((l) => /x1="([^"]*)"/.exec(l)![1])).toEqual(['90.0', '263.3', '436.7', '610.0', '650.0', '780.0', '910.0', '1040.0', '1170.0']);
    // From above the first row to the bottom of the last: 60 + 2 rows x 80.
    expect(gridlines.every((l) => l.includes('y1="50" ') && l.includes('y2="220"'))).toBe(true);
  });

  test('one series per runtime in its colour: a dot per sample, in both panels', () => {
    expect(runtimeColor('rust')).toBe('#d9480f');
    expect(runtimeColor('py<3.13>&')).toBe('#6741d9');
    const fills = attributes(svg, 'circle', 'fill');
    expect(fills).toEqual(['#d9480f', '#d9480f', '#d9480f', '#6741d9', '#6741d9', '#6741d9', '#d9480f', '#d9480f', '#d9480f', '#6741d9', '#6741d9', '#6741d9']);
    // Samples 1, 2, 10 ms on the cold panel; 0.05, 0.1, 1 ms on the warm one.
    expect(attributes(svg, 'circle', 'cx').slice(0, 3)).toEqual(['90.0', '142.2', '263.3']);
    expect(attributes(svg, 'circle', 'cx').slice(6, 9)).toEqual(['740.9', '780.0', '910.0']);
    // Rows centred at y 100 and 180, the dots jittered within half a row.
    const cy = attributes(svg, 'circle', 'cy').map(Number);
    expect(cy.slice(0, 3).every((y) => y >= 80 && y <= 120)).toBe(true);
    expect(cy.slice(3, 6).every((y) => y >= 160 && y <= 200)).toBe(true);
    expect(attributes(svg, 'text', 'fill').filter((f) => f === '#d9480f')).toHaveLength(1 + 4);
  });

  test('ticks at the summary\'s p50 and p95, labelled with its numbers', () => {
    const labels = texts(svg).filter((t) => /^p(50|95) /.test(t));
    expect(labels).toEqual(['p50 2.00', 'p95 9.20', 'p50 120', 'p95 147', 'p50 0.10', 'p95 0.91', 'p50 11', 'p95 12']);
    const p50 = svgLines(svg).find((l) => l.startsWith('<line ') && l.includes('stroke-width="3"'))!;
    expect(p50).toBe('<line x1="142.2" y1="76" x2="142.2" y2="124" stroke="#d9480f" stroke-width="3"/>');
  });

  test('a sample of 0 sits at the left edge of its panel, not at minus infinity', () => {
    const withZero = renderChart({ ...INPUT, samples: { ...INPUT.samples, rust: { initMs: [1, 2, 10], warmMs: [0, 0.1, 1] } } });
    expectWellFormed(withZero);
    // 0.1 is now the smallest sample above 0: the warm panel spans 0.1 to 100 ms.
    expect(attributes(withZero, 'circle', 'cx').slice(6, 9)).toEqual(['650.0', '650.0', '823.3']);
  });

  test('the same samples draw the same chart', () => {
    expect(renderChart(INPUT)).toBe(svg);
  });
});
