// `npm run demo` with a broken BOT_CONFIG names every problem and stops, without a stack trace.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('lists the problems of the config file and exits 1, with no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-config-'));
  const file = join(dir, 'bot.config.yml');
  writeFileSync(file, 'alerts:\n  - name: slow\n    kpi: happiness\n    threshold: 8%\n    channel: "#a"\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/demo.ts', '/sobot help'], {
    env: { PATH: process.env.PATH ?? '', BOT_CONFIG: file },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(`${file}:3 alerts[0].kpi: "happiness" is not a KPI`);
  expect(run.stderr).toContain(`${file}:2 alerts[0].op: is required`);
  expect(run.stderr).toContain('See README.md, "Configuration"');
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
