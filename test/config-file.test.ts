import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_ACCESS, parseConfigFile } from '../src/config-file.ts';
import { ConfigError } from '../src/errors.ts';

const ISSUE_EXAMPLE = `
access:
  admins: [U0123ABCD, S0456EFGH]
digests:
  - name: morning
    channel: C0123456789        # or "#cs-leads"
    schedule: "0 9 * * 1-5"     # cron, in the digest's time zone
    timezone: Asia/Shanghai     # default SOBOT_TIMEZONE
    period: yesterday           # any period the commands accept
    filters: { group: Sales }   # optional audience
    sections: [overview, agents, satisfaction]
    mention: "@here"            # optional
alerts:
  - name: response-warnings-high
    kpi: response_warn_rate
    scope: group:Sales
    op: ">"
    threshold: 0.20
    clear: 0.15
    period: today
    check: "*/10 9-21 * * 1-5"
    for: 2
    min_volume: 20
    channel: "#cs-alerts"
    mention: "<!subteam^S0123>"
    repeat: 2h
    no_data: keep
`;

function problemsOf(text: string): string[] {
  try {
    parseConfigFile(text, 'bot.config.yml', 'Europe/Berlin');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseConfigFile', () => {
  it("reads the issues' own example", () => {
    const file = parseConfigFile(ISSUE_EXAMPLE, 'bot.config.yml', 'Europe/Berlin');
    expect(file.access.admins).toEqual(['U0123ABCD', 'S0456EFGH']);
    expect(file.digests).toEqual([
      {
        name: 'morning',
        channel: 'C0123456789',
        schedule: '0 9 * * 1-5',
        timeZone: 'Asia/Shanghai',
        period: 'yesterday',
        filters: { group: 'Sales' },
        sections: ['overview', 'agents', 'satisfaction'],
        mention: '<!here>',
        attention: { belowTeam: 0.1, minChats: 10, validReception: null, satisfaction: null },
        graceMs: 2 * 3_600_000,
        catchUpMs: 6 * 3_600_000,
        source: 'file',
      },
    ]);
    expect(file.alerts).toEqual([
      {
        name: 'response-warnings-high',
        kpi: 'response_warn_rate',
        scope: { kind: 'group', name: 'Sales' },
        op: '>',
        threshold: 0.2,
        clear: 0.15,
        period: 'today',
        check: '*/10 9-21 * * 1-5',
        timeZone: 'Europe/Berlin',
        for: 2,
        minVolume: 20,
        channel: '#cs-alerts',
        mention: '<!subteam^S0123>',
        repeatMs: 2 * 3_600_000,
        noData: 'keep',
        source: 'file',
      },
    ]);
  });

  it('fills defaults: the company time zone, yesterday, all main sections, clear = threshold', () => {
    const file = parseConfigFile(
      'digests:\n  - { name: d, channel: "#leads", schedule: "0 9 * * *" }\nalerts:\n  - { name: a, kpi: fcr, op: "<", threshold: 0.5, channel: C0123456789 }\n',
      'x.yml',
      'America/New_York',
    );
    expect(file.digests[0]).toMatchObject({
      timeZone: 'America/New_York',
      period: 'yesterday',
      mention: null,
    });
    expect(file.digests[0]?.sections).toEqual(['overview', 'agents', 'satisfaction']);
    expect(file.alerts[0]).toMatchObject({
      kpi: 'fcr_24h',
      scope: { kind: 'overall' },
      clear: 0.5,
      period: 'today',
      for: 1,
      repeatMs: 0,
      noData: 'keep',
    });
    expect(file.access).toEqual(DEFAULT_ACCESS);
  });

  it('reads the access table: viewers, channels and mute bounds', () => {
    const file = parseConfigFile(
      [
        'access:',
        '  admins: [U0ADMIN]',
        '  viewers: [S0LEADS, U0VIEWER]',
        '  channels: [C0CSTEAM, "#cs-public"]',
        '  mute: { by: admins, min: 5m, max: 1d }',
      ].join('\n'),
      'x.yml',
      'UTC',
    );
    expect(file.access).toEqual({
      admins: ['U0ADMIN'],
      viewers: ['S0LEADS', 'U0VIEWER'],
      channels: ['C0CSTEAM', '#cs-public'],
      mute: { by: 'admins', minMs: 300_000, maxMs: 86_400_000 },
    });
  });

  it('names what is wrong with the access table', () => {
    expect(
      problemsOf(
        [
          'access:',
          '  viewers: [everyone]',
          '  channels: [general]',
          '  mute: { by: anyone, min: 2d, max: 1h }',
        ].join('\n'),
      ),
    ).toEqual([
      'bot.config.yml:2 access.viewers[0]: expected a Slack user id (U0123…) or user group id (S0123…)',
      'bot.config.yml:3 access.channels[0]: expected a channel id such as C0123456789 or a name such as "#cs-leads"',
      'bot.config.yml:4 access.mute.by: expected admins or channel-members',
    ]);
    expect(problemsOf('access:\n  mute: { min: 2d, max: 1h }\n')).toEqual([
      'bot.config.yml:2 access.mute: expected 0 < min <= max (durations such as 1m and 7d)',
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseConfigFile('', 'x.yml', 'UTC')).toEqual({ access: DEFAULT_ACCESS, digests: [], alerts: [] });
  });

  it('names the file, the line, the path and what is expected for each problem, all at once', () => {
    const problems = problemsOf(
      [
        'digests:', //                            1
        '  - name: morning', //                   2
        '    channel: general', //                3
        '    schedule: "0 9 * *"', //             4
        '    timezone: Mars/Olympus', //          5
        '    period: someday', //                 6
        'alerts:', //                             7
        '  - name: slow', //                      8
        '    kpi: happiness', //                  9
        '    op: ">"', //                         10
        '    threshold: 0.2', //                  11
        '    clear: 0.3', //                      12
        '    channel: "#alerts"', //              13
        '    scope: team:Sales', //               14
        '    repeat: soon', //                    15
      ].join('\n'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bot\.config\.yml:3 digests\[0\]\.channel: expected a channel id/),
        expect.stringMatching(
          /^bot\.config\.yml:4 digests\[0\]\.schedule: expected a 5-field cron expression/,
        ),
        expect.stringMatching(/^bot\.config\.yml:5 digests\[0\]\.timezone: expected an IANA time zone/),
        expect.stringMatching(
          /^bot\.config\.yml:6 digests\[0\]\.period: expected a period such as "yesterday"/,
        ),
        expect.stringMatching(/^bot\.config\.yml:9 alerts\[0\]\.kpi: "happiness" is not a KPI/),
        expect.stringMatching(/^bot\.config\.yml:14 alerts\[0\]\.scope: expected overall, each-agent/),
        expect.stringMatching(/^bot\.config\.yml:15 alerts\[0\]\.repeat: expected a duration such as "2h"/),
      ]),
    );
  });

  it('names a missing setting as required, at its parent', () => {
    expect(problemsOf('alerts:\n  - name: a\n    kpi: chats\n    op: ">"\n    threshold: 3\n')).toEqual([
      'bot.config.yml:2 alerts[0].channel: is required',
    ]);
  });

  it('names a value of the wrong kind for what it is, not as missing', () => {
    expect(
      problemsOf('alerts:\n  - { name: a, kpi: chats, op: ">", threshold: many, channel: "#a" }\n'),
    ).toEqual([
      'bot.config.yml:2 alerts[0].threshold: expected a number, or for a rate 0.2 or "20%", got many',
    ]);
    expect(problemsOf('alerts:\n  - { name: a, kpi: chats, threshold: 3, channel: "#a" }\n')).toEqual([
      'bot.config.yml:2 alerts[0].op: is required',
    ]);
  });

  it('takes a rate threshold as "8%", and refuses a percentage for a count or a duration', () => {
    const config = parseConfigFile(
      'alerts:\n  - { name: a, kpi: response_warn_rate, op: ">", threshold: 8%, clear: "6.5 %", channel: "#a" }\n',
      'bot.config.yml',
      'Asia/Shanghai',
    );
    expect(config.alerts[0]).toMatchObject({ threshold: 0.08, clear: 0.065 });
    expect(
      problemsOf(
        'alerts:\n  - { name: a, kpi: chats, op: "<", threshold: 10%, channel: "#a" }\n  - { name: b, kpi: avg_first_response, op: ">", threshold: 40, clear: 30%, channel: "#a" }\n',
      ),
    ).toEqual([
      'bot.config.yml:2 alerts[0].threshold: a percentage fits a rate; chats is a count: give a plain number',
      'bot.config.yml:3 alerts[1].clear: a percentage fits a rate; avg_first_response is a duration: give seconds, such as 45',
    ]);
  });

  it('refuses a clear level on the wrong side of the threshold', () => {
    const problems = problemsOf(
      'alerts:\n  - { name: a, kpi: chats, op: "<", threshold: 10, clear: 5, channel: "#a" }\n',
    );
    expect(problems).toEqual([
      expect.stringContaining('alerts[0].clear: expected clear at or above the threshold 10'),
    ]);
  });

  it('refuses a rule or digest on figures Sobot cannot narrow to its scope or filters', () => {
    const problems = problemsOf(
      [
        'alerts:',
        '  - { name: bot-sales, kpi: bot_self_service_rate, scope: "group:Sales", op: "<", threshold: 0.5, channel: "#a" }',
        '  - { name: bot-groups, kpi: bot_chats, scope: each-group, op: "<", threshold: 5, channel: "#a" }',
        '  - { name: bot-web, kpi: bot_chats, scope: "channel:Web", op: "<", threshold: 5, channel: "#a" }',
        'digests:',
        '  - { name: d1, channel: "#a", schedule: "0 9 * * *", filters: { dept: East }, sections: [overview, bot] }',
        '  - { name: d2, channel: "#a", schedule: "0 9 * * *", filters: { robot: "1" }, sections: [satisfaction] }',
        '  - { name: d3, channel: "#a", schedule: "0 9 * * *", filters: { channel: Web }, sections: [bot, satisfaction] }',
        '  - { name: d4, channel: "#a", schedule: "0 9 * * *", filters: { channel: Web } }',
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^bot\.config\.yml:6 digests\[0\]\.sections: Sobot cannot narrow the bot section by dept:/,
      ),
      expect.stringMatching(
        /^bot\.config\.yml:7 digests\[1\]\.sections: Sobot cannot narrow the satisfaction section by robot:/,
      ),
      // The default sections include the agents' table, which Sobot gives by agent, group and department only.
      'bot.config.yml:9 digests[3].sections: Sobot cannot narrow the agents section by channel:; its workload report is asked by agent, skill group and department only. Drop "agents" from sections or the filter',
      expect.stringMatching(
        /^bot\.config\.yml:2 alerts\[0\]\.scope: Sobot does not split bot_self_service_rate by group/,
      ),
      expect.stringMatching(
        /^bot\.config\.yml:3 alerts\[1\]\.scope: Sobot does not split bot_chats by group/,
      ),
    ]);
  });

  it('refuses unknown settings (typos) and duplicate names', () => {
    const problems = problemsOf(
      'digests:\n  - { name: d, channel: "#a", schedule: "0 9 * * *", shedule: x }\n  - { name: d, channel: "#a", schedule: "0 9 * * *" }\n',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('digests[0]: unknown setting "shedule"'),
        expect.stringContaining('digests[1].name: another digest is already called "d"'),
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('digests:\n  - name: [unclosed\n')).toEqual([
      expect.stringMatching(/^bot\.config\.yml:\d+ is not valid YAML: /),
    ]);
  });

  it('takes fractions as 0.7 or "70%" and refuses a share above 1', () => {
    const file = parseConfigFile(
      'digests:\n  - { name: d, channel: "#a", schedule: "0 9 * * *", attention: { valid_reception: "70%", satisfaction: 0.9 } }\n',
      'x.yml',
      'UTC',
    );
    expect(file.digests[0]?.attention).toEqual({
      belowTeam: 0.1,
      minChats: 10,
      validReception: 0.7,
      satisfaction: 0.9,
    });
    expect(
      problemsOf(
        'digests:\n  - { name: d, channel: "#a", schedule: "0 9 * * *", attention: { satisfaction: 90 } }\n',
      ),
    ).toEqual([
      expect.stringContaining('digests[0].attention.satisfaction: expected a share between 0 and 1'),
    ]);
  });

  it('takes the gap to the team as "15 pts" or 0.15, and refuses one that is not points', () => {
    const attention = (text: string) =>
      parseConfigFile(
        `digests:\n  - { name: d, channel: "#a", schedule: "0 9 * * *", attention: ${text} }\n`,
        'x.yml',
        'UTC',
      ).digests[0]?.attention;
    expect(attention('{ below_team: "15 pts", min_chats: 20 }')).toEqual({
      belowTeam: 0.15,
      minChats: 20,
      validReception: null,
      satisfaction: null,
    });
    expect(attention('{ below_team: 0.05 }')?.belowTeam).toBe(0.05);
    expect(
      problemsOf(
        'digests:\n  - { name: d, channel: "#a", schedule: "0 9 * * *", attention: { below_team: lots } }\n',
      ),
    ).toEqual([
      expect.stringContaining('digests[0].attention.below_team: expected percentage points such as "10 pts"'),
    ]);
  });
});

describe('loadConfig with BOT_CONFIG', () => {
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'secret',
    SOBOT_APPID: 'app',
    SOBOT_APP_KEY: 'key',
    SOBOT_TIMEZONE: 'Europe/Paris',
  };

  it('loads the file, reading times in SOBOT_TIMEZONE by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sobot-config-'));
    const path = join(dir, 'bot.config.yml');
    writeFileSync(path, 'digests:\n  - { name: d, channel: "#a", schedule: "0 9 * * *" }\n');
    const config = loadConfig({ ...env, BOT_CONFIG: path });
    expect(config.file.digests[0]?.timeZone).toBe('Europe/Paris');
  });

  it('lists problems of the environment and of the file together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sobot-config-'));
    const path = join(dir, 'bot.config.yml');
    writeFileSync(path, 'access:\n  admins: [bob]\n');
    expect(() => loadConfig({ ...env, SOBOT_APPID: '', BOT_CONFIG: path })).toThrowError(
      expect.objectContaining({
        problems: [
          expect.stringContaining('SOBOT_APPID is required'),
          `${path}:2 access.admins[0]: expected a Slack user id (U0123…) or user group id (S0123…)`,
        ],
      }),
    );
  });

  it('says when BOT_CONFIG points at nothing', () => {
    expect(() => loadConfig({ ...env, BOT_CONFIG: '/nonexistent/bot.config.yml' })).toThrowError(
      /BOT_CONFIG=\/nonexistent\/bot\.config\.yml cannot be read \(no such file\)/,
    );
  });
});

describe('loadConfig with SOBOT_API=legacy', () => {
  it('names each rule or digest that asks legacy for what it does not give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sobot-config-'));
    const path = join(dir, 'bot.config.yml');
    writeFileSync(
      path,
      [
        'alerts:',
        '  - { name: slow-replies, kpi: response_warn_rate, op: ">", threshold: 0.2, channel: "#a" }',
        '  - { name: per-agent, kpi: chats, scope: each-agent, op: "<", threshold: 3, channel: "#a" }',
        '  - { name: volume, kpi: chats, op: "<", threshold: 10, channel: "#a" }',
        'digests:',
        '  - { name: sales, channel: "#a", schedule: "0 9 * * *", filters: { group: Sales } }',
      ].join('\n'),
    );
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SOBOT_APPID: 'app',
      SOBOT_APP_KEY: 'key',
      SOBOT_API: 'legacy',
      BOT_CONFIG: path,
    };
    expect(() => loadConfig(env)).toThrowError(
      expect.objectContaining({
        problems: [
          expect.stringMatching(
            /^alert "slow-replies": the legacy API \(SOBOT_API=legacy\) has no response_warn_rate/,
          ),
          'alert "per-agent": scope each-agent needs the v5 API; the legacy API gives company-wide totals only (scope: overall)',
          'digest "sales": filters need the v5 API; the legacy API gives company-wide totals only',
        ],
      }),
    );
    // The same file is fine for v5.
    expect(loadConfig({ ...env, SOBOT_API: 'v5' }).file.alerts).toHaveLength(3);
  });
});
