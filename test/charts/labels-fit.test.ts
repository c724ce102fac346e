// Every chart kind drawn with the longest realistic labels, in English and Chinese, and every label
// Chart.js drew measured with the canvas's own text metrics: each fits its room (a category's slot,
// the canvas, the plot's margin) and none is cut ("Bot self…"). Fonts are the machine's; the room
// is what Chart.js laid out with them, so the check holds wherever it runs.

import type { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../src/charts/draw.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import type { Lang } from '../../src/i18n/catalogue.ts';
import { CHART_KINDS } from '../support/chart-kinds.ts';

interface Problem {
  kind: string;
  what: string;
}

type LabelItem = {
  label: string | string[];
  font: { string: string; lineHeight: number };
  options: { translation: [number, number]; textAlign: string };
};

/** What is wrong with how `chart` drew its labels, titles and legend; empty when everything fits. */
function problemsOf(kind: string, chart: Chart): Problem[] {
  const problems: Problem[] = [];
  const ctx = chart.ctx;
  const width = (text: string, font: string) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  const problem = (what: string) => problems.push({ kind, what });
  const horizontal = chart.options.indexAxis === 'y';
  const categories = chart.scales[horizontal ? 'y' : 'x'];
  if (!categories) throw new Error(`${kind}: no category axis`);
  const items = (categories as unknown as { getLabelItems(): LabelItem[] }).getLabelItems();
  // The room of one label: its share of the axis among the labels drawn (Chart.js skips some of 73 check times).
  const slot = (horizontal ? categories.height : categories.width) / Math.max(1, items.length);
  for (const item of items) {
    const lines = Array.isArray(item.label) ? item.label : [item.label];
    const [x] = item.options.translation;
    for (const line of lines) {
      const drawn = width(line, item.font.string);
      if (line.endsWith('…')) problem(`label "${line}" is cut`);
      if (horizontal) {
        // Right-aligned at x, left of the plot.
        if (x - drawn < 0) problem(`label "${line}" runs off the left edge (${Math.round(x - drawn)} px)`);
        if (x > (chart.chartArea?.left ?? 0) + 1) problem(`label "${line}" overlaps the plot`);
      } else {
        if (drawn > slot)
          problem(`label "${line}" is ${Math.round(drawn)} px in a ${Math.round(slot)} px slot`);
        if (x - drawn / 2 < 0 || x + drawn / 2 > chart.width)
          problem(`label "${line}" runs off the image at x=${Math.round(x)}`);
      }
    }
    if (horizontal && lines.length * item.font.lineHeight > slot)
      problem(`label "${lines.join(' ')}" is ${lines.length} lines in a ${Math.round(slot)} px row`);
  }
  // Title and subtitle: within the image, less its padding.
  const plugins = chart.options.plugins as Record<string, { text?: string; font?: { size?: number } }>;
  for (const name of ['title', 'subtitle'] as const) {
    const text = plugins[name]?.text;
    if (!text) continue;
    const size = plugins[name]?.font?.size ?? 12;
    const drawn = width(String(text), `${name === 'title' ? 'bold ' : ''}${size}px ${chartFamily(chart)}`);
    if (drawn > chart.width - 24)
      problem(`${name} "${text}" is ${Math.round(drawn)} px on a ${chart.width} px image`);
  }
  // The legend's boxes lie within the image.
  const legend = chart.legend as unknown as
    | { legendHitBoxes?: { left: number; width: number }[] }
    | undefined;
  for (const box of legend?.legendHitBoxes ?? []) {
    if (box.left < 0 || box.left + box.width > chart.width) problem('a legend entry runs off the image');
  }
  // Value-axis titles fit along their axis.
  for (const scale of Object.values(chart.scales)) {
    const title = (scale.options as { title?: { display?: boolean; text?: string } }).title;
    if (!title?.display || !title.text || scale === categories) continue;
    const along = scale.isHorizontal() ? scale.width : scale.height;
    const drawn = width(String(title.text), `12px ${chartFamily(chart)}`);
    if (drawn > along) problem(`axis title "${title.text}" is longer than its axis`);
  }
  return problems;
}

const chartFamily = (chart: Chart) =>
  String((chart.options.font as { family?: string } | undefined)?.family ?? 'sans-serif');

async function drawnProblems(kind: string, spec: ChartSpec): Promise<Problem[]> {
  let problems: Problem[] = [];
  await drawChart(spec, 1, (chart) => {
    problems = problemsOf(kind, chart);
  });
  return problems;
}

describe.each(['en', 'zh'] as const)(
  'every chart kind with its longest realistic labels (%s)',
  (lang: Lang) => {
    it.each(CHART_KINDS.map((kind) => [kind.name, kind] as const))(
      '%s: every label fits',
      async (_, kind) => {
        expect(await drawnProblems(kind.name, kind.spec(lang))).toEqual([]);
      },
    );
  },
);

describe('the check itself', () => {
  it('finds a label too wide for its slot, and a cut one', async () => {
    const crowded: ChartSpec = {
      title: 'Crowded',
      labels: Array.from({ length: 25 }, (_, i) => `Agent number ${i} with a long name`),
      series: [{ label: 'Chats', values: Array.from({ length: 25 }, () => 1), unit: 'count' }],
    };
    const problems = await drawnProblems('crowded', crowded);
    expect(problems.some((p) => /is cut|px slot/.test(p.what))).toBe(true);
  });
});
