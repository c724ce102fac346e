// Turns the text after `/sobot` into a subcommand and its input, and runs it. Typos get a
// "did you mean" with a command that works; nothing here talks to Slack or Sobot. A text longer
// than any real command is refused before it is read, and reading the rest takes time in
// proportion to its length: parsing runs on the event loop that acknowledges everyone's commands.

import { closest, distance } from 'fastest-levenshtein';
import { echo } from '../src/echo.ts';
import { UserInputError } from '../src/errors.ts';
import { phrase } from '../src/i18n/catalogue.ts';
import type { BotMessage } from '../src/message/message.ts';
import { parsePeriod } from '../src/stats/period.ts';
import type { CommandContext, CommandDefinition, CommandDeps, CommandInput } from './types.ts';
import { COMMAND_WORDS, canonical, splitCommandWord } from './words.ts';

const COMMAND_NAMES = new Set(Object.keys(COMMAND_WORDS));

/**
 * Longer than any command people type (the longest, a digest subscription with filters, is ~150
 * characters), short enough that no text can hold the event loop for more than a millisecond or two.
 */
export const MAX_COMMAND_CHARS = 500;

const PUBLIC_FLAGS = new Set(['public', 'share', 'in_channel']);
const OPTION = /^([a-z_]+):(.*)$/i;
/** Words, or `key:"several words"` (straight or curly quotes, as Slack clients type them). */
const TOKEN = /[^\s"“”]*["“][^"“”]*["”]|\S+/g;
const unquote = (value: string) => value.replace(/^["“]|["”]$/g, '');

export interface ParsedCommand {
  name: string;
  input: CommandInput;
}

export function parseCommandText(text: string): ParsedCommand {
  const tokens = text.trim().match(TOKEN) ?? [];
  // `客服昨天`: a Chinese command word with the period typed against it.
  const joined =
    tokens[0] === undefined || COMMAND_NAMES.has(canonical(tokens[0], COMMAND_WORDS))
      ? null
      : splitCommandWord(tokens[0]);
  const [first = '', ...rest] = joined ? [joined.word, joined.rest, ...tokens.slice(1)] : tokens;
  const input: CommandInput = { words: [], options: {}, visibility: 'ephemeral' };
  for (const token of rest) {
    const option = OPTION.exec(token);
    if (option) input.options[(option[1] as string).toLowerCase()] = unquote(option[2] as string);
    else if (PUBLIC_FLAGS.has(token.toLowerCase())) input.visibility = 'in_channel';
    else input.words.push(token);
  }
  return { name: canonical(first, COMMAND_WORDS), input };
}

/** The inverse of parseCommandText: `/sobot agents last week top:5 group:"Head Office" public`. */
export function commandText(name: string, input: CommandInput): string {
  const options = Object.entries(input.options).map(
    ([key, value]) => `${key}:${/\s/.test(value) ? `"${value}"` : value}`,
  );
  const flag = input.visibility === 'in_channel' ? ['public'] : [];
  return ['/sobot', name, ...input.words, ...options, ...flag].join(' ');
}

/**
 * The user's own command with some options changed (`undefined` removes one): what a suggestion
 * shows, so it keeps the period and every other option as typed (`/sobot agents yesterday top:15`).
 */
export function commandWith(
  name: string,
  input: CommandInput,
  changes: Record<string, string | undefined>,
): string {
  const options = { ...input.options };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete options[key];
    else options[key] = value;
  }
  return commandText(name, { ...input, options });
}

/** The nearest of `candidates` to `word`, when close enough to be a plausible typo. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0 || word.length === 0) return null;
  const best = closest(word.toLowerCase(), [...candidates]);
  return distance(word.toLowerCase(), best) <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

/** The input with its period words replaced by the suggested ones when they do not parse. */
export function withWorkingPeriod(input: CommandInput, deps: CommandDeps): CommandInput {
  const period = parsePeriod(input.words.join(' '), { now: deps.clock.now(), timeZone: deps.timeZone });
  if (period.ok) return input;
  return { ...input, words: period.suggestion ? [period.suggestion] : [] };
}

export interface CommandRouter {
  readonly commands: readonly CommandDefinition[];
  run(text: string, ctx: CommandContext): Promise<BotMessage>;
}

export function createCommandRouter(
  commands: readonly CommandDefinition[],
  deps: CommandDeps,
): CommandRouter {
  const byName = new Map(commands.map((command) => [command.name, command]));
  return {
    commands,
    async run(text, ctx) {
      if (text.length > MAX_COMMAND_CHARS) {
        throw new UserInputError(
          phrase('command.tooLong', { length: text.length.toLocaleString('en'), max: MAX_COMMAND_CHARS }),
          '/sobot help',
        );
      }
      const { name, input } = parseCommandText(text);
      const command = byName.get(name || 'help');
      if (!command) {
        const guess = nearest(name, [...byName.keys()]);
        throw new UserInputError(
          guess
            ? phrase('command.unknownGuess', { name: echo(name), guess })
            : phrase('command.unknown', { name: echo(name) }),
          guess ? commandText(guess, withWorkingPeriod(input, deps)) : '/sobot help',
        );
      }
      for (const [key, value] of Object.entries(input.options)) {
        if (!command.options.includes(key)) {
          const guess = nearest(key, command.options);
          const options = command.options.map((o) => `\`${o}:\``).join(', ');
          const said = !command.options.length
            ? phrase('command.noOptions', { key: echo(key), command: command.name })
            : guess
              ? phrase('command.unknownOptionGuess', {
                  key: echo(key),
                  guess,
                  command: command.name,
                  options,
                })
              : phrase('command.unknownOption', { key: echo(key), command: command.name, options });
          // The user's command with the option they probably meant, or without the unknown one.
          const fixed = commandWith(
            command.name,
            withWorkingPeriod(input, deps),
            guess ? { [key]: undefined, [guess]: value } : { [key]: undefined },
          );
          throw new UserInputError(said, fixed);
        }
      }
      // The access rules that depend only on the command's shape; actions check their own.
      if (input.visibility === 'in_channel') await deps.access.demand({ kind: 'post-public' }, ctx);
      if (command.agentFigures || input.options.agent !== undefined)
        await deps.access.demand({ kind: 'agent-figures' }, ctx);
      return command.run(input, ctx, ctx.lang ? { ...deps, lang: ctx.lang } : deps);
    },
  };
}
