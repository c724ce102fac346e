// `/sobot help [command]` (and `/sobot` alone): what the bot can do, with examples that work, and
// what each Sobot API mode (SOBOT_API) answers, the bot's own mode marked.

import type { TableBlock } from '@slack/types';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { type Lang, phrase, t, textOf } from '../src/i18n/catalogue.ts';
import { listText, sentences } from '../src/i18n/units.ts';
import { SLACK_LIMITS } from '../src/message/limits.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { StatsBackend } from '../src/stats/backend.ts';
import { KPIS } from '../src/stats/kpis.ts';
import { nearest } from './router.ts';
import type { CommandDefinition } from './types.ts';
import { COMMAND_WORDS, canonical } from './words.ts';

/** Lines grouped into as few sections as Slack's 3000-character limit allows. */
function sectionsOf(lines: readonly string[]) {
  const groups: string[][] = [[]];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > SLACK_LIMITS.sectionText && (groups.at(-1)?.length ?? 0) > 0) {
      groups.push([]);
      size = 0;
    }
    groups.at(-1)?.push(line);
    size += line.length + 1;
  }
  return groups.map((group) => ({
    type: 'section' as const,
    text: { type: 'mrkdwn' as const, text: group.join('\n') },
  }));
}

type Api = StatsBackend['api'];

export const SUPPORTED = '✓';

/** One row of the table of API modes: what v5 and legacy answer of a command. */
export interface ApiModeRow {
  command: string;
  v5: string;
  legacy: string;
}

export function apiModeRows(commands: readonly CommandDefinition[], lang: Lang): ApiModeRow[] {
  return commands.map((c) => ({
    command: c.name,
    v5: SUPPORTED,
    legacy:
      c.legacy === undefined
        ? SUPPORTED
        : c.legacy === false
          ? t(lang, 'help.needsV5')
          : `${SUPPORTED} ${textOf(lang, c.legacy)}`,
  }));
}

const modeTitle = (api: Api, current: Api, lang: Lang) =>
  api === current ? t(lang, 'help.thisBot', { api }) : api;

function apiModeTable(commands: readonly CommandDefinition[], current: Api, lang: Lang): TableBlock {
  const rows = [
    [t(lang, 'help.commandColumn'), modeTitle('v5', current, lang), modeTitle('legacy', current, lang)],
    ...apiModeRows(commands, lang).map((row) => [row.command, row.v5, row.legacy]),
  ];
  return {
    type: 'table',
    rows: rows.map((row) => row.map((text) => ({ type: 'raw_text' as const, text }))),
    column_settings: [{ is_wrapped: true }, { is_wrapped: true }, { is_wrapped: true }],
  };
}

/** "`agents` (客服, 坐席)": a command and the other words that name it. */
function commandWords(name: string): string {
  const words = COMMAND_WORDS[name] ?? [];
  // Words people type, so in code quotes like the command itself.
  return words.length ? `\`${name}\` (${words.map((w) => `\`${w}\``).join(', ')})` : `\`${name}\``;
}

export function createHelpCommand(all: () => readonly CommandDefinition[]): CommandDefinition {
  return {
    name: 'help',
    summary: 'help.help.summary',
    usage: '/sobot help [command]',
    examples: ['/sobot help', '/sobot help agents'],
    options: [],
    async run(input, _ctx, deps): Promise<BotMessage> {
      const { lang } = deps;
      const commands = all();
      const current = deps.stats.api;
      const periods = t(lang, 'help.periods', { zone: deps.timeZone, forms: t(lang, 'period.forms') });
      const [topic] = input.words;
      if (topic) {
        const wanted = canonical(topic, COMMAND_WORDS);
        const command = commands.find((c) => c.name === wanted);
        if (!command) {
          const guess = nearest(
            topic,
            commands.map((c) => c.name),
          );
          throw new UserInputError(
            phrase('help.noCommand', { typed: echo(topic) }),
            `/sobot help ${guess ?? ''}`.trim(),
          );
        }
        const sortKpis = typeof command.sortKpis === 'function' ? command.sortKpis(deps) : command.sortKpis;
        const kpis = sortKpis
          ? `\n${t(lang, 'help.sortBy', {
              kpis: listText(
                lang,
                sortKpis.map((id) => t(lang, 'text.note', { text: `\`${id}\``, note: KPIS[id].label[lang] })),
              ),
            })}`
          : '';
        const [modes] = apiModeRows([command], lang);
        const apis = `\n${t(lang, 'help.apiModes', { v5: modes?.v5 ?? '', legacy: modes?.legacy ?? '', current })}`;
        const notes = command.notes ? `\n${textOf(lang, command.notes)}` : '';
        const words = COMMAND_WORDS[command.name]?.length
          ? `\n${t(lang, 'help.otherWords', { words: commandWords(command.name) })}`
          : '';
        const summary = textOf(lang, command.summary);
        const text = `*${command.usage}*\n${summary}${notes}${kpis}${apis}${words}\n\n${t(lang, 'help.examples')}\n${command.examples.map((e) => `• \`${e}\``).join('\n')}`;
        return {
          visibility: 'ephemeral',
          text: t(lang, 'text.labelled', { label: command.usage, value: summary }),
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text } },
            { type: 'context', elements: [{ type: 'mrkdwn', text: periods }] },
          ],
        };
      }
      const lines = commands.map(
        (c) =>
          `• \`${c.usage}\`\n   ${sentences(lang, [textOf(lang, c.summary), ...(c.name === 'help' ? [] : [t(lang, 'help.forExample', { example: c.examples[0] ?? '' })])])}`,
      );
      const needsV5 = t(lang, 'help.needsV5');
      const unanswered = apiModeRows(commands, lang)
        .filter((row) => row[current] === needsV5)
        .map((row) => row.command);
      const names = commands.map((c) => c.name).join(', ');
      return {
        visibility: 'ephemeral',
        text: `${t(lang, 'help.fallback', { api: current, commands: names })}${unanswered.length ? ` ${t(lang, 'help.notOnThisApi', { commands: unanswered.join(', ') })}` : ''}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: t(lang, 'help.title') } },
          ...sectionsOf(lines),
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: `*${t(lang, 'help.commandWordsTitle')}*\n${commands
                .filter((c) => COMMAND_WORDS[c.name]?.length)
                .map((c) => commandWords(c.name))
                .join(' · ')}\n${t(lang, 'help.commandWordsExample')}`,
            },
          },
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: `*${t(lang, 'help.apiTitle')}*\n${t(lang, current === 'legacy' ? 'help.modeLegacy' : 'help.modeV5')}`,
            },
          },
          apiModeTable(commands, current, lang),
          { type: 'context', elements: [{ type: 'mrkdwn', text: periods }] },
        ],
      };
    },
  };
}
