// `/sobot help [command]` (and `/sobot` alone): what the bot can do, with examples that work, and
// what each Sobot API mode (SOBOT_API) answers, the bot's own mode marked.

import type { TableBlock } from '@slack/types';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { phrase } from '../src/i18n/catalogue.ts';
import { type BotMessage, SLACK_LIMITS } from '../src/slack/message.ts';
import { KPIS } from '../src/stats/kpis.ts';
import type { StatsBackend } from '../src/stats/model.ts';
import { PERIOD_EXAMPLES } from '../src/stats/period.ts';
import { nearest } from './router.ts';
import type { CommandDefinition } from './types.ts';

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
export const NEEDS_V5 = '✗ needs v5';

/** One row of the table of API modes: what v5 and legacy answer of a command. */
export interface ApiModeRow {
  command: string;
  v5: string;
  legacy: string;
}

export function apiModeRows(commands: readonly CommandDefinition[]): ApiModeRow[] {
  return commands.map((c) => ({
    command: c.name,
    v5: SUPPORTED,
    legacy: c.legacy === undefined ? SUPPORTED : c.legacy === false ? NEEDS_V5 : `${SUPPORTED} ${c.legacy}`,
  }));
}

const modeTitle = (api: Api, current: Api) => `${api}${api === current ? ' (this bot)' : ''}`;

function apiModeTable(commands: readonly CommandDefinition[], current: Api): TableBlock {
  const rows = [
    ['command', modeTitle('v5', current), modeTitle('legacy', current)],
    ...apiModeRows(commands).map((row) => [row.command, row.v5, row.legacy]),
  ];
  return {
    type: 'table',
    rows: rows.map((row) => row.map((text) => ({ type: 'raw_text' as const, text }))),
    column_settings: [{ is_wrapped: true }, { is_wrapped: true }, { is_wrapped: true }],
  };
}

/** What the bot's own mode means, under the table. */
function modeNote(current: Api): string {
  return current === 'legacy'
    ? 'This bot uses the legacy API (`SOBOT_API=legacy`): company-wide totals, no `group:`, `dept:`, `channel:`, `agent:` or `robot:` filters. With v5 credentials from Sobot, set `SOBOT_API=v5`.'
    : 'This bot uses the v5 API (`SOBOT_API=v5`). The legacy workbench API gives company-wide totals only.';
}

export function createHelpCommand(all: () => readonly CommandDefinition[]): CommandDefinition {
  return {
    name: 'help',
    summary: 'What the bot can do, with examples, and what each Sobot API mode answers.',
    usage: '/sobot help [command]',
    examples: ['/sobot help', '/sobot help agents'],
    options: [],
    async run(input, _ctx, deps): Promise<BotMessage> {
      const commands = all();
      const current = deps.stats.api;
      const periods = `Periods (in ${deps.timeZone}): ${PERIOD_EXAMPLES.map((p) => `\`${p}\``).join(', ')}. Add \`public\` to post the answer in the channel.`;
      const [topic] = input.words;
      if (topic) {
        const command = commands.find((c) => c.name === topic.toLowerCase());
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
          ? `\nSort by: ${sortKpis.map((id) => `\`${id}\` (${KPIS[id].label.en})`).join(', ')}.`
          : '';
        const [modes] = apiModeRows([command]);
        const apis = `\nSobot API: v5 ${modes?.v5} · legacy ${modes?.legacy} (this bot: ${current}).`;
        const notes = command.notes ? `\n${command.notes}` : '';
        const text = `*${command.usage}*\n${command.summary}${notes}${kpis}${apis}\n\nExamples:\n${command.examples.map((e) => `• \`${e}\``).join('\n')}`;
        return {
          visibility: 'ephemeral',
          text: `${command.usage}: ${command.summary}`,
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text } },
            { type: 'context', elements: [{ type: 'mrkdwn', text: periods }] },
          ],
        };
      }
      const lines = commands.map(
        (c) => `• \`${c.usage}\`\n   ${c.summary}${c.name === 'help' ? '' : ` e.g. \`${c.examples[0]}\``}`,
      );
      const unanswered = apiModeRows(commands)
        .filter((row) => row[current] === NEEDS_V5)
        .map((row) => row.command);
      return {
        visibility: 'ephemeral',
        text: `Sobot stats in Slack (${current} API). Commands: ${commands.map((c) => c.name).join(', ')}.${unanswered.length ? ` Not on this API: ${unanswered.join(', ')}.` : ''}`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Sobot stats in Slack' } },
          ...sectionsOf(lines),
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `*What each Sobot API answers*\n${modeNote(current)}` },
          },
          apiModeTable(commands, current),
          { type: 'context', elements: [{ type: 'mrkdwn', text: periods }] },
        ],
      };
    },
  };
}
