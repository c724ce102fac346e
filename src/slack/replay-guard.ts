// Replays and duplicate deliveries of Slack requests stop here, before any listener runs.
// Bolt checks the signature and that the timestamp is not too old; this adds what it does not:
// - HTTP: a timestamp more than 5 minutes off in either direction is refused, and a signature seen
//   while its timestamp is still acceptable is refused (401, no second answer). Seen signatures live
//   in the store, so a replay sent to another replica is refused too.
// - Socket Mode: an envelope delivered again (same envelope_id) is acked and not run again.
// - Both: Slack's retries (X-Slack-Retry-Num, or retry_num in Socket Mode) of a request that was
//   already received (same trigger_id or event_id) are acked and not run again.
// While the store cannot be reached (Redis away) requests are let through on the timestamp check
// alone, said once in the log: answering beats refusing everyone until Redis is back.

import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import { createFailover } from '../store/failover.ts';
import type { Store } from '../store/store.ts';

/** How far a request's timestamp may be from our clock, either way (Slack's own advice: 5 minutes). */
export const TIMESTAMP_WINDOW_MS = 5 * 60_000;
/** How long a delivery id (trigger_id, event_id, envelope_id) is remembered: Slack retries within minutes. */
const DELIVERY_MEMORY_MS = 30 * 60_000;

/** A request that must not run: answered 401 in HTTP mode. */
export class RequestRejectedError extends Error {
  readonly code = 'slack_request_rejected';
}

/** What the receivers pass on from the transport (see customPropertiesExtractor). */
interface TransportFacts {
  requestSignature?: string;
  requestTimestamp?: string;
  envelopeId?: string;
  retryNum?: number;
}

export interface ReplayGuard {
  /** HTTPReceiver customPropertiesExtractor: the signature and timestamp headers. */
  httpFacts(request: { headers: Record<string, string | string[] | undefined> }): Record<string, string>;
  /** SocketModeReceiver customPropertiesExtractor: the envelope id. */
  socketFacts(args: { envelope_id?: string }): Record<string, string>;
  /** Global middleware: lets a request through only once. */
  middleware: Middleware<AnyMiddlewareArgs>;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** Slack's id of one interaction or event: the same in a retry, different in every new request. */
function deliveryId(body: unknown): string | null {
  const fields = body as { trigger_id?: unknown; event_id?: unknown };
  if (typeof fields.event_id === 'string') return `event:${fields.event_id}`;
  if (typeof fields.trigger_id === 'string') return `trigger:${fields.trigger_id}`;
  return null;
}

export function createReplayGuard(opts: { store: Store; logger: Logger; now?: () => number }): ReplayGuard {
  const log = opts.logger.child({ module: 'replay-guard' });
  // Slack compares timestamps with real time, whatever clock the rest of the bot runs on.
  const now = opts.now ?? Date.now;

  /** Refuses a timestamp outside the window; returns how long its signature must be remembered. */
  function signatureMemoryMs(facts: TransportFacts): number {
    const sentMs = Number(facts.requestTimestamp) * 1000;
    const skewMs = now() - sentMs;
    if (!Number.isFinite(skewMs) || Math.abs(skewMs) > TIMESTAMP_WINDOW_MS) {
      log.warn(
        { skewSec: Math.round(skewMs / 1000) },
        'refused a Slack request: timestamp outside 5 minutes',
      );
      throw new RequestRejectedError('request timestamp outside the 5-minute window');
    }
    // Exactly as long as its timestamp would still be accepted.
    return sentMs + TIMESTAMP_WINDOW_MS - now() + 1_000;
  }

  const failover = createFailover({
    store: opts.store,
    logger: log,
    what: 'replay memory',
    meanwhile: 'Slack requests are checked by their timestamp alone',
  });
  /**
   * True the first time `key` is seen within `ttlMs` (and while the store cannot tell). Not durable: the ack
   * must not wait for a disk (the file store decides in memory and writes within a second; a crash in that
   * second forgets them).
   */
  const firstTime = (key: string, ttlMs = DELIVERY_MEMORY_MS) =>
    failover.run(
      () => failover.reach(opts.store.claim(key, now(), { ttlMs, durable: false })),
      async () => true,
    );

  return {
    httpFacts: (request) => ({
      requestSignature: header(request.headers['x-slack-signature']),
      requestTimestamp: header(request.headers['x-slack-request-timestamp']),
    }),
    socketFacts: (args): Record<string, string> => (args.envelope_id ? { envelopeId: args.envelope_id } : {}),
    async middleware(args) {
      const facts = args.context as TransportFacts;
      const ack = 'ack' in args ? (args.ack as () => Promise<void>) : null;
      const delivery = deliveryId(args.body);
      const memoryMs = facts.requestSignature === undefined ? null : signatureMemoryMs(facts);
      const [newSignature, newEnvelope, newDelivery] = await Promise.all([
        memoryMs === null || firstTime(`slack:signature:${facts.requestSignature}`, memoryMs),
        !facts.envelopeId || firstTime(`slack:envelope:${facts.envelopeId}`),
        delivery === null || firstTime(`slack:delivery:${delivery}`),
      ]);
      if (!newSignature) {
        log.warn({ delivery }, 'refused a replayed Slack request');
        throw new RequestRejectedError('request signature already seen');
      }
      const skip = async (why: string, fields: Record<string, unknown>) => {
        log.info(fields, why);
        await ack?.();
      };
      if (!newEnvelope) {
        return skip('ignored a Socket Mode envelope delivered again', { envelopeId: facts.envelopeId });
      }
      // Only what Slack marks as a retry is dropped: a new request always carries a new id.
      if (!newDelivery && (facts.retryNum ?? 0) > 0) {
        return skip('ignored a Slack retry of a request already received', {
          delivery,
          retryNum: facts.retryNum,
        });
      }
      await args.next();
    },
  };
}
