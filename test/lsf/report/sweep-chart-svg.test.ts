import { summaryRow } from './summary-rows';
import { attributes, expectWellFormed, svgLines, texts } from './svg-structure';
import { renderSweepChart } from '../../../src/lsf/report/sweep-chart-svg';
import { SweepRows } from '../../../src/lsf/report/sweep-table';

const NODE = 'node<&>';

/** Rust and a twin at one size, from [warm p50, first response p50, cost] each. */
function point(memorySize: number, rust: [number, number, number], node: [number, number, number]) {
  return {
    memorySize,
    vcpus: memorySize / 1769,
    runtimes: [
      summaryRow('rust', 'rust', { init: [1, 2], warm: [rust[0], rust[0]], firstResponse: rust[1], costPerMillion: rust[2] }),
      summaryRow(NODE, 'twin', { init: [100, 120], warm: [node[0], node[0]], firstResponse: node[1], costPerMillion: node[2] }),
    ],
  };
}

// Sizes double twice between points: on the log scale they are evenly spaced, 160 px apart.
const SWEEP: SweepRows = {
  points: [point(128, [10, 20, 0.4], [80, 400, 1.6]), point(512, [2.5, 5, 0.4], [20, 100, 1.6]), point(2048, [1.25, 2.5, 0.8], [10, 50, 3.2])],
  choices: [{ runtime: 'rust', cheapest: 128, balanced: 2048 }, { runtime: NODE, cheapest: 128, balanced: 512 }],
};

describe('renderSweepChart', () => {
  const svg = renderSweepChart('sweep of <validate> & co', SWEEP);

  test('well-formed, three panels wide, labels escaped, no NaN', () => {
    expectWellFormed(svg);
    expect(svgLines(svg)[0]).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="1230" height="400" viewBox="0 0 1230 400" font-family="sans-serif" font-size="12">');
    expect(texts(svg).slice(0, 3)).toEqual(['sweep of &lt;validate&gt; &amp; co', '— rust', '— node&lt;&amp;&gt;']);
    expect(texts(svg).filter((t) => /\(|USD/.test(t))).toEqual([
      'Warm p50 (ms)', 'memory (MB)', 'First response p50 (ms)', 'memory (MB)', 'Cost per 1M invocations (USD)', 'memory (MB)',
    ]);
  });

  test('axes: a baseline under each panel and the sizes on a log scale beneath it', () => {
    const baselines = svgLines(svg).filter((l) => l.includes('stroke="#adb5bd"'));
    expect(baselines).toEqual([
      '<line x1="60" y1="330" x2="380" y2="330" stroke="#adb5bd"/>',
      '<line x1="450" y1="330" x2="770" y2="330" stroke="#adb5bd"/>',
      '<line x1="840" y1="330" x2="1160" y2="330" stroke="#adb5bd"/>',
    ]);
    const sizeLabels = svgLines(svg).filter((l) => /^<text [^>]*y="346"[^>]*>\d+<\/text>$/.test(l)).map((l) => /x="([^"]*)".*>(\d+)</.exec(l)!.slice(1).join(' '));
    expect(sizeLabels).toEqual(['60.0 128', '220.0 512', '380.0 2048', '450.0 128', '610.0 512', '770.0 2048', '840.0 128', '1000.0 512', '1160.0 2048']);
  });

  test('one line per runtime in each panel, in its colour, through a dot per size', () => {
    const lines = svgLines(svg).filter((l) => l.startsWith('<polyline '));
    expect(lines.map((l) => /stroke="([^"]*)"/.exec(l)![1])).toEqual(['#d9480f', '#6741d9', '#d9480f', '#6741d9', '#d9480f', '#6741d9']);
    // Warm p50 from 1.25 to 80 ms: the axis spans 1 to 100 ms (0.8x and 1.25x), 130 px a decade up from y 330.
    expect(attributes(svg, 'polyline', 'points').slice(0, 2)).toEqual([
      '60.0,200.0 220.0,278.3 380.0,317.4',
      '60.0,82.6 220.0,160.9 380.0,200.0',
    ]);
    expect(attributes(svg, 'circle', 'fill')).toHaveLength(2 * 3 * 3);
  });

  test('each dot labelled with its value: ms to three digits, cost in cents', () => {
    const values = texts(svg).filter((t) => /^[\d.]+$/.test(t) && !['128', '512', '2048'].includes(t));
    expect(values).toEqual([
      '10', '2.50', '1.25', '80', '20', '10',
      '20', '5.00', '2.50', '400', '100', '50',
      '0.40', '0.40', '0.80', '1.60', '1.60', '3.20',
    ]);
  });

  test('a sweep of one size draws each runtime at the middle of each panel, without NaN', () => {
    const one = renderSweepChart('one size', { points: [SWEEP.points[0]], choices: SWEEP.choices });
    expectWellFormed(one);
    expect(attributes(one, 'circle', 'cx')).toEqual(['220.0', '220.0', '610.0', '610.0', '1000.0', '1000.0']);
  });
});
