// Delivers a BotMessage to Slack: renders and places its chart, answers through the command's
// response_url, and sends its files. If Slack rejects the message because of the image, the
// answer goes again without it: the user always gets the numbers.

import type { WebClient } from '@slack/web-api';
import { request } from 'undici';
import type { ChartImage, ChartRenderer } from '../charts/render.ts';
import type { Logger } from '../logger.ts';
import type { BotMessage, FileAttachment } from './message.ts';

export interface ReplyTarget {
  responseUrl: string;
  userId: string;
  channelId: string;
}

export interface SlackDelivery {
  deliver(message: BotMessage, target: ReplyTarget): Promise<void>;
}

/** Slack answered a response_url post with an error. */
export class SlackRejectedError extends Error {
  readonly code = 'slack_rejected';
}

export function createSlackDelivery(opts: {
  client: WebClient;
  charts: ChartRenderer;
  logger: Logger;
}): SlackDelivery {
  const log = opts.logger.child({ module: 'deliver' });

  async function imageBlock(message: BotMessage): Promise<Record<string, unknown> | null> {
    if (!message.chart) return null;
    let image: ChartImage | null;
    try {
      image = await opts.charts.render(message.chart.spec);
    } catch (error) {
      log.warn({ err: error }, 'chart render failed; answering without it');
      return null;
    }
    if (!image) return null;
    const alt_text = message.chart.altText;
    if (image.kind === 'url') return { type: 'image', image_url: image.url, alt_text };
    try {
      const upload = await opts.client.files.uploadV2({
        file: image.png,
        filename: 'chart.png',
        title: message.chart.spec.title,
        alt_text,
      });
      const id = firstFileId(upload);
      return id ? { type: 'image', slack_file: { id }, alt_text } : null;
    } catch (error) {
      log.warn({ err: error }, 'chart upload failed; answering without it');
      return null;
    }
  }

  async function sendFiles(files: FileAttachment[], message: BotMessage, target: ReplyTarget): Promise<void> {
    // An ephemeral answer's file goes to the asker's DM, so the channel does not see it.
    const channel =
      message.visibility === 'in_channel'
        ? target.channelId
        : ((await opts.client.conversations.open({ users: target.userId })).channel?.id ?? target.userId);
    for (const file of files) {
      await opts.client.files.uploadV2({
        channel_id: channel,
        file: Buffer.from(file.content, 'utf8'),
        filename: file.filename,
        title: file.title,
      });
    }
  }

  return {
    async deliver(message, target) {
      const image = await imageBlock(message);
      const blocks: unknown[] = [...message.blocks];
      if (image && message.chart) blocks.splice(message.chart.position, 0, image);
      const payload = { response_type: message.visibility, text: message.text, replace_original: false };
      try {
        await postToResponseUrl(target.responseUrl, { ...payload, blocks });
      } catch (error) {
        if (!image) throw error;
        log.warn({ err: error }, 'Slack rejected the answer with its chart; sending it without');
        const note = {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: '_The chart could not be shown._' }],
        };
        await postToResponseUrl(target.responseUrl, { ...payload, blocks: [...message.blocks, note] });
      }
      if (message.files?.length) {
        try {
          await sendFiles(message.files, message, target);
        } catch (error) {
          log.warn({ err: error }, 'file upload failed');
          await postToResponseUrl(target.responseUrl, {
            response_type: 'ephemeral',
            replace_original: false,
            text: `The full table could not be attached (${slackErrorCode(error)}). Ask again with \`top:\` to see more rows.`,
          });
        }
      }
    },
  };
}

/** Posts to a response_url; Slack answers "ok", or an error as text or JSON. */
export async function postToResponseUrl(url: string, payload: Record<string, unknown>): Promise<void> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = await response.body.text();
  let rejected = response.statusCode >= 400;
  let reason = body.slice(0, 200);
  try {
    const json = JSON.parse(body) as { ok?: boolean; error?: string };
    if (json.ok === false) {
      rejected = true;
      reason = json.error ?? reason;
    }
  } catch {
    // Plain "ok" or an error word: the status code decides.
  }
  if (rejected) throw new SlackRejectedError(`response_url answered ${response.statusCode}: ${reason}`);
}

function firstFileId(upload: unknown): string | null {
  const files = (upload as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return files[0]?.files?.[0]?.id ?? null;
}

function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : 'Slack refused it';
}
