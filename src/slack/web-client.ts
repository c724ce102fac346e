// The bot's one Slack Web API client: Slack's base URL (SLACK_API_URL), retries short enough for an
// answer's response_url, Bolt's logger, and each failure counted by method in /metrics
// (observed-client.ts). Built before the commands and the Bolt app, which both use it, so the
// composition root wires everything in order.

import { WebClient } from '@slack/web-api';
import type { BotConfig } from '../config.ts';
import { type Logger, toBoltLogger } from '../logger.ts';
import type { BotMetrics } from '../metrics/metrics.ts';
import { observeSlackErrors } from './observed-client.ts';

/** The Web API options of the bot's client, and of the one Bolt keeps for its own calls (auth.test). */
export const slackClientOptions = (slack: BotConfig['slack']) => ({
  slackApiUrl: slack.apiUrl,
  // Slack's default (10 retries over ~30 min) would hold an answer past its response_url's life.
  retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
  timeout: 10_000,
});

export function createSlackClient(
  slack: BotConfig['slack'],
  opts: { logger: Logger; events: BotMetrics },
): WebClient {
  const client = new WebClient(slack.botToken, {
    ...slackClientOptions(slack),
    logger: toBoltLogger(opts.logger),
  });
  return observeSlackErrors(client, opts.events);
}
