// Chart specs shared by the chart tests: CJK and accented names, a gap in each series, two axes.

import type { ChartSpec } from '../../src/charts/spec.ts';

export const cjkSpec: ChartSpec = {
  title: '坐席 · Agents',
  labels: ['王小明', '李娜', "Seán O'Brien"],
  series: [
    { label: 'Chats', values: [97, null, 88], unit: 'count' },
    { label: 'Valid reception', values: [0.959, 0.5, null], unit: 'ratio', type: 'line', axis: 'right' },
  ],
};
