// The README's chart image (docs/agents-chart.png) is the bot's current chart: the spec the command
// draws today equals the one the image was drawn from, and the image is the one drawn from it.
// When this fails, run `npm run docs:chart` and commit docs/.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_CHART, readmeChartSpec, sha256 } from '../../src/demo/readme-chart.ts';

describe('docs/agents-chart.png', () => {
  const record = JSON.parse(readFileSync(README_CHART.spec, 'utf8')) as {
    command: string;
    pngSha256: string;
    spec: unknown;
  };

  it('is the image the README shows', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('](docs/agents-chart.png)');
  });

  it('was drawn from the spec beside it', () => {
    expect(sha256(readFileSync(README_CHART.png))).toBe(record.pngSha256);
  });

  it('shows what the command draws today (else: npm run docs:chart)', async () => {
    expect(record.command).toBe(`/sobot ${README_CHART.command}`);
    expect(JSON.parse(JSON.stringify(await readmeChartSpec()))).toEqual(record.spec);
  });
});
