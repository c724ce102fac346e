// Specs for the /sobot command router and the `agents` and `help` commands, run through the real
// registry with a recording stand-in for the stats service (the real one runs in integration tests).

import { describe, expect, it } from 'vitest';
import { filtersFrom } from '../../commands/filter-input.ts';
import { createCommands } from '../../commands/index.ts';
import { MAX_COMMAND_CHARS, parseCommandText } from '../../commands/router.ts';
import type { CommandDeps, CommandInput } from '../../commands/types.ts';
import { UserInputError } from '../../src/errors.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import type { BotMessage } from '../../src/message/message.ts';
import type { StatsBackend } from '../../src/stats/backend.ts';
import { createQueryCache } from '../../src/stats/cache.ts';
import type {
  AgentKpis,
  AgentRow,
  DateRange,
  DirectoryEntry,
  Priority,
  StatsFilters,
} from '../../src/stats/model.ts';
import {
  type AgentsReport,
  createStatsService,
  type FilterNames,
  type StatsService,
} from '../../src/stats/service.ts';
import { accessFor, memoryAudit } from '../support/access.ts';
import { NO_COUNTS } from '../support/agent-counts.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { unusedBackend, unusedStats } from '../support/unused-stats.ts';

const ctx = { userId: 'U1', channelId: 'C1' };

const KPIS_OF = (i: number): AgentKpis => ({
  chats: 100 - i,
  valid_reception_rate: 0.5 + i / 100,
  avg_first_response: 1_000 * (i + 1),
  fcr_24h: 0.9 - i / 100,
  satisfaction: null,
  response_warn_rate: i / 200,
});

function rows(size: number): AgentRow[] {
  return Array.from({ length: size }, (_, i) => ({
    agentId: `a${i}`,
    name: `Agent ${String(i).padStart(2, '0')}`,
    email: null,
    groups: [],
    kpis: KPIS_OF(i),
    counts: NO_COUNTS,
  }));
}

interface AgentsCall {
  range: DateRange;
  filters: StatsFilters | undefined;
  priority: Priority | undefined;
}

function stubStats(size = 20): StatsService & { calls: AgentsCall[] } {
  const calls: AgentsCall[] = [];
  return {
    ...unusedStats(),
    calls,
    resolveFilters: async () => ({ filters: {}, applied: [] }),
    async agents(range, filters, priority) {
      calls.push({ range, filters, priority });
      const report: AgentsReport = {
        range,
        filters: filters ?? {},
        rows: rows(size),
        totals: {
          chats: 1_810,
          valid_reception_rate: 0.6,
          avg_first_response: 5_000,
          fcr_24h: 0.8,
          satisfaction: null,
          response_warn_rate: 0.05,
        },
        ratings: { scale: null, inUse: [] },
      };
      return report;
    },
  };
}

/** 01:30 on Mon 23 Nov 2026 in Shanghai, still 22 Nov in UTC: "yesterday" differs by zone. */
const JUST_AFTER_MIDNIGHT_SHANGHAI = Date.parse('2026-11-22T17:30:00Z');

function setupDeps(overrides: Partial<CommandDeps> = {}): CommandDeps {
  return {
    stats: stubStats(),
    clock: createFakeClock(JUST_AFTER_MIDNIGHT_SHANGHAI),
    timeZone: 'Asia/Shanghai',
    lang: 'en',
    consoleUrl: 'https://sg.sobot.io',
    access: accessFor(),
    audit: memoryAudit(),
    ...overrides,
  };
}

function setup(overrides: Partial<CommandDeps> = {}) {
  const stats = stubStats();
  const deps = setupDeps({ stats, ...overrides });
  return { stats, router: createCommands(deps) };
}

async function failure(run: Promise<unknown>): Promise<UserInputError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return error as UserInputError;
}

type Block = {
  type: string;
  text?: { text: string };
  elements?: { text: string }[];
  rows?: { text: string }[][];
};
const blocksOf = (m: BotMessage) => m.blocks as unknown as Block[];
const tableOf = (m: BotMessage) =>
  (blocksOf(m).find((b) => b.type === 'table')?.rows ?? []).map((row) => row.map((c) => c.text));
const allText = (m: BotMessage) => JSON.stringify(m.blocks);

describe('parseCommandText', () => {
  it('splits the command, its words, options and the public flag', () => {
    expect(parseCommandText('  Agents last 7 days SORT:fcr:asc top:5 public ')).toEqual({
      name: 'agents',
      input: {
        words: ['last', '7', 'days'],
        options: { sort: 'fcr:asc', top: '5' },
        visibility: 'in_channel',
      },
    });
  });

  it('is ephemeral unless asked to be public', () => {
    expect(parseCommandText('agents yesterday').input.visibility).toBe('ephemeral');
    expect(parseCommandText('agents share').input.visibility).toBe('in_channel');
  });

  it('keeps a date range as words, not as an option', () => {
    expect(parseCommandText('agents 2026-11-01..2026-11-15').input).toEqual({
      words: ['2026-11-01..2026-11-15'],
      options: {},
      visibility: 'ephemeral',
    });
  });

  it('gives an empty name for empty text', () => {
    expect(parseCommandText('   ').name).toBe('');
  });
});

describe('router', () => {
  it('suggests the nearest command and keeps the rest of the text in the example', async () => {
    const { router } = setup();
    const error = await failure(router.run('agnets last week sort:fcr', ctx));
    expect(error.message).toContain('Did you mean "agents"?');
    expect(error.example).toBe('/sobot agents last week sort:fcr');
  });

  it('points to help when nothing is close', async () => {
    const { router } = setup();
    const error = await failure(router.run('zzzzzzzzzz', ctx));
    expect(error.message).not.toContain('Did you mean');
    expect(error.example).toBe('/sobot help');
  });

  it('names the options a command accepts when given an unknown one', async () => {
    const { router, stats } = setup();
    const error = await failure(router.run('agents yesterday colour:blue', ctx));
    expect(error.message).toContain('"colour:"');
    expect(error.message).toContain('`sort:`');
    expect(error.message).toContain('`top:`');
    expect(error.message).toContain('`group:`');
    expect(stats.calls).toHaveLength(0);
  });
});

describe('long command texts', () => {
  it('refuses a text over the limit unread, saying how long it was and what to do', async () => {
    // No stats method may be asked: the text is refused before it is parsed or run.
    const router = createCommands(setupDeps({ stats: unusedStats() }));
    const text = `agent ${'José Álvarez '.repeat(700)}last week`;
    const error = await failure(router.run(text, ctx));
    expect(error.message).toBe(
      `That command is 9,115 characters long; I read at most ${MAX_COMMAND_CHARS}, so I did not run it. Ask with fewer words.`,
    );
    expect(error.example).toBe('/sobot help');
  });

  it('runs a command right at the limit', async () => {
    const { router, stats } = setup();
    const text = `agents yesterday top:5 ${' '.repeat(MAX_COMMAND_CHARS)}`.slice(0, MAX_COMMAND_CHARS);
    expect(text).toHaveLength(MAX_COMMAND_CHARS);
    await router.run(text, ctx);
    expect(stats.calls).toHaveLength(1);
  });
});

describe('filter options', () => {
  it('refuses an empty filter instead of silently answering for everyone', async () => {
    const { router, stats } = setup();
    for (const text of ['agents yesterday group:', 'agents yesterday group:""']) {
      const error = await failure(router.run(text, ctx));
      expect(error.message).toBe('`group:` needs a name after it.');
      expect(error.example).toBe('/sobot agents yesterday group:Sales');
    }
    expect(stats.calls).toHaveLength(0);
  });
});

describe('agents command', () => {
  it('asks for yesterday in the configured zone by default', async () => {
    const { router, stats } = setup();
    await router.run('agents', ctx);
    expect(stats.calls).toEqual([
      {
        range: { from: '2026-11-22', to: '2026-11-22', timeZone: 'Asia/Shanghai' },
        filters: {},
        priority: 'interactive',
      },
    ]);
  });

  it('reads "yesterday" in another configured zone from the same instant', async () => {
    const { router, stats } = setup({ timeZone: 'UTC' });
    await router.run('agents yesterday', ctx);
    expect(stats.calls[0]?.range).toEqual({ from: '2026-11-21', to: '2026-11-21', timeZone: 'UTC' });
  });

  it('sorts by chats, busiest first, 15 rows by default', async () => {
    const { router } = setup();
    const message = await router.run('agents', ctx);
    const table = tableOf(message);
    expect(table).toHaveLength(16);
    expect(table[1]?.[0]).toBe('Agent 00');
  });

  it('understands sort:fcr as 24h FCR', async () => {
    const { router } = setup();
    const message = await router.run('agents sort:fcr', ctx);
    // FCR falls with i, so Agent 00 leads; the footer names the KPI.
    expect(tableOf(message)[1]?.[0]).toBe('Agent 00');
    expect(allText(message)).toContain('sorted by 24h FCR');
  });

  it('understands sort:frt:asc as fastest first response first', async () => {
    const { router } = setup();
    const message = await router.run('agents sort:frt:asc', ctx);
    expect(tableOf(message)[1]?.[0]).toBe('Agent 00');
    expect(tableOf(message)[1]?.[3]).toBe('1s');
    expect(allText(message)).toContain('sorted by Avg. first response, best first');
  });

  it('sorts by a lower-is-better KPI best first without being told', async () => {
    const { router } = setup();
    const message = await router.run('agents sort:frt', ctx);
    expect(tableOf(message)[1]?.[3]).toBe('1s');
  });

  it('puts the worst first when asked with :desc on a lower-is-better KPI', async () => {
    const { router } = setup();
    const message = await router.run('agents sort:frt:desc', ctx);
    expect(tableOf(message)[1]?.[0]).not.toBe('Agent 00');
    expect(allText(message)).toContain('worst first');
  });

  it('sorts valid reception descending: highest first', async () => {
    const { router } = setup();
    const message = await router.run('agents sort:valid', ctx);
    expect(tableOf(message)[1]?.[0]).toBe('Agent 19');
  });

  it('rejects an unknown sort, naming the KPIs it can sort by', async () => {
    const { router, stats } = setup();
    const error = await failure(router.run('agents sort:happiness', ctx));
    for (const id of [
      'chats',
      'valid_reception_rate',
      'avg_first_response',
      'fcr_24h',
      'satisfaction',
      'response_warn_rate',
    ]) {
      expect(error.message).toContain(id);
    }
    expect(error.example).toMatch(/^\/sobot agents /);
    expect(stats.calls).toHaveLength(0);
  });

  it('suggests the KPI a sort typo meant', async () => {
    const { router } = setup();
    const error = await failure(router.run('agents sort:fcrr', ctx));
    expect(error.message).toContain('Did you mean "fcr_24h"?');
    expect(error.example).toBe('/sobot agents sort:fcr_24h');
  });

  it('keeps the period and every other option in the suggestion', async () => {
    const { router } = setup();
    const sort = await failure(router.run('agents last week sort:fcrr top:5 group:Sales public', ctx));
    expect(sort.example).toBe('/sobot agents last week sort:fcr_24h top:5 group:Sales public');
    const order = await failure(router.run('agents yesterday sort:fcr:up top:5', ctx));
    expect(order.example).toBe('/sobot agents yesterday sort:fcr_24h:asc top:5');
    const top = await failure(router.run('agents yesterday top:0', ctx));
    expect(top.example).toBe('/sobot agents yesterday top:15');
  });

  it('suggests the option an unknown one was probably meant to be, in the whole command', async () => {
    const { router } = setup();
    const error = await failure(router.run('agents yesterday grop:Sales top:5', ctx));
    expect(error.message).toContain('Unknown option "grop:". Did you mean "group:"?');
    expect(error.example).toBe('/sobot agents yesterday top:5 group:Sales');
    const unknown = await failure(router.run('agents yesterday colour:red top:5', ctx));
    expect(unknown.example).toBe('/sobot agents yesterday top:5');
  });

  it('rejects a sort order other than asc or desc', async () => {
    const { router } = setup();
    const error = await failure(router.run('agents sort:fcr:up', ctx));
    expect(error.message).toContain('"up"');
  });

  it('rejects a KPI that has no per-agent column', async () => {
    const { router } = setup();
    const error = await failure(router.run('agents sort:queue', ctx));
    expect(error.message).toContain('valid_reception_rate');
  });

  it.each([
    ['0', 15],
    ['abc', 15],
    ['500', 99],
    ['2.5', 15],
    ['-3', 15],
    ['1e1', 15],
    ['0x10', 15],
    ['99999999999999999999', 99],
    ['１０', 15],
  ])('rejects top:%s and suggests top:%i', async (top, suggested) => {
    const { router, stats } = setup();
    const error = await failure(router.run(`agents yesterday top:${top}`, ctx));
    expect(error.message).toContain('1 to 99');
    expect(error.example).toBe(`/sobot agents yesterday top:${suggested}`);
    expect(stats.calls).toHaveLength(0);
  });

  it('rejects "top: 5" (the number after a space is a word, not the option)', async () => {
    const { router, stats } = setup();
    const error = await failure(router.run('agents top: 5', ctx));
    // "5" is no period either: the suggestion leaves it out (yesterday is the default).
    expect(error.example).toBe('/sobot agents top:15');
    expect(stats.calls).toHaveLength(0);
  });

  it('shows as many rows as top: asks', async () => {
    const { router } = setup();
    expect(tableOf(await router.run('agents top:5', ctx))).toHaveLength(6);
  });

  it('rejects a period it cannot read, with an example that works', async () => {
    const { router } = setup();
    const error = await failure(router.run('agents yesterdy', ctx));
    expect(error.message).toContain('Did you mean "yesterday"?');
    expect(error.example).toBe('/sobot agents yesterday');
  });

  it('posts in the channel when asked to', async () => {
    const { router } = setup();
    expect((await router.run('agents public', ctx)).visibility).toBe('in_channel');
    expect((await router.run('agents', ctx)).visibility).toBe('ephemeral');
  });

  it('answers in Chinese when configured so', async () => {
    const { router } = setup({ lang: 'zh' });
    const message = await router.run('agents', ctx);
    expect(tableOf(message)[0]?.[0]).toBe('客服');
  });
});

describe('help command', () => {
  it('lists every command with an example', async () => {
    const { router } = setup();
    const message = await router.run('help', ctx);
    expect(message.visibility).toBe('ephemeral');
    expect(message.text).toContain('agents');
    expect(allText(message)).toContain('/sobot agents yesterday');
    expect(allText(message)).toContain('Asia/Shanghai');
  });

  it("fits Slack's limits, overview and per command", async () => {
    const { router } = setup();
    for (const text of ['help', 'help agents', 'help help']) {
      expect(blockKitProblems(await router.run(text, ctx))).toEqual([]);
    }
  });

  it('is what an empty /sobot answers', async () => {
    const { router } = setup();
    expect(await router.run('', ctx)).toEqual(await router.run('help', ctx));
  });

  it('explains one command, with the KPIs it sorts by', async () => {
    const { router } = setup();
    const message = await router.run('help agents', ctx);
    expect(message.text).toContain('/sobot agents [period]');
    expect(allText(message)).toContain('`fcr_24h` (24h FCR)');
    expect(allText(message)).toContain('/sobot agents last 7 days sort:valid_reception_rate');
  });

  it('rejects a topic that is no command', async () => {
    const { router } = setup();
    const error = await failure(router.run('help nope', ctx));
    expect(error.message).toContain('"nope"');
    expect(error.example).toBe('/sobot help');
  });

  it('suggests the command a help typo meant', async () => {
    const { router } = setup();
    const error = await failure(router.run('help agnets', ctx));
    expect(error.example).toBe('/sobot help agents');
  });
});

describe('parseCommandText with quoted option values', () => {
  it('reads group:"Session Stat Test" as one value', () => {
    expect(parseCommandText('agents yesterday group:"Session Stat Test" top:5').input).toEqual({
      words: ['yesterday'],
      options: { group: 'Session Stat Test', top: '5' },
      visibility: 'ephemeral',
    });
  });

  it('reads curly quotes as Slack clients type them', () => {
    expect(parseCommandText('groups last 7 days dept:“East China” public').input).toEqual({
      words: ['last', '7', 'days'],
      options: { dept: 'East China' },
      visibility: 'in_channel',
    });
  });

  it('reads several quoted values, CJK and a quoted single word', () => {
    expect(
      parseCommandText('overview group:"Sales VIP" dept:"华东 一部" channel:"APP"').input.options,
    ).toEqual({
      group: 'Sales VIP',
      dept: '华东 一部',
      channel: 'APP',
    });
  });

  it('keeps the option key lower-cased and the quoted value as typed', () => {
    expect(parseCommandText('agents GROUP:"Sales  Team"').input.options).toEqual({ group: 'Sales  Team' });
  });
});

/** A stats service whose resolveFilters fails as the real one does for an unknown or ambiguous name. */
function rejectingStats(error: unknown): StatsService & { asked: FilterNames[] } {
  const asked: FilterNames[] = [];
  return {
    ...stubStats(),
    asked,
    async resolveFilters(names) {
      asked.push(names);
      throw error;
    },
  };
}

const unknownSales = () =>
  new UserInputError('There is no skill group "Sals". Close names: Sales.', 'group:Sales');

describe('filtersFrom', () => {
  it('rewrites the example into the whole command', async () => {
    const { router } = setup({ stats: rejectingStats(unknownSales()) });
    const error = await failure(router.run('agents yesterday top:5 group:Sals', ctx));
    expect(error.message).toBe('There is no skill group "Sals". Close names: Sales.');
    expect(error.example).toBe('/sobot agents yesterday top:5 group:Sales');
  });

  it('passes every filter option to the service under its dimension', async () => {
    const stats = rejectingStats(unknownSales());
    const { router } = setup({ stats });
    await failure(router.run('overview group:"Sals" dept:"East China" channel:APP agent:jose robot:1', ctx));
    expect(stats.asked).toEqual([
      { group: 'Sals', department: 'East China', channel: 'APP', agent: 'jose', robot: '1' },
    ]);
  });

  it('keeps the other options, quoting values with spaces', async () => {
    const stats = rejectingStats(unknownSales());
    const input: CommandInput = {
      words: ['last', '7', 'days'],
      options: { dept: 'East China', group: 'Sals' },
      visibility: 'ephemeral',
    };
    const deps = { ...setupDeps(), stats };
    const error = await failure(filtersFrom('groups', input, deps));
    expect(error.example).toBe('/sobot groups last 7 days dept:"East China" group:Sales');
  });

  it('replaces the option the correction is for, not another', async () => {
    const stats = rejectingStats(new UserInputError('There is no department "Est".', 'dept:"East China"'));
    const { router } = setup({ stats });
    const error = await failure(router.run('departments yesterday dept:Est group:Sales', ctx));
    expect(error.example).toBe('/sobot departments yesterday group:Sales dept:"East China"');
  });

  it('leaves an error without an example as it is', async () => {
    const original = new UserInputError('There is no skill group "Marketing".', null);
    const { router } = setup({ stats: rejectingStats(original) });
    const error = await failure(router.run('agents group:Marketing', ctx));
    expect(error).toBe(original);
  });

  it('lets other errors through untouched', async () => {
    const outage = new Error('Sobot is down');
    const { router } = setup({ stats: rejectingStats(outage) });
    await expect(router.run('agents group:Sales', ctx)).rejects.toBe(outage);
  });

  it('rewrites the real service error for a name that is not in the directory', async () => {
    const clock = createFakeClock();
    const sales: DirectoryEntry = { dimension: 'group', id: 'g1', name: 'Sales Team', aliases: [] };
    const backend: StatsBackend = {
      ...unusedBackend(),
      directory: async (dimension) => (dimension === 'group' ? [sales] : []),
    };
    const real = createStatsService({ backend, cache: createQueryCache({ clock }), clock });
    const { router } = setup({ stats: { ...stubStats(), resolveFilters: real.resolveFilters } });
    const error = await failure(router.run('agents yesterday top:5 group:"Sales Taem"', ctx));
    expect(error.message).toContain('Sales Team');
    expect(error.example).toBe('/sobot agents yesterday top:5 group:"Sales Team"');
  });
});

describe('Chinese command words', () => {
  it('reads 客服/坐席, 概览, 满意度, 趋势, 技能组 as the commands they name, with Chinese periods', () => {
    expect(parseCommandText('客服 昨天')).toMatchObject({ name: 'agents', input: { words: ['昨天'] } });
    expect(parseCommandText('坐席 上周 top:5')).toMatchObject({
      name: 'agents',
      input: { words: ['上周'], options: { top: '5' } },
    });
    expect(parseCommandText('概览 最近7天').name).toBe('overview');
    expect(parseCommandText('满意度 本月').name).toBe('satisfaction');
    expect(parseCommandText('趋势 会话量').name).toBe('trend');
    expect(parseCommandText('技能组 今天').name).toBe('groups');
  });

  it('splits a command word typed against its period', () => {
    expect(parseCommandText('客服昨天')).toMatchObject({ name: 'agents', input: { words: ['昨天'] } });
    expect(parseCommandText('概览本月 group:Sales')).toMatchObject({
      name: 'overview',
      input: { words: ['本月'], options: { group: 'Sales' } },
    });
  });
});
