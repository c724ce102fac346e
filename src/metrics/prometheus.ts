// The bot's metrics in Prometheus's text format, with prom-client: one registry per bot, every series
// of ours prefixed `sobot_slack_` and documented by its # HELP, plus prom-client's default process_ and
// nodejs_ metrics. Counters of events come through BotMetrics; levels (budget, queue, cache) are read
// from their owners when scraped, so there is one source of truth for each.

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BotMetrics } from './metrics.ts';

export const METRIC_PREFIX = 'sobot_slack_';

/** Levels read at scrape time. */
export interface MetricSources {
  /** Sobot calls counted in the current rolling minute, and the limit they count against. */
  budget(): { inUse: number; limit: number; queued: number };
  /** The stats cache's lifetime counts. */
  cache(): { hits: number; loads: number; coalesced: number };
}

export interface PrometheusMetrics {
  events: BotMetrics;
  contentType: string;
  /** The exposition text for GET /metrics. */
  text(): Promise<string>;
}

/** Answers within a few seconds are the goal; a 229000 can hold one for a minute or two. */
const COMMAND_BUCKETS = [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120];
/** Slack gives up on an ack after 3 s. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3];

export function createPrometheusMetrics(sources: MetricSources): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const name = (suffix: string) => `${METRIC_PREFIX}${suffix}`;

  const counter = <L extends string>(suffix: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name: name(suffix), help, labelNames, registers });
  const commandSeconds = new Histogram({
    name: name('command_duration_seconds'),
    help: 'Time from a /sobot command (or button) reaching the bot to its answer delivered to Slack, by subcommand and outcome.',
    labelNames: ['command', 'outcome'],
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const ackSeconds = new Histogram({
    name: name('ack_duration_seconds'),
    help: "Time to acknowledge a Slack request (HTTP: request received to response sent; Socket Mode: listener to ack sent). Slack's limit is 3 s.",
    labelNames: ['transport'],
    buckets: ACK_BUCKETS,
    registers,
  });
  const sobotCalls = counter(
    'sobot_calls_total',
    'Replies from Sobot by endpoint and ret_code (legacy: code; http_<status>, timeout or connection when there was no Sobot reply).',
    ['endpoint', 'ret_code'],
  );
  const sobotRetries = counter(
    'sobot_retries_total',
    'Sobot calls retried after a transient failure (999999, HTTP 5xx, timeout, dropped connection, unreadable reply).',
    ['endpoint'],
  );
  const rateLimitPauses = counter(
    'sobot_rate_limit_pauses_total',
    'Times Sobot rate-limited the bot (229000 or HTTP 429) and every caller paused.',
    ['endpoint'],
  );
  const rateLimitSeconds = counter(
    'sobot_rate_limit_pause_seconds_total',
    'Seconds of pause Sobot asked for in its rate-limit replies.',
  );
  /** A level read from its owner at scrape time. */
  const level = (suffix: string, help: string, read: () => number) =>
    new Gauge({
      name: name(suffix),
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  level(
    'sobot_budget_in_use',
    'Sobot calls counted in the current rolling minute (SOBOT_RATE_LIMIT is the most allowed).',
    () => sources.budget().inUse,
  );
  level(
    'sobot_budget_limit',
    'Sobot calls per rolling minute the bot allows itself (SOBOT_RATE_LIMIT).',
    () => sources.budget().limit,
  );
  level(
    'sobot_queue_depth',
    'Sobot calls waiting for the budget (people in Slack first, then digests and alerts).',
    () => sources.budget().queued,
  );
  new Counter({
    name: name('cache_requests_total'),
    help: 'Statistics questions by how the cache answered: hit (kept answer), miss (loaded from Sobot), coalesced (joined a load in flight).',
    labelNames: ['result'],
    registers,
    collect() {
      const { hits, loads, coalesced } = sources.cache();
      this.reset();
      this.inc({ result: 'hit' }, hits);
      this.inc({ result: 'miss' }, loads);
      this.inc({ result: 'coalesced' }, coalesced);
    },
  });
  const digests = counter(
    'digests_total',
    'Scheduled digests by outcome: posted on time, posted late (caught up after downtime), failed after retries.',
    ['outcome'],
  );
  const alertTransitions = counter(
    'alert_transitions_total',
    'Alert scopes entering a state (ok, pending, firing, resolved), by rule.',
    ['rule', 'state'],
  );
  const slackErrors = counter(
    'slack_api_errors_total',
    "Slack Web API calls that failed, by method and Slack's error code.",
    ['method', 'error'],
  );

  const events: BotMetrics = {
    commandAnswered: (command, outcome, seconds) => commandSeconds.observe({ command, outcome }, seconds),
    acked: (transport, seconds) => ackSeconds.observe({ transport }, seconds),
    sobotReply: (endpoint, retCode) => sobotCalls.inc({ endpoint, ret_code: retCode }),
    sobotRetry: (endpoint) => sobotRetries.inc({ endpoint }),
    sobotRateLimitPause: (endpoint, seconds) => {
      rateLimitPauses.inc({ endpoint });
      rateLimitSeconds.inc(seconds);
    },
    digest: (outcome) => digests.inc({ outcome }),
    alertTransition: (rule, state) => alertTransitions.inc({ rule, state }),
    slackApiError: (method, error) => slackErrors.inc({ method, error }),
  };
  return { events, contentType: registry.contentType, text: () => registry.metrics() };
}
