// Bolt wiring: the receiver (Socket Mode when an app token is set, otherwise HTTP with signature
// verification), the /sobot listener, and the ops routes. Transport only: the answer comes from
// the injected `runCommand`, every failure becomes a friendly reply via errorMessage().

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type ButtonAction,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  SocketModeReceiver,
} from '@slack/bolt';
import { z } from 'zod';
import { ALERT_ACTIONS } from '../alerts/view.ts';
import type { ChartRenderer } from '../charts/render.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { BotConfig } from '../config.ts';
import { NAME } from '../config-file.ts';
import { type Logger, toBoltLogger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { answerCommand } from './answer-command.ts';
import { createSlackDelivery, postToResponseUrl, type ReplyTarget } from './deliver.ts';
import { errorMessage } from './error-reply.ts';
import type { BotMessage } from './message.ts';
import { createReplayGuard, RequestRejectedError } from './replay-guard.ts';

export const SLASH_COMMAND = '/sobot';

const ALERT_MUTE_ACTIONS = new RegExp(`^(${ALERT_ACTIONS.mute1h}|${ALERT_ACTIONS.muteTomorrow})$`);
// What the mute buttons carry (src/alerts/view.ts): a rule name and an episode id, nothing else.
const muteButtonValue = z.object({
  rule: z.string().regex(NAME),
  episode: z.string().regex(/^[\w-]{1,64}$/),
});
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** action_ids of buttons whose value is a /sobot command to run. */
const FOLLOW_UP_ACTIONS = /^sobot_(rerun|share)$/;

/** Who asked, where, and through what; a mute button also names its alert episode. */
export interface CommandOrigin {
  userId: string;
  channelId: string;
  via: 'command' | 'button';
  episodeId?: string;
}

export interface SlackAppOptions {
  slack: BotConfig['slack'];
  logger: Logger;
  charts: ChartRenderer;
  /** Where seen request signatures and deliveries are remembered (shared by replicas with Redis). */
  store: Store;
  runCommand(text: string, ctx: CommandOrigin): Promise<BotMessage>;
  /** Body of GET /healthz. */
  health(): Record<string, unknown>;
  /** Body of GET /metrics (Prometheus text format). */
  metrics(): string;
  /** Interface to listen on (default all). */
  host?: string;
  /** When an answer takes longer than this, the asker is told it is on its way (default 3 s). */
  progressNoticeMs?: number;
  /** Times the progress notice and command deadlines (default the system clock). */
  clock?: Clock;
  /** The company's zone, for the times in replies ("try again at 09:42"). */
  timeZone: string;
  /** See DeliveryOptions.imageRetryDelayMs. */
  imageRetryDelayMs?: number;
}

export interface SlackBot {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Starts listening; resolves with the HTTP port actually bound. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

function opsRoutes(opts: SlackAppOptions, mode: SlackBot['mode'], socketState: () => string): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        const healthy = mode === 'http' || socketState() === 'connected';
        res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        const socket = mode === 'socket' ? { socket: socketState() } : {};
        res.end(
          JSON.stringify({ status: healthy ? 'ok' : 'unavailable', mode, ...socket, ...opts.health() }),
        );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(opts.metrics());
      },
    },
  ];
}

/** Socket Mode needs no public endpoint, but /healthz and /metrics are still served on PORT. */
function createOpsServer(routes: CustomRoute[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? 'GET'));
    if (route) return route.handler(Object.assign(req, { params: {} }), res);
    res.writeHead(404).end();
  });
}

export function createSlackBot(opts: SlackAppOptions): SlackBot {
  const { slack } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.logger.child({ module: 'slack' });
  const boltLogger = toBoltLogger(opts.logger);
  // Slack's default (10 retries over ~30 min) would hold an answer past its response_url's life.
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    timeout: 10_000,
  };
  const mode: SlackBot['mode'] = slack.appToken ? 'socket' : 'http';
  const routes = opsRoutes(opts, mode, () => socketState);
  const guard = createReplayGuard({ store: opts.store, logger: opts.logger });

  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: slack.appToken as string,
          logger: boltLogger,
          installerOptions: { clientOptions },
          customPropertiesExtractor: guard.socketFacts,
        })
      : new HTTPReceiver({
          signingSecret: slack.signingSecret as string,
          endpoints: '/slack/events',
          customRoutes: routes,
          logger: boltLogger,
          customPropertiesExtractor: guard.httpFacts,
          // A replayed or mistimed request is refused like a bad signature: 401, nothing runs.
          processEventErrorHandler: async (args) => {
            if (!(args.error instanceof RequestRejectedError) || args.response.headersSent)
              return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
            args.response.writeHead(401).end();
            return false;
          },
        });
  const app = new App({ token: slack.botToken, receiver, logger: boltLogger, clientOptions });
  app.use(guard.middleware);
  const delivery = createSlackDelivery({
    client: app.client,
    charts: opts.charts,
    logger: opts.logger,
    imageRetryDelayMs: opts.imageRetryDelayMs,
  });
  // In Socket Mode, healthy means connected: a dropped WebSocket should fail the HEALTHCHECK.
  let socketState = 'connecting';
  if (receiver instanceof SocketModeReceiver) {
    for (const state of ['connected', 'reconnecting', 'disconnected']) {
      receiver.client.on(state, () => {
        socketState = state;
      });
    }
  }

  /** Runs `text` as a /sobot command and answers at `target`, whatever happens on the way. */
  async function answer(
    text: string,
    target: ReplyTarget,
    origin: Pick<CommandOrigin, 'via' | 'episodeId'> = { via: 'button' },
  ): Promise<void> {
    const started = Date.now();
    const notify = (notice: string) => {
      const payload = { response_type: 'ephemeral', replace_original: false, text: notice };
      postToResponseUrl(target.responseUrl, payload).catch((error) =>
        log.warn({ err: error }, 'could not post the progress notice'),
      );
    };
    const message = await answerCommand(
      {
        owner: target.userId,
        clock,
        timeZone: opts.timeZone,
        progressNoticeMs: opts.progressNoticeMs ?? 3000,
        notify,
        logger: log,
      },
      () => opts.runCommand(text, { userId: target.userId, channelId: target.channelId, ...origin }),
    );
    try {
      await delivery.deliver(message, target);
      log.info({ text, ms: Date.now() - started }, 'command answered');
    } catch (error) {
      log.error({ err: error }, 'could not deliver the answer');
      await delivery.deliver(errorMessage(error), target).catch(() => {});
    }
  }

  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await ack();
    await answer(
      command.text,
      { responseUrl: command.response_url, userId: command.user_id, channelId: command.channel_id },
      { via: 'command' },
    );
  });

  // The buttons under an answer ("Previous period", "Share to channel") carry the whole command
  // they run as their value (commands/follow-ups.ts), so a click is just another command.
  // "Open in Sobot" is a link: Slack opens it and still expects the click acknowledged.
  app.action('sobot_open', async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>(FOLLOW_UP_ACTIONS, async ({ ack, body, action }) => {
    await ack();
    await answer(action.value?.replace(/^\/sobot\s*/, '') ?? '', {
      responseUrl: body.response_url,
      userId: body.user.id,
      channelId: body.channel?.id ?? body.user.id,
    });
  });

  // The mute buttons of an alert message run `/sobot alerts mute <rule> …` for whoever clicks.
  app.action<BlockAction<ButtonAction>>(ALERT_MUTE_ACTIONS, async ({ ack, body, action }) => {
    await ack();
    const value = muteButtonValue.safeParse(safeJson(action.value ?? ''));
    const length = action.action_id === ALERT_ACTIONS.mute1h ? '1h' : 'tomorrow';
    await answer(
      value.success ? `alerts mute ${value.data.rule} ${length}` : 'alerts list',
      { responseUrl: body.response_url, userId: body.user.id, channelId: body.channel?.id ?? body.user.id },
      { via: 'button', ...(value.success ? { episodeId: value.data.episode } : {}) },
    );
  });

  app.error(async (error) => {
    // Back to the receiver, which answers 401 (logged by the guard already).
    if (error instanceof RequestRejectedError) throw error;
    log.error({ err: error }, 'unhandled Slack error');
  });

  let opsServer: Server | null = null;
  return {
    app,
    mode,
    async start() {
      if (mode === 'http') {
        const server = (await app.start({ port: slack.port, host: opts.host })) as Server;
        return { port: (server.address() as AddressInfo).port };
      }
      const server = createOpsServer(routes);
      opsServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(slack.port, opts.host, resolve);
      });
      await app.start();
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      await app.stop();
      if (opsServer) await new Promise<void>((resolve) => opsServer?.close(() => resolve()));
    },
  };
}
