// Which fonts charts ask Skia for, and whether the bot warns that Chinese names may draw as boxes.

import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chartFontFamilies } from '../../src/charts/draw.ts';
import { createChartRenderer } from '../../src/charts/render.ts';
import { createLogger } from '../../src/logger.ts';

// What @napi-rs/canvas lists on Debian bookworm with fonts-noto-cjk and fonts-dejavu-core installed
// (the Docker image): the .ttc files are reported under their Japanese names.
const DEBIAN_WITH_NOTO_CJK = [
  'DejaVu Sans',
  'DejaVu Sans Mono',
  'DejaVu Serif',
  'Noto Sans CJK JP',
  'Noto Sans Mono CJK JP',
  'Noto Serif CJK JP',
];

describe('chartFontFamilies', () => {
  it('takes "Noto Sans CJK JP" as the CJK font: the family prefix is what counts', () => {
    expect(chartFontFamilies(DEBIAN_WITH_NOTO_CJK)).toEqual({
      families: ['Noto Sans CJK JP', 'DejaVu Sans'],
      cjkFont: 'Noto Sans CJK JP',
    });
  });

  it('prefers the Chinese variant when several CJK Sans families are installed', () => {
    const installed = ['Noto Sans CJK JP', 'Noto Sans CJK KR', 'Noto Sans CJK SC', 'Noto Sans'];
    expect(chartFontFamilies(installed).families).toEqual([
      'Noto Sans CJK SC',
      'Noto Sans CJK JP',
      'Noto Sans CJK KR',
      'Noto Sans',
    ]);
  });

  it('finds no CJK font among Serif, Mono and Latin families', () => {
    const installed = ['Noto Serif CJK SC', 'Noto Sans Mono CJK SC', 'Noto Sans', 'DejaVu Sans'];
    expect(chartFontFamilies(installed)).toEqual({
      families: ['Noto Sans', 'DejaVu Sans'],
      cjkFont: undefined,
    });
  });

  it('knows the other common CJK families', () => {
    expect(chartFontFamilies(['WenQuanYi Zen Hei']).cjkFont).toBe('WenQuanYi Zen Hei');
    expect(chartFontFamilies(['Source Han Sans CN']).cjkFont).toBe('Source Han Sans CN');
  });
});

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

describe('the local renderer', () => {
  it.runIf(existsSync(DEJAVU))(
    'does not warn when a font named "Noto Sans CJK JP" is installed',
    async () => {
      // A font registered under the family name fonts-noto-cjk gives, before the renderer first loads.
      GlobalFonts.registerFromPath(DEJAVU, 'Noto Sans CJK JP');
      const lines: string[] = [];
      const destination = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const renderer = createChartRenderer({
        kind: 'local',
        logger: createLogger({ level: 'debug', destination }),
      });
      const spec = {
        title: '坐席',
        labels: ['王小明'],
        series: [{ label: 'Chats', values: [3], unit: 'count' as const }],
      };
      expect(await renderer.render(spec)).not.toBeNull();
      expect(lines.join('')).toContain('chart rendered');
      expect(lines.join('')).not.toContain('no CJK font');
    },
  );
});
