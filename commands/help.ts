// `/sobot help [command]` (and `/sobot` alone): what the bot can do, with examples that work.

import { UserInputError } from '../src/errors.ts';
import { type BotMessage, SLACK_LIMITS } from '../src/slack/message.ts';
import { KPIS } from '../src/stats/kpis.ts';
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

export function createHelpCommand(all: () => readonly CommandDefinition[]): CommandDefinition {
  return {
    name: 'help',
    summary: 'What the bot can do, with examples.',
    usage: '/sobot help [command]',
    examples: ['/sobot help', '/sobot help agents'],
    options: [],
    async run(input, _ctx, deps): Promise<BotMessage> {
      const commands = all();
      const periods = `Periods (in ${deps.timeZone}): ${PERIOD_EXAMPLES.map((p) => `\`${p}\``).join(', ')}. Add \`public\` to post the answer in the channel.`;
      const [topic] = input.words;
      if (topic) {
        const command = commands.find((c) => c.name === topic.toLowerCase());
        if (!command) {
          const guess = nearest(
            topic,
            commands.map((c) => c.name),
          );
          throw new UserInputError(`There is no command "${topic}".`, `/sobot help ${guess ?? ''}`.trim());
        }
        const kpis = command.sortKpis
          ? `\nSort by: ${command.sortKpis.map((id) => `\`${id}\` (${KPIS[id].label.en})`).join(', ')}.`
          : '';
        const text = `*${command.usage}*\n${command.summary}${kpis}\n\nExamples:\n${command.examples.map((e) => `• \`${e}\``).join('\n')}`;
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
      return {
        visibility: 'ephemeral',
        text: `Sobot stats in Slack. Commands: ${commands.map((c) => c.name).join(', ')}.`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Sobot stats in Slack' } },
          ...sectionsOf(lines),
          { type: 'context', elements: [{ type: 'mrkdwn', text: periods }] },
        ],
      };
    },
  };
}
