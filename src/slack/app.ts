// Bolt wiring: the receiver (Socket Mode when an app token is set, otherwise HTTP with signature
// verification), the /sobot listener, and the ops routes (/healthz, /readyz, /metrics). Transport
// only: the answer comes from the injected `runCommand`, every failure becomes a friendly reply via
// errorMessage(). While the bot shuts down, new requests are acked with "restarting".

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  App,
  type BlockAction,
  type ButtonAction,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ChartRenderer } from '../charts/render.ts';
import { type Clock, systemClock } from '../clock.ts';
import type { BotConfig } from '../config.ts';
import { BotError, UnsupportedError, UserInputError } from '../errors.ts';
import { type Lang, t } from '../i18n/catalogue.ts';
import { type Logger, toBoltLogger } from '../logger.ts';
import {
  ALERT_ACTIONS,
  ALERT_MUTE_ACTIONS,
  alertActionOf,
  FOLLOW_UP_ACTIONS,
  followUpCommand,
  OPEN_ACTION,
} from '../message/actions.ts';
import type { BotMessage } from '../message/message.ts';
import type { BotMetrics, CommandOutcome } from '../metrics/metrics.ts';
import { SobotInputError } from '../sobot/errors.ts';
import type { Store } from '../store/store.ts';
import type { WorkInFlight } from '../work.ts';
import { createAnswerTurns } from './ack-first.ts';
import { answerCommand } from './answer-command.ts';
import { createSlackDelivery, postToResponseUrl, type ReplyTarget } from './deliver.ts';
import { errorMessage } from './error-reply.ts';
import { createReplayGuard, RequestRejectedError } from './replay-guard.ts';
import { createUserLanguage } from './user-language.ts';
import { slackClientOptions } from './web-client.ts';

export const SLASH_COMMAND = '/sobot';

/** How much of a command's text the "command answered" log line keeps. */
const LOGGED_TEXT_CHARS = 80;

/**
 * The ack of a request that arrives while the bot shuts down: it will not be answered. In the bot's
 * default language: the ack cannot wait for the asker's locale.
 */
const restarting = (lang: Lang) => ({
  response_type: 'ephemeral' as const,
  replace_original: false,
  text: t(lang, 'notice.restarting'),
});

/** Who asked, where, through what, and in which language to answer; a mute button also names its alert episode. */
export interface CommandOrigin {
  userId: string;
  channelId: string;
  via: 'command' | 'button';
  episodeId?: string;
  lang: Lang;
}

/** What /readyz reports: ready only when every check passes. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean>;
}

export interface SlackAppOptions {
  slack: BotConfig['slack'];
  /** The bot's Web API client (web-client.ts): answers, uploads and language lookups go through it. */
  client: WebClient;
  logger: Logger;
  charts: ChartRenderer;
  /** Where seen request signatures and deliveries are remembered (shared by replicas with Redis). */
  store: Store;
  runCommand(text: string, ctx: CommandOrigin): Promise<BotMessage>;
  /** The subcommand `text` asks for, as a metrics label: a known name, or "unknown". */
  commandName(text: string): string;
  /** Extra fields of GET /healthz. */
  health(): Record<string, unknown>;
  /** Whether Slack, Sobot and the store can be reached (GET /readyz); the Socket Mode connection is added here. */
  readiness(): Readiness;
  /** GET /metrics: Prometheus text and its content type. */
  metrics: { contentType: string; text(): Promise<string> };
  events: BotMetrics;
  /** Answers in flight; while it drains, requests are acked with "restarting". */
  work: WorkInFlight;
  /** Interface to listen on (default all). */
  host?: string;
  /** When an answer takes longer than this, the asker is told it is on its way (default 3 s). */
  progressNoticeMs?: number;
  /** Times the progress notice and command deadlines (default the system clock). */
  clock?: Clock;
  /** The company's zone, for the times in replies ("try again at 09:42"). */
  timeZone: string;
  /** The bot's default language (`SOBOT_LANGUAGE`); a user whose Slack locale is zh or en is answered in it. */
  lang: Lang;
  /** See DeliveryOptions.imageRetryDelayMs. */
  imageRetryDelayMs?: number;
}

export interface SlackBot {
  readonly app: App;
  /** The Web API client it was given, its failures counted by method in /metrics. */
  readonly client: WebClient;
  readonly mode: 'socket' | 'http';
  /** Checks the bot token with Slack (auth.test); rejects with Slack's error. Before start(). */
  init(): Promise<void>;
  /** Starts listening; resolves with the HTTP port actually bound. */
  start(): Promise<{ port: number }>;
  /** Shutdown, first step: Socket Mode disconnects (Slack sends new requests elsewhere); HTTP keeps acking "restarting". */
  stopReceiving(): Promise<void>;
  /** Closes everything, the ops routes included. */
  stop(): Promise<void>;
}

const sendJson = (res: ServerResponse, status: number, body: unknown, head: boolean) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(head ? undefined : JSON.stringify(body));
};

function opsRoutes(opts: SlackAppOptions, mode: SlackBot['mode'], socketState: () => string): CustomRoute[] {
  const log = opts.logger.child({ module: 'slack' });
  return [
    {
      // Liveness: the process answers. Whether it can serve is /readyz's question.
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (req, res) => {
        const socket = mode === 'socket' ? { socket: socketState() } : {};
        sendJson(res, 200, { status: 'ok', mode, ...socket, ...opts.health() }, req.method === 'HEAD');
      },
    },
    {
      path: '/readyz',
      method: ['GET', 'HEAD'],
      handler: (req, res) => {
        const { ready, checks } = opts.readiness();
        const socket = mode === 'socket' ? { slackConnection: socketState() === 'connected' } : {};
        const all = { ...checks, ...socket, notShuttingDown: !opts.work.draining };
        const ok = ready && Object.values(all).every(Boolean);
        sendJson(
          res,
          ok ? 200 : 503,
          { status: ok ? 'ready' : 'not ready', checks: all },
          req.method === 'HEAD',
        );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        opts.metrics.text().then(
          (text) => {
            res.writeHead(200, { 'content-type': opts.metrics.contentType });
            res.end(text);
          },
          (error: unknown) => {
            log.error({ err: error }, 'could not collect the metrics');
            res.writeHead(500).end();
          },
        );
      },
    },
  ];
}

/** How an answer ended, for the command latency histogram. */
function outcomeOf(error: unknown): CommandOutcome {
  if (
    error instanceof UserInputError ||
    error instanceof UnsupportedError ||
    error instanceof SobotInputError
  )
    return 'refused';
  return error instanceof BotError ? 'failed' : 'crashed';
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
  const clientOptions = slackClientOptions(slack);
  const mode: SlackBot['mode'] = slack.appToken ? 'socket' : 'http';
  const routes = opsRoutes(opts, mode, () => socketState);
  const guard = createReplayGuard({ store: opts.store, logger: opts.logger });
  const turns = createAnswerTurns();

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
  // deferInitialization: Bolt would otherwise run auth.test in the background and crash the process
  // on a bad token after the bot said it was running; init() runs it, awaited, in the checked start.
  const app = new App({
    token: slack.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    deferInitialization: true,
  });
  app.use(guard.middleware);
  const { client } = opts;
  const languageOf = createUserLanguage({ client, clock, logger: opts.logger, fallback: opts.lang });
  const delivery = createSlackDelivery({
    client,
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
    origin: Pick<CommandOrigin, 'via' | 'episodeId'>,
    started: number,
  ): Promise<void> {
    let outcome: CommandOutcome = 'ok';
    const lang = await languageOf(target.userId);
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
        lang,
        progressNoticeMs: opts.progressNoticeMs ?? 3000,
        notify,
        logger: log,
      },
      () =>
        opts
          .runCommand(text, { userId: target.userId, channelId: target.channelId, lang, ...origin })
          .catch((error) => {
            outcome = outcomeOf(error);
            throw error;
          }),
    );
    try {
      await delivery.deliver(message, target);
      // The start of the text says what was asked; a long paste would only weigh on every line.
      const asked = text.length > LOGGED_TEXT_CHARS ? `${text.slice(0, LOGGED_TEXT_CHARS)}…` : text;
      log.info(
        { text: asked, chars: text.length, ms: Math.round(performance.now() - started) },
        'command answered',
      );
    } catch (error) {
      log.error({ err: error }, 'could not deliver the answer');
      outcome = 'undelivered';
      await delivery.deliver(errorMessage(error, undefined, lang), target).catch(() => {});
    }
    opts.events.commandAnswered(opts.commandName(text), outcome, (performance.now() - started) / 1000);
  }

  /**
   * Acks, then answers `text` as work in flight; while shutting down, says "restarting" instead: in
   * the ack itself where Slack allows a message there (`ackRestarting`), else on the response_url.
   */
  async function acceptCommand(
    ack: () => Promise<void>,
    ackRestarting: (() => Promise<void>) | null,
    text: string,
    target: ReplyTarget,
    origin: Pick<CommandOrigin, 'via' | 'episodeId'>,
  ): Promise<void> {
    const started = performance.now();
    if (opts.work.draining) {
      if (ackRestarting) return ackRestarting();
      await ack();
      await postToResponseUrl(target.responseUrl, restarting(opts.lang)).catch((error) =>
        log.warn({ err: error }, 'could not say that the bot is restarting'),
      );
      return;
    }
    await ack();
    // HTTP acks are timed where the request arrives (start()); here only Socket Mode's.
    if (mode === 'socket') opts.events.acked('socket', (performance.now() - started) / 1000);
    await opts.work.track('answer', async () => {
      await turns.next();
      await answer(text, target, origin, started);
    });
  }

  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await acceptCommand(
      () => ack(),
      () => ack(restarting(opts.lang)),
      command.text,
      { responseUrl: command.response_url, userId: command.user_id, channelId: command.channel_id },
      { via: 'command' },
    );
  });

  // The buttons under an answer ("Previous period", "Share to channel") carry the whole command
  // they run as their value (src/message/actions.ts), so a click is just another command.
  // "Open in Sobot" is a link: Slack opens it and still expects the click acknowledged.
  app.action(OPEN_ACTION, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>(FOLLOW_UP_ACTIONS, async ({ ack, body, action }) => {
    await acceptCommand(
      ack,
      null,
      followUpCommand(action.value),
      { responseUrl: body.response_url, userId: body.user.id, channelId: body.channel?.id ?? body.user.id },
      { via: 'button' },
    );
  });

  // The mute buttons of an alert message run `/sobot alerts mute <rule> …` for whoever clicks.
  app.action<BlockAction<ButtonAction>>(ALERT_MUTE_ACTIONS, async ({ ack, body, action }) => {
    const value = alertActionOf(action.value);
    const length = action.action_id === ALERT_ACTIONS.mute1h ? '1h' : 'tomorrow';
    await acceptCommand(
      ack,
      null,
      value ? `alerts mute ${value.rule} ${length}` : 'alerts list',
      { responseUrl: body.response_url, userId: body.user.id, channelId: body.channel?.id ?? body.user.id },
      { via: 'button', ...(value ? { episodeId: value.episode } : {}) },
    );
  });

  app.error(async (error) => {
    // Back to the receiver, which answers 401 (logged by the guard already).
    if (error instanceof RequestRejectedError) throw error;
    log.error({ err: error }, 'unhandled Slack error');
  });

  let opsServer: Server | null = null;
  let receiving = false;
  return {
    app,
    client,
    mode,
    init: () => app.init(),
    async start() {
      if (mode === 'http') {
        const server = (await app.start({ port: slack.port, host: opts.host })) as Server;
        receiving = true;
        opsServer = server;
        timeAcks(server, opts.events);
        return { port: (server.address() as AddressInfo).port };
      }
      const server = createOpsServer(routes);
      opsServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(slack.port, opts.host, resolve);
      });
      await app.start();
      receiving = true;
      return { port: (server.address() as AddressInfo).port };
    },
    async stopReceiving() {
      if (mode === 'socket' && receiving) {
        receiving = false;
        await app.stop();
      }
    },
    async stop() {
      if (receiving) {
        receiving = false;
        // HTTP mode: Bolt closes its server (the ops routes' too).
        await app.stop();
        opsServer = null;
      }
      const server = opsServer;
      opsServer = null;
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** HTTP mode: the time from a Slack request arriving to its response (the ack) being sent. */
function timeAcks(server: Server, events: BotMetrics): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/slack/events')) return;
    const started = performance.now();
    res.once('finish', () => events.acked('http', (performance.now() - started) / 1000));
  });
}
