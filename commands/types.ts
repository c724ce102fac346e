// What every /sobot subcommand gets and gives: parsed input, who asked, the shared services.

import type { Clock } from '../src/clock.ts';
import type { BotMessage } from '../src/slack/message.ts';
import type { KpiId } from '../src/stats/kpis.ts';
import type { StatsService } from '../src/stats/service.ts';

export interface CommandInput {
  /** The words after the subcommand, without options and flags. */
  words: string[];
  /** `key:value` options, keys lower-cased. */
  options: Record<string, string>;
  visibility: BotMessage['visibility'];
}

export interface CommandContext {
  userId: string;
  channelId: string;
}

export interface CommandDeps {
  stats: StatsService;
  clock: Clock;
  timeZone: string;
  lang: 'en' | 'zh';
  /** Sobot's web console, for "Open in Sobot" buttons. */
  consoleUrl: string;
}

export interface CommandDefinition {
  name: string;
  summary: string;
  usage: string;
  examples: readonly string[];
  /** The `key:` options it accepts. */
  options: readonly string[];
  /** KPIs its `sort:` accepts (or, for trend, follows) on the bot's API, listed by `/sobot help <command>`. */
  sortKpis?: readonly KpiId[] | ((deps: CommandDeps) => readonly KpiId[]);
  /**
   * What the legacy API (SOBOT_API=legacy) answers of it, for the help's table of API modes: absent,
   * all of it; false, nothing (it needs v5); a short note, the part it answers. The v5 API answers all.
   */
  legacy?: false | string;
  run(input: CommandInput, ctx: CommandContext, deps: CommandDeps): Promise<BotMessage>;
}
