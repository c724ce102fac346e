// `npm start` with missing or invalid settings stops at once, naming every problem in one message.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('starting the bot', () => {
  it('stops with exit code 1 and one message listing every missing setting', () => {
    const run = start({});
    expect(run.status).toBe(1);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SOBOT_APPID', 'SOBOT_APP_KEY']) {
      expect(run.stderr).toContain(name);
    }
    expect(run.stderr.match(/sobot-slack cannot start/g)).toHaveLength(1);
  });

  it('names invalid values without echoing the secrets it was given', () => {
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-1-2-secretvalue',
      SLACK_SIGNING_SECRET: 'signing-secret-value',
      SOBOT_APPID: 'app',
      SOBOT_APP_KEY: 'app-key-secret-value',
      SOBOT_TIMEZONE: 'Mars/Olympus',
      PORT: 'eighty',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SOBOT_TIMEZONE must be an IANA time zone');
    expect(run.stderr).toContain('PORT must be a port number');
    for (const secret of ['xoxb-1-2-secretvalue', 'signing-secret-value', 'app-key-secret-value']) {
      expect(run.stderr + run.stdout).not.toContain(secret);
    }
  });
});
