// What a finished chart shows, read from the chart Chart.js actually laid out: the legend only when
// there is more than one series, bars listed before lines, an axis title with its unit in the reply's
// language, and ratings coloured from best (blue) to worst (vermillion).

import type { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../src/charts/draw.ts';
import type { ChartSpec } from '../../src/charts/spec.ts';
import { bestToWorst } from '../../src/charts/style.ts';

/** What `read` finds in the chart Chart.js laid out (read before the chart is destroyed). */
async function laidOut<T>(spec: ChartSpec, read: (chart: Chart) => T): Promise<T> {
  let found: { value: T } | undefined;
  await drawChart(spec, 1, (chart) => {
    found = { value: read(chart) };
  });
  if (!found) throw new Error('not drawn');
  return found.value;
}

const legendTexts = (chart: Chart) => (chart.legend?.legendItems ?? []).map((item) => item.text);
const axisTitle = (id: string) => (chart: Chart) =>
  (chart.scales[id]?.options as { title?: { text?: string } } | undefined)?.title?.text;

const chatsAndReception = (lang: 'en' | 'zh'): ChartSpec => ({
  title: 'Agents',
  lang,
  labels: ['王小明', 'Sam'],
  series: [
    { label: lang === 'zh' ? '接待会话量' : 'Chats', values: [97, 88], unit: 'count', type: 'bar' },
    {
      label: lang === 'zh' ? '有效接待率' : 'Valid reception',
      values: [0.9, 0.7],
      unit: 'ratio',
      type: 'line',
      axis: 'right',
    },
  ],
});

describe('a finished chart', () => {
  it('lists the bars before the line in its legend, as their axis is the main one', async () => {
    expect(await laidOut(chatsAndReception('en'), legendTexts)).toEqual(['Chats', 'Valid reception']);
  });

  it('draws no legend for a single series (its axis title names it)', async () => {
    const [legendHeight, title] = await laidOut(
      {
        title: 'Ratings of Sam',
        labels: ['5★', '4★'],
        series: [{ label: 'Rated chats', values: [3, 1], unit: 'count' }],
      },
      (chart) => [chart.legend?.height ?? 0, axisTitle('y')(chart)],
    );
    expect(legendHeight).toBe(0);
    expect(title).toBe('Rated chats');
  });

  it("joins an axis's name and unit the reply's way", async () => {
    expect(await laidOut(chatsAndReception('en'), axisTitle('y2'))).toBe('Valid reception, %');
    expect(await laidOut(chatsAndReception('zh'), axisTitle('y2'))).toBe('有效接待率（%）');
  });

  it('colours ratings from best (blue) to worst (vermillion), every bucket its own colour', async () => {
    const colours = await laidOut(
      {
        title: 'Ratings',
        labels: ['Chats'],
        horizontal: true,
        stacked: true,
        bestToWorst: 'series',
        series: ['5★', '4★', '3★', '2★', '1★'].map((label) => ({
          label,
          values: [0.2],
          unit: 'ratio' as const,
        })),
      },
      (chart) => chart.data.datasets.map((dataset) => String(dataset.backgroundColor)),
    );
    expect(colours[0]).toBe('#0072b2');
    expect(colours[4]).toBe('#d55e00');
    expect(new Set(colours).size).toBe(5);
    expect(bestToWorst(2)).toEqual(['#0072b2', '#d55e00']);
    expect(new Set(bestToWorst(11)).size).toBe(11);
  });
});
