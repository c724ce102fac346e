// What every /sobot subcommand gets and gives: parsed input, who asked, the shared services.

import type { AlertChecker } from '../src/alerts/checker.ts';
import type { Audit } from '../src/audit.ts';
import type { Clock } from '../src/clock.ts';
import type { AlertRule, DigestDefinition } from '../src/config-file.ts';
import type { Lang, MessageKey } from '../src/i18n/catalogue.ts';
import type { BotMessage } from '../src/message/message.ts';
import type { PostedMessage } from '../src/message/poster.ts';
import type { DigestRegistry } from '../src/scheduler/digest-registry.ts';
import type { AccessPolicy } from '../src/slack/access.ts';
import type { KpiId } from '../src/stats/kpi-ids.ts';
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
  /** How it came: typed, or a button of a message (default typed). */
  via?: 'command' | 'button';
  /** Set only by an alert message's mute button: the episode the button belongs to. */
  episodeId?: string;
  /** The asker's language (their Slack locale); absent: the bot's default, `deps.lang`. */
  lang?: Lang;
}

export interface CommandDeps {
  stats: StatsService;
  clock: Clock;
  timeZone: string;
  /** The language of the answer: the bot's default, or the asker's for the command being run (router.ts). */
  lang: Lang;
  /** Sobot's web console, for "Open in Sobot" buttons. */
  consoleUrl: string;
  /** Who may do what (`access:` in the config file): admins, viewers, channels, mutes. */
  access: AccessPolicy;
  /** Where admin actions are recorded: the log, and who last changed what. */
  audit: Audit;
  /** Scheduled digests; absent where the deployment has none (unit tests of other commands). */
  digests?: {
    registry: DigestRegistry;
    /** Builds and posts a digest now, outside its schedule. */
    postNow(digest: DigestDefinition): Promise<PostedMessage>;
  };
  /** Alert rules (the config file's, then those made in Slack) and their checker. */
  alerts?: { rules: () => Promise<readonly AlertRule[]>; checker: AlertChecker };
}

export interface CommandDefinition {
  name: string;
  /** What it does, in a line (a catalogue key: help says it in the asker's language). */
  summary: MessageKey;
  /** What its figures mean where that is not obvious, shown by `/sobot help <command>`. */
  notes?: MessageKey;
  usage: string;
  examples: readonly string[];
  /** The `key:` options it accepts. */
  options: readonly string[];
  /** It shows per-agent names and figures, which `access.viewers` may restrict (so does `agent:`). */
  agentFigures?: boolean;
  /** KPIs its `sort:` accepts (or, for trend, follows) on the bot's API, listed by `/sobot help <command>`. */
  sortKpis?: readonly KpiId[] | ((deps: CommandDeps) => readonly KpiId[]);
  /**
   * What the legacy API (SOBOT_API=legacy) answers of it, for the help's table of API modes: absent,
   * all of it; false, nothing (it needs v5); a short note, the part it answers. The v5 API answers all.
   */
  legacy?: false | MessageKey;
  run(input: CommandInput, ctx: CommandContext, deps: CommandDeps): Promise<BotMessage>;
}
