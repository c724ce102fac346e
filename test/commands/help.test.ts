// Specs for `/sobot help` and its table of API modes: which commands each Sobot API answers, the bot's
// own mode marked, Slack's limits in both modes, and the README's table kept equal to it.

import { describe, expect, it } from 'vitest';
import { apiModeRows, SUPPORTED } from '../../commands/help.ts';
import { createCommands } from '../../commands/index.ts';
import type { CommandDefinition } from '../../commands/types.ts';
import type { MessageKey } from '../../src/i18n/catalogue.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import type { KpiId } from '../../src/stats/kpi-ids.ts';
import type { StatsService } from '../../src/stats/service.ts';
import { accessFor, memoryAudit } from '../support/access.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { mrkdwnTexts, tableOf } from '../support/message-reading.ts';
import { readmeTable } from '../support/readme.ts';
import { unusedStats } from '../support/unused-stats.ts';

const ctx = { userId: 'U1', channelId: 'C1' };
const LEGACY_TRENDS: KpiId[] = ['chats', 'valid_chats', 'transfers'];

function router(api: StatsService['api']) {
  const stats: StatsService = {
    ...unusedStats(),
    api,
    ...(api === 'legacy' ? { trendKpis: LEGACY_TRENDS } : {}),
  };
  return createCommands({
    stats,
    clock: createFakeClock(),
    timeZone: 'Asia/Shanghai',
    lang: 'en',
    access: accessFor(),
    audit: memoryAudit(),
    consoleUrl: 'https://sg.sobot.io',
  });
}

const allText = (message: BotMessage) => mrkdwnTexts(message).join('\n');

/** The commands the legacy API cannot answer at all: what the legacy backend refuses. */
const NEEDS_V5 = '✗ needs v5';
const NEEDS_V5_COMMANDS = ['agents', 'agent', 'groups', 'departments', 'channels', 'customers', 'topics'];

describe('apiModeRows', () => {
  const command = (name: string, legacy?: false | MessageKey): CommandDefinition => ({
    name,
    summary: 'help.help.summary',
    usage: '',
    examples: [],
    options: [],
    ...(legacy === undefined ? {} : { legacy }),
    run: () => Promise.reject(new Error('not run')),
  });

  it('reads a command’s `legacy` field: all of it, nothing, or the part it answers', () => {
    expect(apiModeRows([command('a'), command('b', false), command('c', 'help.trend.legacy')], 'en')).toEqual(
      [
        { command: 'a', v5: '✓', legacy: '✓' },
        { command: 'b', v5: '✓', legacy: '✗ needs v5' },
        { command: 'c', v5: '✓', legacy: '✓ company-wide; human-chat KPIs only' },
      ],
    );
  });

  it('marks exactly the commands the legacy backend refuses as needing v5', () => {
    const rows = apiModeRows(router('legacy').commands, 'en');
    expect(rows.filter((r) => r.legacy === NEEDS_V5).map((r) => r.command)).toEqual(NEEDS_V5_COMMANDS);
    expect(rows.every((r) => r.v5 === SUPPORTED)).toBe(true);
  });
});

describe('/sobot help', () => {
  it('on the legacy API: marks its column, lists what needs v5, says how to switch', async () => {
    const message = await router('legacy').run('help', ctx);
    const table = tableOf(message);
    expect(table[0]).toEqual(['command', 'v5', 'legacy (this bot)']);
    expect(table.find((row) => row[0] === 'agents')).toEqual(['agents', '✓', '✗ needs v5']);
    expect(table.find((row) => row[0] === 'overview')?.[2]).toMatch(/^✓ company-wide/);
    expect(message.text).toContain(`Not on this API: ${NEEDS_V5_COMMANDS.join(', ')}.`);
    expect(allText(message)).toContain('SOBOT_API=v5');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('on v5: marks the v5 column and lists nothing as unavailable', async () => {
    const message = await router('v5').run('help', ctx);
    expect(tableOf(message)[0]).toEqual(['command', 'v5 (this bot)', 'legacy']);
    expect(message.text).not.toContain('Not on this API');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('has a row for every command', async () => {
    const commands = router('v5');
    const table = tableOf(await commands.run('help', ctx));
    expect(table.slice(1).map((row) => row[0])).toEqual(commands.commands.map((c) => c.name));
  });

  it('help <command> names what each API answers of it', async () => {
    const message = await router('legacy').run('help agents', ctx);
    expect(allText(message)).toContain('Sobot API: v5 ✓ · legacy ✗ needs v5 (this bot: legacy)');
  });

  it('help agents explains chats handled against the overview chats, and which FCR it shows', async () => {
    const text = allText(await router('v5').run('help agents', ctx));
    expect(text).toContain(
      '*Chats handled* counts a chat once for each agent who handled it: a chat transferred from one agent to another counts for both',
    );
    expect(text).toContain("the overview's 24h FCR is a share of customers");
  });

  it('help trend lists the KPIs a trend follows on the bot’s API', async () => {
    expect(allText(await router('legacy').run('help trend', ctx))).toContain(
      'Sort by: `chats` (Chats), `valid_chats` (Valid chats), `transfers` (Transfers).',
    );
    expect(allText(await router('v5').run('help trend', ctx))).toContain('`queue_leave_rate` (Queue leave)');
  });
});

describe('the README’s table of API modes', () => {
  it('has the cells `/sobot help` shows', () => {
    const rows = readmeTable('api-modes');
    const expected = apiModeRows(router('v5').commands, 'en').map((r) => [
      `\`${r.command}\``,
      r.v5,
      r.legacy,
    ]);
    expect(rows).toEqual(expected);
  });
});
