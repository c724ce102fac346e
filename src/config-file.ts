// The optional YAML config file (BOT_CONFIG): who may manage the bot, scheduled digests and
// alert rules. Validated with zod at start; every problem names the file, the line, the path in
// it and what is expected, and all of them are reported together.

import { existsSync, readFileSync } from 'node:fs';
import { validateDetailed } from 'node-cron';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { parseDuration } from './duration.ts';
import { ConfigError } from './errors.ts';
import { say, t } from './i18n/catalogue.ts';
import type { KpiId } from './stats/kpi-ids.ts';
import { AGENT_KPIS, findKpi, KPIS, SCOPE_KPIS } from './stats/kpis.ts';
import type { Dimension } from './stats/model.ts';
import { parsePeriod } from './stats/period.ts';
import { AGENT_ROWS_NOT_FILTERED_BY, unfilterableBy } from './stats/scope.ts';
import { isTimeZone } from './time-zone.ts';

export const DIGEST_SECTIONS = ['overview', 'agents', 'satisfaction', 'bot'] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

/** Filters as users name them, the same words the commands take. */
export type FilterWords = Partial<Record<'group' | 'dept' | 'channel' | 'agent' | 'robot', string>>;

/**
 * An agent needs attention when, with at least `minChats` chats, their valid reception or
 * satisfaction is below its floor when one is set, else more than `belowTeam` (a fraction: 0.1 is
 * 10 points) below the team's own rate. Relative by default: a team whose satisfaction is 60% does
 * not have 67 of 75 agents "under 80%".
 */
export interface AttentionRule {
  belowTeam: number;
  minChats: number;
  validReception: number | null;
  satisfaction: number | null;
}

export const DEFAULT_ATTENTION: AttentionRule = {
  belowTeam: 0.1,
  minChats: 10,
  validReception: null,
  satisfaction: null,
};

export interface DigestDefinition {
  name: string;
  /** A channel id (C…) or `#name`. */
  channel: string;
  schedule: string;
  timeZone: string;
  period: string;
  filters: FilterWords;
  sections: DigestSection[];
  /** Slack mrkdwn that notifies: `<!here>`, `<!subteam^S…>`, `<@U…>`. */
  mention: string | null;
  /** Which agents the digest names as needing attention. */
  attention: AttentionRule;
  /** A period that ended less than this long ago may not be complete in Sobot yet. */
  graceMs: number;
  /** A digest missed while the bot was down is still posted this long after its time. */
  catchUpMs: number;
  source: 'file' | 'slack';
}

export type AlertScope =
  | { kind: 'overall' }
  | { kind: 'group' | 'dept' | 'channel'; name: string }
  | { kind: 'each-agent' | 'each-group' };

export interface AlertRule {
  name: string;
  kpi: KpiId;
  scope: AlertScope;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  clear: number;
  period: string;
  check: string;
  timeZone: string;
  for: number;
  minVolume: number;
  channel: string;
  mention: string | null;
  repeatMs: number;
  noData: 'keep' | 'ok' | 'alert';
  /** The config file's rules are read-only from Slack; Slack ones live in the store. */
  source: 'file' | 'slack';
}

/** Who may do what (`access:` in the file): the one table src/slack/access.ts applies everywhere. */
export interface AccessRules {
  /** Slack user ids (U…, W…) and user group ids (S…) who may manage digests and alerts. */
  admins: string[];
  /** Users and user groups who may see agent-level figures (admins always may); null: everyone. */
  viewers: string[] | null;
  /** Channel ids or `#names` where `public` answers may be posted; null: anywhere. */
  channels: string[] | null;
  mute: {
    /** Who besides the admins may mute an alert: the members of its channel, or nobody. */
    by: 'admins' | 'channel-members';
    /** The shortest and the longest mute anyone may set. */
    minMs: number;
    maxMs: number;
  };
}

export interface FileConfig {
  access: AccessRules;
  digests: DigestDefinition[];
  alerts: AlertRule[];
}

export const DEFAULT_ACCESS: AccessRules = {
  admins: [],
  viewers: null,
  channels: null,
  mute: { by: 'channel-members', minMs: 60_000, maxMs: 7 * 86_400_000 },
};

export const EMPTY_FILE_CONFIG: FileConfig = { access: DEFAULT_ACCESS, digests: [], alerts: [] };

/** What a digest or alert rule may be called. */
export const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const CHANNEL = /^(?:[CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9._-]{0,79})$/;
const ADMIN = /^[UWS][A-Z0-9]{2,}$/;

const cron = z.string().superRefine((text, ctx) => {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a 5-field cron expression (minute hour day month weekday) such as "0 9 * * 1-5", got "${text}"`,
    });
    return;
  }
  const result = validateDetailed(text);
  if (!result.valid) {
    const why = result.errors.map((e) => e.message).join('; ');
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a valid cron expression: ${why}` });
  }
});

const duration = (example: string) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parseDuration(String(value));
    if (ms === null) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as "${example}" (s, m, h, d), or 0`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** A fraction: 0.8 or "80%". */
const fraction = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = String(value).trim();
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a share between 0 and 1 such as 0.8 or "80%", got ${text}`,
    });
    return z.NEVER;
  }
  return n;
});

/** An alert limit in the KPI's unit: a number, or a percentage such as "20%" for a rate (0.2). */
const limit = (fractionExample: string, percentExample: string) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    if (typeof value === 'number') return { value, percent: false };
    const match = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(value.trim());
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a number, or for a rate ${fractionExample} or "${percentExample}", got ${value}`,
      });
      return z.NEVER;
    }
    return { value: Number(match[1]) / 100, percent: true };
  });

/** Percentage points: "10 pts" (or "10pts") or a fraction such as 0.1. */
const points = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = String(value).trim();
  const pts = /^(\d+(?:\.\d+)?)\s*pts?$/.exec(text);
  const n = pts ? Number(pts[1]) / 100 : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `expected percentage points such as "10 pts" (or 0.1), got ${text}`,
    });
    return z.NEVER;
  }
  return n;
});

const mention = z
  .string()
  .transform((text) => {
    const special: Record<string, string> = {
      '@here': '<!here>',
      '@channel': '<!channel>',
      '@everyone': '<!everyone>',
    };
    return special[text.trim()] ?? text.trim();
  })
  .refine(
    (text) =>
      /^(?:<!(?:here|channel|everyone)>|<!subteam\^S[A-Z0-9]+(?:\|[^>]*)?>|<@[UW][A-Z0-9]+>)(?:\s+\S.*)?$/.test(
        text,
      ),
    {
      message: 'expected "@here", "@channel", "<!subteam^S0123>" or "<@U0123>"',
    },
  )
  .nullable()
  .default(null);

const name = z
  .string()
  .regex(NAME, 'expected a short name of lower-case letters, digits, "-" or "_" such as "morning"');
const channel = z
  .string()
  .regex(CHANNEL, 'expected a channel id such as C0123456789 or a name such as "#cs-leads"');

function periodChecked(defaultPeriod: string) {
  return z
    .string()
    .default(defaultPeriod)
    .superRefine((text, ctx) => {
      const result = parsePeriod(text, { now: Date.now(), timeZone: 'UTC' });
      if (!result.ok)
        ctx.addIssue({
          code: 'custom',
          message: `expected a period such as "yesterday": ${say('en', result.problem)}`,
        });
    });
}

const timeZone = z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai').optional();

const filters = z
  .object({
    group: z.string().optional(),
    dept: z.string().optional(),
    channel: z.string().optional(),
    agent: z.string().optional(),
    robot: z.string().optional(),
  })
  .strict()
  .default({});

const digestSchema = z
  .object({
    name,
    channel,
    schedule: cron,
    timezone: timeZone,
    period: periodChecked('yesterday'),
    filters,
    sections: z
      .array(z.enum(DIGEST_SECTIONS, { message: `expected one of ${DIGEST_SECTIONS.join(', ')}` }))
      .min(1)
      .default(['overview', 'agents', 'satisfaction']),
    mention,
    attention: z
      .object({
        below_team: points.default(DEFAULT_ATTENTION.belowTeam),
        min_chats: z.number().int().min(0).default(DEFAULT_ATTENTION.minChats),
        valid_reception: fraction.optional(),
        satisfaction: fraction.optional(),
      })
      .strict()
      .default({ below_team: DEFAULT_ATTENTION.belowTeam, min_chats: DEFAULT_ATTENTION.minChats }),
    grace: duration('2h').default(2 * 3_600_000),
    catch_up: duration('6h').default(6 * 3_600_000),
  })
  .strict()
  .superRefine((digest, ctx) => {
    for (const { section, options } of sectionsBeyondFilters(digest.sections, digest.filters)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections'],
        message: `Sobot cannot narrow the ${section} section by ${options.map((o) => `${o}:`).join(' or ')}; ${t('en', BEYOND[section])}. Drop "${section}" from sections or the filter`,
      });
    }
  });

/** The config's filter words and the dimensions they name. */
const FILTER_DIMENSIONS = [
  ['group', 'group'],
  ['dept', 'department'],
  ['channel', 'channel'],
  ['agent', 'agent'],
  ['robot', 'robot'],
] as const satisfies readonly (readonly [keyof FilterWords, Dimension])[];

/**
 * The filters each section's Sobot figures cannot be narrowed by (src/stats/scope.ts). The overview
 * marks each such figure on its own line instead ("Bot chats (company-wide)").
 */
const SECTION_NOT_FILTERED_BY: Record<DigestSection, readonly Dimension[]> = {
  overview: [],
  bot: unfilterableBy('bot_chats'),
  satisfaction: unfilterableBy('satisfaction'),
  agents: AGENT_ROWS_NOT_FILTERED_BY,
};

/** Why such a section cannot be shown, for the message that refuses or drops it. */
export const BEYOND: Record<Exclude<DigestSection, 'overview'>, `digest.beyond.${'wider' | 'workload'}`> = {
  bot: 'digest.beyond.wider',
  satisfaction: 'digest.beyond.wider',
  agents: 'digest.beyond.workload',
};

/**
 * The sections of a digest Sobot cannot narrow to its filters, with the filter words each ignores:
 * the config file refuses them, `/sobot digest subscribe` leaves them out and says so.
 */
export function sectionsBeyondFilters(
  sections: readonly DigestSection[],
  filters: FilterWords,
): { section: Exclude<DigestSection, 'overview'>; options: (keyof FilterWords)[] }[] {
  return sections.flatMap((section) => {
    if (section === 'overview') return [];
    const options = FILTER_DIMENSIONS.filter(
      ([option, dimension]) => filters[option] && SECTION_NOT_FILTERED_BY[section].includes(dimension),
    ).map(([option]) => option);
    return options.length ? [{ section, options }] : [];
  });
}

/** The dimension an alert scope narrows by (each-agent rules take the per-agent KPIs, checked apart). */
const SCOPE_DIMENSION: Record<AlertScope['kind'], Dimension | null> = {
  overall: null,
  'each-agent': null,
  'each-group': 'group',
  group: 'group',
  dept: 'department',
  channel: 'channel',
};

/**
 * Why Sobot cannot give `kpi` for a scope of this kind: per agent or per group only some KPIs exist,
 * and some KPIs are not split by the scope's dimension. Null when it can.
 */
export function alertScopeConflict(
  kpi: KpiId,
  kind: AlertScope['kind'],
): { per: 'agent' | 'group'; allowed: readonly KpiId[] } | { dimension: Dimension } | null {
  const perScope = kind === 'each-agent' ? AGENT_KPIS : kind === 'each-group' ? SCOPE_KPIS : null;
  if (perScope && !perScope.includes(kpi))
    return { per: kind === 'each-agent' ? 'agent' : 'group', allowed: perScope };
  const dimension = SCOPE_DIMENSION[kind];
  return dimension && unfilterableBy(kpi).includes(dimension) ? { dimension } : null;
}

const SCOPE = /^(?:overall|each-agent|each-group|(group|dept|channel):(.+))$/;

const alertSchema = z
  .object({
    name,
    kpi: z.string().transform((word, ctx) => {
      const kpi = findKpi(word);
      if (!kpi) {
        ctx.addIssue({
          code: 'custom',
          message: `"${word}" is not a KPI; expected one of the ids in README "KPIs"`,
        });
        return z.NEVER;
      }
      return kpi.id;
    }),
    scope: z
      .string()
      .default('overall')
      .transform((text, ctx): AlertScope => {
        const match = SCOPE.exec(text.trim());
        if (!match) {
          ctx.addIssue({
            code: 'custom',
            message: 'expected overall, each-agent, each-group, group:<name>, dept:<name> or channel:<name>',
          });
          return z.NEVER;
        }
        const [, kind, scopeName] = match;
        if (kind) return { kind: kind as 'group' | 'dept' | 'channel', name: (scopeName as string).trim() };
        return { kind: text.trim() as 'overall' | 'each-agent' | 'each-group' };
      }),
    op: z.enum(['>', '>=', '<', '<='], { message: 'expected one of ">", ">=", "<", "<="' }),
    threshold: limit('0.2', '20%'),
    clear: limit('0.15', '15%').optional(),
    period: periodChecked('today'),
    check: cron.default('*/10 9-18 * * 1-5'),
    timezone: timeZone,
    for: z.number().int().min(1, 'expected a whole number of checks, 1 or more').default(1),
    min_volume: z.number().int().min(0).default(0),
    channel,
    mention,
    repeat: duration('2h').default(0),
    no_data: z.enum(['keep', 'ok', 'alert'], { message: 'expected keep, ok or alert' }).default('keep'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const conflict = alertScopeConflict(rule.kpi, rule.scope.kind);
    if (conflict && 'allowed' in conflict) {
      ctx.addIssue({
        code: 'custom',
        path: ['kpi'],
        message: `Sobot gives each ${conflict.per} only ${conflict.allowed.join(', ')}; "${rule.kpi}" cannot be watched per ${conflict.per}`,
      });
    } else if (conflict) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: `Sobot does not split ${rule.kpi} by ${conflict.dimension}: every ${conflict.dimension} would show the company's figure. Watch it with scope: overall`,
      });
    }
    const unit = KPIS[rule.kpi].unit;
    for (const key of ['threshold', 'clear'] as const) {
      if (unit !== 'ratio' && rule[key]?.percent) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `a percentage fits a rate; ${rule.kpi} is a ${unit}: give ${unit === 'duration' ? 'seconds, such as 45' : 'a plain number'}`,
        });
      }
    }
    if (rule.clear === undefined) return;
    const [threshold, clear] = [rule.threshold.value, rule.clear.value];
    const rising = rule.op === '>' || rule.op === '>=';
    if (rising ? clear > threshold : clear < threshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['clear'],
        message: `expected clear ${rising ? 'at or below' : 'at or above'} the threshold ${threshold} (it is where a firing alert resolves)`,
      });
    }
  });

const uniqueNames = (what: string) => (items: { name: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `another ${what} is already called "${item.name}"`,
      });
    }
    seen.add(item.name);
  });
};

const people = z.array(
  z.string().regex(ADMIN, 'expected a Slack user id (U0123…) or user group id (S0123…)'),
);

const accessSchema = z
  .object({
    admins: people.default([]),
    viewers: people.optional(),
    channels: z.array(channel).optional(),
    mute: z
      .object({
        by: z
          .enum(['admins', 'channel-members'], { message: 'expected admins or channel-members' })
          .default('channel-members'),
        min: duration('1m').default(DEFAULT_ACCESS.mute.minMs),
        max: duration('7d').default(DEFAULT_ACCESS.mute.maxMs),
      })
      .strict()
      .prefault({})
      .refine((mute) => mute.min > 0 && mute.min <= mute.max, {
        message: 'expected 0 < min <= max (durations such as 1m and 7d)',
      }),
  })
  .strict()
  .prefault({});

const fileSchema = z
  .object({
    access: accessSchema,
    digests: z.array(digestSchema).default([]).superRefine(uniqueNames('digest')),
    alerts: z.array(alertSchema).default([]).superRefine(uniqueNames('alert')),
  })
  .strict();

type ParsedFile = z.infer<typeof fileSchema>;

function toFileConfig(parsed: ParsedFile, defaultTimeZone: string): FileConfig {
  const { access } = parsed;
  return {
    access: {
      admins: access.admins,
      viewers: access.viewers ?? null,
      channels: access.channels ?? null,
      mute: { by: access.mute.by, minMs: access.mute.min, maxMs: access.mute.max },
    },
    digests: parsed.digests.map((d) => ({
      name: d.name,
      channel: d.channel,
      schedule: d.schedule.trim(),
      timeZone: d.timezone ?? defaultTimeZone,
      period: d.period,
      filters: d.filters,
      sections: [...new Set(d.sections)],
      mention: d.mention,
      attention: {
        belowTeam: d.attention.below_team,
        minChats: d.attention.min_chats,
        validReception: d.attention.valid_reception ?? null,
        satisfaction: d.attention.satisfaction ?? null,
      },
      graceMs: d.grace,
      catchUpMs: d.catch_up,
      source: 'file',
    })),
    alerts: parsed.alerts.map((a) => ({
      name: a.name,
      kpi: a.kpi,
      scope: a.scope,
      op: a.op,
      threshold: a.threshold.value,
      clear: (a.clear ?? a.threshold).value,
      period: a.period,
      check: a.check.trim(),
      timeZone: a.timezone ?? defaultTimeZone,
      for: a.for,
      minVolume: a.min_volume,
      channel: a.channel,
      mention: a.mention,
      repeatMs: a.repeat,
      noData: a.no_data,
      source: 'file',
    })),
  };
}

/** `digests[0].schedule` from zod's path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * Parses the text of a config file. `file` only names it in messages. Throws ConfigError listing
 * every problem as `<file>:<line> <path>: <what is expected>`.
 */
export function parseConfigFile(text: string, file: string, defaultTimeZone: string): FileConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map(
        (e) => `${file}:${lineCounter.linePos(e.pos[0]).line} is not valid YAML: ${e.message.split('\n')[0]}`,
      ),
    );
  }
  const raw = doc.toJS() ?? {};
  const parsed = fileSchema.safeParse(raw);
  if (parsed.success) return toFileConfig(parsed.data, defaultTimeZone);
  const lineOf = (path: readonly PropertyKey[]): string => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as
        | { range?: [number, number] }
        | undefined;
      if (node?.range) return `:${lineCounter.linePos(node.range[0]).line}`;
    }
    return '';
  };
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const where = pathText(issue.path);
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against README "Config file")`
          : issue.code !== 'custom' && valueAt(raw, issue.path) === undefined
            ? 'is required'
            : issue.message;
      return `${file}${lineOf(issue.path)} ${where || '(top level)'}: ${message}`;
    }),
  );
}

/** The value at `path` in the file as written (zod 4 issues do not carry their input). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The file named by BOT_CONFIG, or ./bot.config.yml when present; none → an empty config. */
export function loadConfigFile(explicitPath: string | null, defaultTimeZone: string): FileConfig {
  const path = explicitPath ?? (existsSync('bot.config.yml') ? 'bot.config.yml' : null);
  if (path === null) return EMPTY_FILE_CONFIG;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      `BOT_CONFIG=${path} cannot be read (${code === 'ENOENT' ? 'no such file' : code}); point it at your bot.config.yml or unset it`,
    ]);
  }
  return parseConfigFile(text, path, defaultTimeZone);
}
