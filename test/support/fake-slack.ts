// A fake Slack on 127.0.0.1 for tests and the bench: the Web API methods the bot calls, file
// upload URLs, response_url endpoints and a Socket Mode WebSocket. Every message it receives
// is checked against Block Kit limits, and rejected like Slack would when it breaks one.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { blockKitProblems } from '../../src/message/limits.ts';
import { nonVerbatimTexts } from '../../src/message/message.ts';
import { viewProblems } from '../../src/message/view-limits.ts';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
}

export interface ResponsePost {
  payload: Record<string, unknown>;
  accepted: boolean;
  problems: string[];
}

/** A message the bot posted into a channel (or a thread), as it stands after any edits. */
export interface ChannelMessage {
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: unknown[];
  /** Earlier versions, oldest first, replaced by chat.update. */
  edits: { text: string; blocks: unknown[] }[];
}

/** A modal the bot opened (views.open), as it stands after any views.update. */
export interface OpenModal {
  id: string;
  triggerId: string;
  view: Record<string, unknown>;
  /** Earlier versions, oldest first, replaced by views.update. */
  updates: Record<string, unknown>[];
}

export interface FakeSlack {
  /** Web API base URL, for SLACK_API_URL. */
  apiUrl: string;
  baseUrl: string;
  calls: RecordedCall[];
  uploads: Map<string, Buffer>;
  /** Posts received on each response_url, by id. */
  responses: Map<string, ResponsePost[]>;
  /** Make response_url posts that carry an image block fail, as Slack does for a bad image. */
  rejectImages: boolean;
  /** Channels the bot is not a member of: sharing a file there fails with not_in_channel. */
  channelsWithoutBot: Set<string>;
  /** Channel messages posted with chat.postMessage, in order, edited in place by chat.update. */
  messages: ChannelMessage[];
  /** Members of user groups, for usergroups.users.list. */
  userGroups: Map<string, string[]>;
  /** Members of channels by id, for conversations.members. */
  channelMembers: Map<string, string[]>;
  /** Channel ids by name (without #), for conversations.list. */
  channelIds: Map<string, string>;
  /** The Home tab each user sees: the last view published for them. */
  homes: Map<string, Record<string, unknown>>;
  /** Modals opened with views.open, in order, updated in place by views.update. */
  modals: OpenModal[];
  /**
   * Profiles for users.info: time zone and locale by user id. Unknown users: user_not_found, so the bot
   * answers them in its default language (what most tests expect).
   */
  users: Map<string, { tz: string; locale?: string }>;
  /** The next `count` calls of `method` answer `{ ok: false, error }`, as Slack does when it is unwell. */
  failNext(method: string, count?: number, error?: string): void;
  /** Top-level messages in a channel (not thread replies). */
  posted(channel: string): ChannelMessage[];
  /** Replies in the thread of `ts`. */
  thread(ts: string): ChannelMessage[];
  responseUrl(id: string): string;
  /** Resolves once `count` posts reached response_url `id` (event-driven, no polling). */
  waitForResponses(id: string, count?: number): Promise<ResponsePost[]>;
  /** Resolves with the first Web API call (already made or still to come) that matches. */
  waitForCall(predicate: (call: RecordedCall) => boolean): Promise<RecordedCall>;
  /**
   * Socket Mode: resolves with the bot's ack of the envelope (a new envelope id unless one is given;
   * `retryNum` marks it as Slack's retry of an earlier delivery).
   */
  sendSocketEvent(
    payload: Record<string, unknown>,
    type?: string,
    envelopeId?: string,
    retryNum?: number,
  ): Promise<Record<string, unknown>>;
  socketConnected(): Promise<void>;
  close(): Promise<void>;
}

/** What Slack would refuse of a view, plus mrkdwn left for Slack to parse. */
function viewProblemsOf(view: unknown): string[] {
  const blocks = ((view as { blocks?: unknown[] } | null)?.blocks ?? []) as unknown[];
  return [
    ...viewProblems(view),
    ...nonVerbatimTexts(blocks).map((where) => `${where}: mrkdwn without verbatim: true`),
  ];
}

/** A views.publish or views.open call's problems: its view's, the surface it needs, its required id. */
function viewCallProblems(args: Record<string, unknown>, type: 'home' | 'modal', id: string): string[] {
  const problems = viewProblemsOf(args.view);
  if ((args.view as { type?: string } | undefined)?.type !== type) problems.push(`a ${type} view is needed`);
  if (typeof args[id] !== 'string') problems.push(`${id} is needed`);
  return problems;
}

/** Slack's answer to a view it will not show. */
const refused = (problems: string[]) => ({
  ok: false,
  error: 'invalid_arguments',
  response_metadata: { messages: problems },
});

/** What Slack would refuse, plus mrkdwn the bot left for Slack to parse (every text must be verbatim). */
function problemsOf(message: { text?: string; blocks?: unknown[] }): string[] {
  const parsed = nonVerbatimTexts(message.blocks ?? []).map(
    (where) => `${where}: mrkdwn without verbatim: true`,
  );
  return [...blockKitProblems(message), ...parsed];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body.toString('utf8') || '{}');
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

/** The uploaded file's bytes: the file part of a multipart body, or the raw body. */
function fileBytes(req: IncomingMessage, body: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    const part = body.subarray(start + delimiter.length, next < 0 ? body.length : next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/.test(part.subarray(0, headerEnd).toString('utf8'))) {
      return part.subarray(headerEnd + 4, part.length - 2);
    }
    start = next;
  }
  return body;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const uploads = new Map<string, Buffer>();
  const responses = new Map<string, ResponsePost[]>();
  const waiters: { id: string; count: number; resolve: (posts: ResponsePost[]) => void }[] = [];
  const callWaiters: { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] =
    [];
  const pendingAcks = new Map<string, (ack: Record<string, unknown>) => void>();
  let socket: WebSocket | null = null;
  let connected: () => void = () => {};
  const socketReady = new Promise<void>((resolve) => {
    connected = resolve;
  });
  let fileCounter = 0;
  let messageCounter = 0;
  const messages: ChannelMessage[] = [];
  const failures = new Map<string, { count: number; error: string }>();
  let envelopeCounter = 0;
  let base = '';

  const settleWaiters = () => {
    for (const waiter of [...waiters]) {
      const posts = responses.get(waiter.id) ?? [];
      if (posts.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(posts);
      }
    }
  };

  const api: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://fake.slack.com/',
      team: 'Fake',
      user: 'sobot',
      team_id: 'T0FAKE',
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
    }),
    'conversations.open': (args) => ({ ok: true, channel: { id: `D${String(args.users).slice(1)}` } }),
    'chat.postMessage': (args) => {
      const problems = problemsOf(args as { text?: string; blocks?: unknown[] });
      if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
      messageCounter += 1;
      const message: ChannelMessage = {
        channel: String(args.channel),
        ts: `1795000000.${String(messageCounter).padStart(6, '0')}`,
        threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : null,
        text: String(args.text ?? ''),
        blocks: (args.blocks as unknown[] | undefined) ?? [],
        edits: [],
      };
      messages.push(message);
      return { ok: true, ts: message.ts, channel: message.channel, message: { ts: message.ts } };
    },
    'chat.update': (args) => {
      const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      const problems = problemsOf(args as { text?: string; blocks?: unknown[] });
      if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
      message.edits.push({ text: message.text, blocks: message.blocks });
      message.text = String(args.text ?? '');
      message.blocks = (args.blocks as unknown[] | undefined) ?? [];
      return { ok: true, ts: message.ts, channel: message.channel };
    },
    'chat.postEphemeral': (args) => {
      const problems = problemsOf(args as { text?: string; blocks?: unknown[] });
      return problems.length
        ? { ok: false, error: 'invalid_blocks', errors: problems }
        : { ok: true, message_ts: '1' };
    },
    'usergroups.users.list': (args) => {
      const users = fake.userGroups.get(String(args.usergroup));
      return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
    },
    'conversations.members': (args) => {
      const members = fake.channelMembers.get(String(args.channel));
      return members
        ? { ok: true, members, response_metadata: { next_cursor: '' } }
        : { ok: false, error: 'channel_not_found' };
    },
    'conversations.list': () => ({
      ok: true,
      channels: [...fake.channelIds].map(([name, id]) => ({ id, name })),
      response_metadata: { next_cursor: '' },
    }),
    'files.getUploadURLExternal': (args) => {
      fileCounter += 1;
      const id = `F${String(fileCounter).padStart(6, '0')}`;
      return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id, filename: args.filename };
    },
    'files.completeUploadExternal': (args) => {
      if (fake.channelsWithoutBot.has(String(args.channel_id))) return { ok: false, error: 'not_in_channel' };
      const files = (args.files as { id: string; title?: string }[]) ?? [];
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
    },
    'views.publish': (args) => {
      const problems = viewCallProblems(args, 'home', 'user_id');
      if (problems.length) return refused(problems);
      fake.homes.set(String(args.user_id), args.view as Record<string, unknown>);
      return { ok: true, view: { id: `VHOME${String(args.user_id)}`, ...(args.view as object) } };
    },
    'views.open': (args) => {
      const problems = viewCallProblems(args, 'modal', 'trigger_id');
      if (problems.length) return refused(problems);
      const modal: OpenModal = {
        id: `VMODAL${String(fake.modals.length + 1).padStart(4, '0')}`,
        triggerId: String(args.trigger_id),
        view: args.view as Record<string, unknown>,
        updates: [],
      };
      fake.modals.push(modal);
      return { ok: true, view: { id: modal.id, ...modal.view } };
    },
    'views.update': (args) => {
      const modal = fake.modals.find((m) => m.id === args.view_id);
      if (!modal) return { ok: false, error: 'not_found' };
      const problems = viewProblemsOf(args.view);
      if (problems.length) return refused(problems);
      modal.updates.push(modal.view);
      modal.view = args.view as Record<string, unknown>;
      return { ok: true, view: { id: modal.id, ...modal.view } };
    },
    'users.info': (args) => {
      const profile = fake.users.get(String(args.user));
      if (!profile) return { ok: false, error: 'user_not_found' };
      // Slack adds the locale only when asked for it (include_locale).
      const asked = args.include_locale === true || args.include_locale === 'true';
      const locale = asked ? { locale: profile.locale ?? 'en-US' } : {};
      return { ok: true, user: { id: args.user, tz: profile.tz, ...locale } };
    },
    'apps.connections.open': () => ({ ok: true, url: `${base.replace('http', 'ws')}/socket` }),
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const body = await readBody(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const args = parseArgs(req, body);
      const auth = req.headers.authorization;
      const call: RecordedCall = {
        method,
        args,
        token: auth?.startsWith('Bearer ') ? auth.slice(7) : ((args.token as string) ?? null),
      };
      calls.push(call);
      for (const waiter of callWaiters.filter((w) => w.predicate(call))) {
        callWaiters.splice(callWaiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
      const failure = failures.get(method);
      if (failure && failure.count > 0) {
        failure.count -= 1;
        return json(200, { ok: false, error: failure.error });
      }
      const handler = api[method];
      return json(200, handler ? handler(args) : { ok: false, error: 'unknown_method' });
    }
    if (url.pathname.startsWith('/upload/')) {
      uploads.set(url.pathname.slice('/upload/'.length), fileBytes(req, body));
      res.writeHead(200).end('OK');
      return;
    }
    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      const payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const problems = problemsOf(payload as { text?: string; blocks?: unknown[] });
      const hasImage = ((payload.blocks as { type: string }[] | undefined) ?? []).some(
        (b) => b.type === 'image',
      );
      if (fake.rejectImages && hasImage) problems.push('invalid image');
      const accepted = problems.length === 0;
      responses.set(id, [...(responses.get(id) ?? []), { payload, accepted, problems }]);
      settleWaiters();
      if (accepted) res.writeHead(200).end('ok');
      else json(400, { ok: false, error: 'invalid_blocks', problems });
      return;
    }
    res.writeHead(404).end();
  });

  const wss = new WebSocketServer({ server, path: '/socket' });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(data.toString()) as Record<string, unknown>;
      const resolve = pendingAcks.get(String(ack.envelope_id));
      if (resolve) {
        pendingAcks.delete(String(ack.envelope_id));
        resolve(ack);
      }
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
    connected();
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    baseUrl: base,
    calls,
    uploads,
    responses,
    rejectImages: false,
    channelsWithoutBot: new Set(),
    messages,
    userGroups: new Map(),
    channelMembers: new Map(),
    channelIds: new Map(),
    homes: new Map(),
    modals: [],
    users: new Map(),
    failNext(method, count = 1, error = 'internal_error') {
      failures.set(method, { count, error });
    },
    posted: (channel) => messages.filter((m) => m.channel === channel && m.threadTs === null),
    thread: (ts) => messages.filter((m) => m.threadTs === ts),
    responseUrl: (id) => `${base}/response/${id}`,
    waitForResponses(id, count = 1) {
      return new Promise((resolve) => {
        waiters.push({ id, count, resolve });
        settleWaiters();
      });
    },
    waitForCall(predicate) {
      const made = calls.find(predicate);
      if (made) return Promise.resolve(made);
      return new Promise((resolve) => callWaiters.push({ predicate, resolve }));
    },
    socketConnected: () => socketReady,
    sendSocketEvent(payload, type = 'slash_commands', envelopeId = `env-${++envelopeCounter}`, retryNum) {
      return new Promise((resolve, reject) => {
        if (!socket) return reject(new Error('no Socket Mode connection'));
        pendingAcks.set(envelopeId, resolve);
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: true,
            ...(retryNum ? { retry_attempt: retryNum, retry_reason: 'timeout' } : {}),
          }),
        );
      });
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
