// Specs for `/sobot agent`: where the name ends and the period begins, the email path, and the
// choice offered for several matches, through the registry and the real stats service over a stub backend.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitNameAndPeriod } from '../../commands/agent.ts';
import { createCommands } from '../../commands/index.ts';
import type { CommandDeps } from '../../commands/types.ts';
import { UserInputError } from '../../src/errors.ts';
import { blockKitProblems } from '../../src/message/limits.ts';
import { createQueryCache } from '../../src/stats/cache.ts';
import type { AgentDetail } from '../../src/stats/cards.ts';
import type { AgentRow, DateRange, DirectoryEntry } from '../../src/stats/model.ts';
import { createStatsService } from '../../src/stats/service.ts';
import { accessFor, memoryAudit } from '../support/access.ts';
import { counts } from '../support/agent-counts.ts';
import { createFakeClock } from '../support/fake-clock.ts';
import { unusedBackend } from '../support/unused-stats.ts';

/** 10:00 on Mon 23 Nov 2026 in Shanghai: yesterday is Sun 22 Nov, last week 16–22 Nov. */
const NOW = Date.parse('2026-11-23T02:00:00Z');
const ZONE = 'Asia/Shanghai';
const YESTERDAY = { from: '2026-11-22', to: '2026-11-22', timeZone: ZONE };
const LAST_WEEK = { from: '2026-11-16', to: '2026-11-22', timeZone: ZONE };
const ctx = { userId: 'U1', channelId: 'C1' };

const agent = (id: string, name: string, nick: string): DirectoryEntry => ({
  dimension: 'agent',
  id,
  name,
  aliases: [name, nick],
});

const DIRECTORY = [
  agent('j1', 'José Álvarez', 'José'),
  agent('j2', 'José García', 'José'),
  agent('z1', '张芳', '张芳'),
  agent('m1', 'Mia <Trainee> Chen', 'Mia'),
];

function row(agentId: string, name: string, email: string | null): AgentRow {
  return {
    agentId,
    name,
    email,
    groups: ['Sales'],
    kpis: {
      chats: 12,
      valid_reception_rate: 0.5,
      avg_first_response: 9_000,
      fcr_24h: null,
      satisfaction: null,
      response_warn_rate: null,
    },
    counts: counts({ chats: 12 }),
  };
}

const WORKLOAD = [
  row('j1', 'José', 'jose.alvarez@acme-support.example'),
  row('z1', '张芳', 'zhang.fang@acme-support.example'),
  row('j2', 'José', 'jose.garcia@acme-support.example'),
];

function setup() {
  const clock = createFakeClock(NOW);
  const detailCalls: { range: DateRange; agentId: string }[] = [];
  const stats = createStatsService({
    backend: {
      ...unusedBackend(),
      directory: async () => DIRECTORY,
      agentWorkload: async () => WORKLOAD,
      async agentDetail(range, agentId): Promise<AgentDetail | null> {
        detailCalls.push({ range, agentId });
        const found = WORKLOAD.find((r) => r.agentId === agentId);
        if (!found) return null;
        return {
          row: found,
          responseTimes: {
            firstMs: 9_000,
            averageMs: null,
            maxMs: null,
            within30sRate: null,
            within60sRate: null,
          },
          ratings: { scale: null, distribution: [], averageScore: null },
          workStatus: null,
        };
      },
    },
    cache: createQueryCache({ clock }),
    clock,
  });
  const deps: CommandDeps = {
    stats,
    clock,
    timeZone: ZONE,
    lang: 'en',
    consoleUrl: 'https://sg.sobot.io',
    access: accessFor(),
    audit: memoryAudit(),
  };
  return { deps, detailCalls, router: createCommands(deps) };
}

async function failure(run: Promise<unknown>): Promise<UserInputError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return error as UserInputError;
}

const headerOf = (blocks: unknown[]) =>
  (blocks as { type: string; text?: { text: string } }[]).find((b) => b.type === 'header')?.text?.text;

describe('splitNameAndPeriod', () => {
  const { deps } = setup();

  it('takes the longest trailing words that make a period', () => {
    expect(splitNameAndPeriod(['José', 'Álvarez', 'last', 'week'], deps)).toEqual({
      name: 'José Álvarez',
      periodWords: ['last', 'week'],
      range: LAST_WEEK,
    });
    expect(splitNameAndPeriod(['jose', 'last', '7', 'days'], deps).periodWords).toEqual([
      'last',
      '7',
      'days',
    ]);
    expect(splitNameAndPeriod(['mia', '2026-11-01..2026-11-15'], deps).range).toEqual({
      from: '2026-11-01',
      to: '2026-11-15',
      timeZone: ZONE,
    });
  });

  it('reads every word as the name when no period follows, for yesterday', () => {
    expect(splitNameAndPeriod(['jose'], deps)).toEqual({ name: 'jose', periodWords: [], range: YESTERDAY });
  });

  it('reports a misspelt period as a period, with the command corrected', () => {
    const error = (() => {
      try {
        splitNameAndPeriod(['José', 'Álvarez', 'yesterdy'], deps);
      } catch (e) {
        return e as UserInputError;
      }
      return null;
    })();
    expect(error?.message).toContain('I don\'t know the period "yesterdy". Did you mean "yesterday"?');
    expect(error?.example).toBe('/sobot agent José Álvarez yesterday');
  });

  it('finds the period after a name of any length, reading only the last words for it', () => {
    // Each call was quadratic in the words once (12,000 characters held the event loop 28 s); the
    // property's thousands of words per run finish within the test's timeout only when it is linear.
    const nameWord = fc.stringMatching(/^[^\s\d"“”]{1,12}$/);
    fc.assert(
      fc.property(fc.array(nameWord, { minLength: 1, maxLength: 4_000, size: 'max' }), (name) => {
        const words = [...name, 'last', '7', 'days'];
        const split = splitNameAndPeriod(words, deps);
        expect(split.periodWords).toEqual(['last', '7', 'days']);
        expect(split.name).toBe(name.join(' '));
      }),
      { numRuns: 30 },
    );
  });

  it('answers any long text with a card request or a clear problem, never by hanging', () => {
    const word = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('last', '7', 'days', '2026-11-01', '..'),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4_000, size: 'max' }), (words) => {
        try {
          splitNameAndPeriod(words, deps);
        } catch (error) {
          expect(error).toBeInstanceOf(UserInputError);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('asks which agent when only a period is given', () => {
    expect(() => splitNameAndPeriod(['last', 'week'], deps)).toThrow('Which agent?');
    expect(() => splitNameAndPeriod([], deps)).toThrow('Which agent?');
  });
});

describe('/sobot agent', () => {
  it('finds the agent by an accent-free, partial name and shows the card for the period', async () => {
    const { router, detailCalls } = setup();
    const message = await router.run('agent jose alv last week', ctx);
    expect(detailCalls).toEqual([{ range: LAST_WEEK, agentId: 'j1' }]);
    expect(headerOf(message.blocks)).toBe('Agent · José Álvarez · Mon 16 – Sun 22 Nov 2026');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('finds an agent by email in the period’s workload, named as the directory names them', async () => {
    const { router, detailCalls } = setup();
    const message = await router.run('agent zhang.fang@acme-support.example yesterday', ctx);
    expect(detailCalls).toEqual([{ range: YESTERDAY, agentId: 'z1' }]);
    expect(headerOf(message.blocks)).toBe('Agent · 张芳 · Sun 22 Nov 2026');
  });

  it('says so when no agent of the period has that email', async () => {
    const { router, detailCalls } = setup();
    const error = await failure(router.run('agent nobody@acme-support.example', ctx));
    expect(error.message).toContain('There is no agent "nobody@acme-support.example"');
    expect(error.message).toContain('No agent with that email handled chats in this period.');
    expect(detailCalls).toEqual([]);
  });

  it('offers the choice when several agents match, as commands to retype', async () => {
    const { router, detailCalls } = setup();
    const error = await failure(router.run('agent jose last week', ctx));
    expect(error.message).toContain('Several agents match "jose": José Álvarez, José García.');
    expect(error.message).toContain("Retype the name as listed, or give the agent's email.");
    expect(error.example).toBe('/sobot agent José Álvarez last week');
    expect(detailCalls).toEqual([]);
  });

  it('lists the emails when a partial email matches several agents', async () => {
    const { router } = setup();
    const error = await failure(router.run('agent @acme-support.example public', ctx));
    expect(error.message).toContain(
      'jose.alvarez@acme-support.example, zhang.fang@acme-support.example, jose.garcia@acme-support.example',
    );
    expect(error.example).toBe('/sobot agent jose.alvarez@acme-support.example public');
  });

  it('answers a misspelt name with the close names and a command that works', async () => {
    const { router } = setup();
    const error = await failure(router.run('agent Jsoe Garcia yesterday', ctx));
    expect(error.message).toContain('There is no agent "Jsoe Garcia". Close names: José García.');
    expect(error.example).toBe('/sobot agent José García yesterday');
  });

  it('shows "no chats" for a known agent without a workload row', async () => {
    const { router, detailCalls } = setup();
    const message = await router.run('agent mia', ctx);
    expect(detailCalls).toEqual([{ range: YESTERDAY, agentId: 'm1' }]);
    expect(message.text).toBe('Agent · Mia &lt;Trainee&gt; Chen · Sun 22 Nov 2026: No chats in this period.');
  });
});
