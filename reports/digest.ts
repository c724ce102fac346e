// The scheduled digest: a period at a glance in one compact channel message (headline KPIs with
// their change, the busiest agents, who needs attention, one chart), and the details that do not
// fit as a reply in its thread. Pure: the data comes in, Block Kit goes out.

import type { KnownBlock } from '@slack/types';
import type { ChartSpec } from '../src/charts/spec.ts';
import type { AttentionRule } from '../src/config-file.ts';
import { t } from '../src/i18n/catalogue.ts';
import { sentences } from '../src/i18n/units.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import { type BotMessage, escapeMrkdwn } from '../src/message/message.ts';
import type { BotFigures, SatisfactionFigures } from '../src/stats/cards.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
import { KPIS } from '../src/stats/kpis.ts';
import type {
  AgentKpis,
  AgentRow,
  DateRange,
  KpiValues,
  RatingUse,
  StatsFilters,
} from '../src/stats/model.ts';
import { withDistinctNames } from '../src/stats/names.ts';
import { chartDate, describeRange, periodWords } from '../src/stats/period.ts';
import {
  ATTENTION_KPIS,
  type AttentionFlag,
  type AttentionKpi,
  agentsNeedingAttention,
  attentionRuleText,
  gapText,
  type TeamRates,
} from './attention.ts';
import { headerBlock, showingText } from './blocks.ts';
import { changeOf, changeText } from './change.ts';
import { markedLabel } from './filters.ts';
import { formatCount, formatRatio, formatValue, type Lang, truncate } from './format.ts';
import { kpiLabel, type LabelContext, scalesNote } from './labels.ts';
import { kpiTable, sortByKpi } from './table.ts';

/** Headline KPIs in reading order; those the period has no value for are left out. */
const HEADLINE_KPIS: readonly KpiId[] = [
  'chats',
  'valid_reception_rate',
  'fcr_24h',
  'satisfaction',
  'avg_first_response',
  'response_warn_rate',
];
const TOP_AGENTS = 3;
/** Agents needing attention named in the message itself; the rest go to the thread. */
const ATTENTION_IN_MESSAGE = 5;

export interface DigestData {
  name: string;
  range: DateRange;
  previousRange: DateRange;
  /** "Skill group: Sales", or null. */
  filters: string | null;
  /** The filters as ids, to mark a headline figure Sobot cannot narrow to them (default: none). */
  scope?: StatsFilters;
  /** `ratings`: the scale the overview's satisfaction is on, where the API says. */
  overview: { current: KpiValues; previous: KpiValues; ratings?: RatingUse } | null;
  agents: AgentRow[] | null;
  /** The team line of the agents' table: what a relative attention rule compares with. */
  agentTotals?: AgentKpis | null;
  /** The scale the agents' satisfaction is on. */
  agentRatings?: RatingUse;
  satisfaction: SatisfactionFigures | null;
  bot: BotFigures | null;
  /** Chats and valid reception per day over the last days, for the chart. */
  week: { days: string[]; chats: (number | null)[]; validReception: (number | null)[] } | null;
  attention: AttentionRule;
  /** Sentences saying why the figures may not be final. */
  warnings: string[];
  /** Sections this deployment cannot fill, with the reason. */
  unavailable: string[];
  /** Set when the digest goes out after its time: the local wall time it was due. */
  lateFor: string | null;
  mention: string | null;
}

export interface DigestPost {
  main: BotMessage;
  /** Replies posted in the main message's thread, in order. */
  thread: BotMessage[];
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const section = (text: string): KnownBlock => ({
  type: 'section',
  text: mrkdwn(truncate(text, SLACK_LIMITS.sectionText)),
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [mrkdwn(truncate(text, SLACK_LIMITS.sectionText))],
});

function headlineFields(overview: NonNullable<DigestData['overview']>, scope: StatsFilters, lang: Lang) {
  const labels = { source: 'company', scale: overview.ratings?.scale } as const;
  return HEADLINE_KPIS.filter(
    (id) => overview.current[id] !== null && overview.current[id] !== undefined,
  ).map((id) => {
    const value = formatValue(KPIS[id].unit, overview.current[id] ?? null, lang);
    const change = changeText(changeOf(id, overview.current[id], overview.previous[id], lang), lang);
    const label = markedLabel(kpiLabel(id, lang, labels), id, scope, lang);
    return { id, text: `*${label}*\n${value}  _${change}_`, plain: `${label} ${value}` };
  });
}

const agentLabels = (data: DigestData): LabelContext => ({
  source: 'agents',
  scale: data.agentRatings?.scale,
});

/** "Amara (amara.rossi): 68 chats handled, Valid rec. 61.5% (15.9 pts below), Positive 61.5%". */
function agentLine(row: AgentRow, labels: LabelContext, lang: Lang, flag?: AttentionFlag): string {
  const flagged: AttentionKpi[] = flag ? [flag.kpi] : [];
  const figures = [...flagged, ...ATTENTION_KPIS.filter((id) => id !== flag?.kpi)]
    .filter((id) => row.kpis[id] !== null)
    .map((id) => {
      const figure = `${kpiLabel(id, lang, labels, 'short')} ${formatRatio(row.kpis[id])}`;
      return flag?.kpi === id ? t(lang, 'digest.gapNote', { figure, gap: gapText(flag, lang) }) : figure;
    });
  const chats = t(lang, 'digest.chatsHandled', { n: formatCount(row.kpis.chats) });
  const separator = t(lang, 'digest.figureSeparator');
  return t(lang, 'digest.agentLine', {
    name: escapeMrkdwn(row.name),
    figures: [chats, ...figures].join(separator),
  });
}

/** The team's rates a relative attention rule compares with: the agents' team line. */
const teamRates = (data: DigestData): TeamRates => ({
  valid_reception_rate: data.agentTotals?.valid_reception_rate ?? null,
  satisfaction: data.agentTotals?.satisfaction ?? null,
});

function weekChart(week: NonNullable<DigestData['week']>, timeZone: string, lang: Lang): ChartSpec {
  const day = (date: string): DateRange => ({ from: date, to: date, timeZone });
  const [first = '', last = first] = [week.days[0], week.days.at(-1)];
  return {
    title: t(lang, 'digest.chart'),
    subtitle: describeRange({ from: first, to: last, timeZone }, lang),
    lang,
    labels: week.days.map((date) => chartDate(day(date), lang)),
    series: [
      { label: KPIS.chats.label[lang], values: week.chats, unit: 'count', type: 'bar' },
      {
        label: KPIS.valid_reception_rate.label[lang],
        values: week.validReception,
        unit: 'ratio',
        type: 'line',
        axis: 'right',
      },
    ],
  };
}

/** The ratings; the positive share only when the headline does not already show it (one number, once). */
function satisfactionLine(figures: SatisfactionFigures, inHeadline: boolean, lang: Lang): string {
  const parts = [t(lang, 'digest.rated', { n: formatCount(figures.ratedChats) })];
  if (!inHeadline)
    parts.push(
      `${kpiLabel('satisfaction', lang, { source: 'company', scale: figures.scale })} ${formatRatio(figures.satisfaction)}`,
    );
  if (figures.resolvedRate !== null)
    parts.push(t(lang, 'digest.resolvedShare', { rate: formatRatio(figures.resolvedRate) }));
  return t(lang, 'text.labelled', {
    label: `*${t(lang, 'digest.satisfaction')}*`,
    value: parts.join(t(lang, 'list.figures')),
  });
}

function botLine(figures: BotFigures, lang: Lang): string {
  return t(lang, 'text.labelled', {
    label: `*${t(lang, 'digest.bot')}*`,
    value: t(lang, 'digest.botLine', {
      received: formatCount(figures.received),
      self: formatRatio(figures.selfServiceRate),
      transfers: formatCount(figures.transfersToAgents),
    }),
  });
}

/** Some of the digest's blocks, and what they say in the notification text. */
interface Part {
  blocks: KnownBlock[];
  plain: string[];
}

/** The header and the context line: the period, the scope, what it is compared with. */
function openingBlocks(data: DigestData, title: string, lang: Lang): KnownBlock[] {
  const scope = [
    data.range.timeZone,
    data.filters,
    t(lang, 'digest.compared', { range: describeRange(data.previousRange, lang) }),
  ]
    .filter(Boolean)
    .join(' · ');
  const note = scalesNote(data.overview?.ratings ?? data.agentRatings, lang);
  return [headerBlock(title), context(escapeMrkdwn([scope, note].filter(Boolean).join(' · ')))];
}

/** Before the figures: the configured mention, that it is late, and why the figures may not be final. */
function noticesPart(data: DigestData, lang: Lang): Part {
  const part: Part = { blocks: [], plain: [] };
  if (data.mention) part.blocks.push(section(data.mention));
  if (data.lateFor) part.blocks.push(context(t(lang, 'digest.late', { at: data.lateFor })));
  if (data.warnings.length > 0) {
    const incomplete = t(lang, 'digest.incomplete', {
      warnings: sentences(lang, data.warnings.map(escapeMrkdwn)),
    });
    part.blocks.push(section(incomplete));
    part.plain.push(incomplete);
  }
  return part;
}

/** The headline KPIs as fields, or "no chats" for a period Sobot counted none in. */
function headlinePart(
  overview: DigestData['overview'],
  fields: ReturnType<typeof headlineFields>,
  lang: Lang,
): Part {
  if (!overview) return { blocks: [], plain: [] };
  // Only chats Sobot counted as none: an unknown count is not "no chats".
  if (fields.length === 0 || overview.current.chats === 0) {
    return { blocks: [section(t(lang, 'report.noChats'))], plain: [t(lang, 'report.noChats')] };
  }
  return {
    blocks: [{ type: 'section', fields: fields.map((f) => mrkdwn(f.text)) }],
    plain: [fields.map((f) => f.plain).join(t(lang, 'list.figures'))],
  };
}

/** The attention rule in words, with the KPI names in the sentence's case. */
function ruleText(data: DigestData, labels: LabelContext, lang: Lang): string {
  const ruleLabels = {
    valid_reception_rate: kpiLabel('valid_reception_rate', lang, labels),
    satisfaction: kpiLabel('satisfaction', lang, labels),
  };
  if (lang === 'en') {
    ruleLabels.valid_reception_rate = ruleLabels.valid_reception_rate.toLowerCase();
    ruleLabels.satisfaction = ruleLabels.satisfaction.toLowerCase();
  }
  return attentionRuleText(data.attention, teamRates(data), ruleLabels, lang);
}

/** The busiest agents and those needing attention (the first few named, the rest left to the thread). */
function agentsPart(data: DigestData, rows: AgentRow[], lang: Lang): Part & { attention: AttentionFlag[] } {
  const labels = agentLabels(data);
  const agents = withDistinctNames(rows);
  const busiest = sortByKpi(agents, 'chats', 'desc')
    .filter((row) => (row.kpis.chats ?? 0) > 0)
    .slice(0, TOP_AGENTS);
  const attention = agentsNeedingAttention(agents, data.attention, teamRates(data), data.agentRatings?.scale);
  const listed = attention
    .slice(0, ATTENTION_IN_MESSAGE)
    .map((flag) => agentLine(flag.row, labels, lang, flag))
    .join(' · ');
  const named =
    attention.length > ATTENTION_IN_MESSAGE
      ? t(lang, 'digest.more', { named: listed, n: attention.length - ATTENTION_IN_MESSAGE })
      : listed;
  const lines = [
    t(lang, 'text.labelled', {
      label: `*${t(lang, 'digest.busiest')}*`,
      value: busiest.length ? busiest.map((row) => agentLine(row, labels, lang)).join(' · ') : '–',
    }),
    t(lang, 'digest.attentionRule', {
      label: `*${t(lang, 'digest.attention')}*`,
      rule: escapeMrkdwn(ruleText(data, labels, lang)),
      named: attention.length === 0 ? t(lang, 'attention.nobody') : named,
    }),
  ];
  return {
    blocks: [section(lines.join('\n'))],
    plain: [t(lang, 'digest.attentionCount', { count: attention.length })],
    attention,
  };
}

/** After the agents: the ratings, the chatbot, and the sections this deployment cannot fill. */
function closingBlocks(
  data: DigestData,
  fields: ReturnType<typeof headlineFields>,
  lang: Lang,
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (data.satisfaction) {
    const inHeadline = fields.some((field) => field.id === 'satisfaction');
    blocks.push(section(satisfactionLine(data.satisfaction, inHeadline, lang)));
  }
  if (data.bot) blocks.push(section(botLine(data.bot, lang)));
  if (data.unavailable.length > 0) blocks.push(context(data.unavailable.map(escapeMrkdwn).join(' · ')));
  return blocks;
}

export function digestMessage(data: DigestData, lang: Lang): DigestPost {
  const when = describeRange(data.range, lang);
  const title = truncate(t(lang, 'digest.title', { name: data.name, when }), SLACK_LIMITS.headerText);
  const fields = data.overview ? headlineFields(data.overview, data.scope ?? {}, lang) : [];
  const agents = data.agents ? agentsPart(data, data.agents, lang) : null;
  const parts = [
    noticesPart(data, lang),
    headlinePart(data.overview, fields, lang),
    ...(agents ? [agents] : []),
  ];
  const blocks = [
    ...openingBlocks(data, title, lang),
    ...parts.flatMap((part) => part.blocks),
    ...closingBlocks(data, fields, lang),
  ];
  const scope = [data.range.timeZone, data.filters].filter(Boolean).join(' · ');
  const main: BotMessage = {
    visibility: 'in_channel',
    // `text` is read as mrkdwn too: only the configured mention may notify anyone.
    text: truncate(
      [
        data.mention,
        escapeMrkdwn(t(lang, 'text.note', { text: title, note: scope })),
        ...parts.flatMap((part) => part.plain),
      ]
        .filter(Boolean)
        .join(' · '),
      SLACK_LIMITS.fallbackText,
    ),
    blocks,
  };
  if (data.week?.chats.some((v) => v !== null)) {
    main.chart = {
      spec: weekChart(data.week, data.range.timeZone, lang),
      altText: t(lang, 'alt.digest', { from: data.week.days[0] ?? '', to: data.week.days.at(-1) ?? '' }),
      position: blocks.length,
    };
  }
  const thread =
    agents && agents.attention.length > ATTENTION_IN_MESSAGE
      ? [attentionThread(agents.attention, data, lang)]
      : [];
  return { main, thread };
}

function attentionThread(flags: readonly AttentionFlag[], data: DigestData, lang: Lang): BotMessage {
  const attention = flags.map((flag) => flag.row);
  const columns: KpiId[] = [
    'chats',
    'valid_reception_rate',
    'satisfaction',
    'avg_first_response',
    'response_warn_rate',
  ];
  const { block, shown } = kpiTable(
    attention,
    columns,
    t(lang, 'agents.column'),
    lang,
    attention.length,
    agentLabels(data),
  );
  const title = t(lang, 'digest.threadTitle', { count: attention.length });
  const blocks: KnownBlock[] = [
    section(`*${title}* · ${escapeMrkdwn(describeRange(data.range, lang))}`),
    block as KnownBlock,
  ];
  if (shown < attention.length) {
    blocks.push(
      context(
        `${showingText(shown, attention.length, 'agents', lang)} · ${t(lang, 'digest.fullList', {
          command: `\`/sobot agents ${periodWords(data.range)} sort:valid_reception_rate:asc\``,
        })}`,
      ),
    );
  }
  return {
    visibility: 'in_channel',
    // `text` is read as mrkdwn too: a name like <!channel> must not ping anyone.
    text: t(lang, 'text.labelled', {
      label: title,
      value: attention.map((row) => escapeMrkdwn(row.name)).join(t(lang, 'list.figures')),
    }).slice(0, SLACK_LIMITS.fallbackText),
    blocks,
  };
}

/** Posted instead of a digest that could not be built after its retries. */
export function digestFailureMessage(
  name: string,
  what: string,
  next: string | null,
  lang: Lang,
): BotMessage {
  const [shownName, reason] = [escapeMrkdwn(name), escapeMrkdwn(what)];
  const howTo = t(lang, 'digest.failedNext', { command: `\`/sobot digest now ${shownName}\`` });
  return {
    visibility: 'in_channel',
    text: truncate(t(lang, 'digest.failed', { name: shownName, reason }), SLACK_LIMITS.fallbackText),
    blocks: [
      section(t(lang, 'digest.failed', { name: `*${shownName}*`, reason })),
      context(next ? `${next} · ${howTo}` : howTo),
    ],
  };
}
