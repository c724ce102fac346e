// What the bot tells its metrics, as one small interface the modules that do the work are given
// (slack/, sobot/, scheduler/, alerts/). They never see prom-client; tests and the demo pass noMetrics.

/** How a /sobot command ended, as a metrics label. */
export type CommandOutcome =
  /** Answered with data. */
  | 'ok'
  /** Answered with "what was wrong and what to do" (bad input, not allowed, needs v5). */
  | 'refused'
  /** Answered with an explanation of a failure the bot knows (Sobot down, rate-limited…). */
  | 'failed'
  /** An unexpected error, answered with a generic apology. */
  | 'crashed'
  /** No answer reached Slack. */
  | 'undelivered';

export type DigestOutcome = 'posted' | 'late' | 'failed';

/** A state an alert scope entered (alerts/state.ts), or 'resolved' when its episode ended. */
export type AlertStateLabel = 'ok' | 'pending' | 'firing' | 'resolved';

export interface BotMetrics {
  /** A command answered (or given up on), `seconds` after Slack's request reached the bot. */
  commandAnswered(command: string, outcome: CommandOutcome, seconds: number): void;
  /** Slack's request acknowledged after `seconds` (Slack retries or fails after 3 s). */
  acked(transport: 'http' | 'socket', seconds: number): void;
  /** One reply from Sobot: its ret_code (v5) or code (legacy), or `http_<status>`, `timeout`, `connection`. */
  sobotReply(endpoint: string, retCode: string): void;
  /** A Sobot call retried after a transient failure. */
  sobotRetry(endpoint: string): void;
  /** Sobot rate-limited us and every caller pauses `seconds`. */
  sobotRateLimitPause(endpoint: string, seconds: number): void;
  digest(outcome: DigestOutcome): void;
  alertTransition(rule: string, state: AlertStateLabel): void;
  /** A Slack Web API call that failed: Slack's `error` code, or the kind of failure. */
  slackApiError(method: string, error: string): void;
}

const ignore = () => {};

/** Metrics that go nowhere: the default for modules used without a /metrics endpoint. */
export const noMetrics: BotMetrics = {
  commandAnswered: ignore,
  acked: ignore,
  sobotReply: ignore,
  sobotRetry: ignore,
  sobotRateLimitPause: ignore,
  digest: ignore,
  alertTransition: ignore,
  slackApiError: ignore,
};
