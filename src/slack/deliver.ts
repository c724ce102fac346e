// Delivers a BotMessage to Slack: renders and places its chart, answers through the command's
// response_url, and sends its files. If Slack rejects the message because of the image, the
// answer goes again without it: the user always gets the numbers.

import type { WebClient } from '@slack/web-api';
import { request } from 'undici';
import type { ChartRenderer } from '../charts/render.ts';
import type { Logger } from '../logger.ts';
import type { BotMessage, FileAttachment } from '../message/message.ts';
import { blocksWithImage, createChartPlacer } from './chart-block.ts';
import { slackErrorCode } from './errors.ts';

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

export interface DeliveryOptions {
  client: WebClient;
  charts: ChartRenderer;
  logger: Logger;
  /** The chart may hold the answer back this long at most (render + upload); then it goes without. */
  chartDeadlineMs?: number;
  /**
   * Slack can refuse a just-uploaded file in an image block until it has processed it
   * ("invalid slack file"): wait this long and try once more before answering without the chart.
   */
  imageRetryDelayMs?: number;
}

/**
 * A response_url post is abandoned when Slack is silent this long: before its response headers, or
 * between two parts of its body. undici's own timers, not an AbortSignal per post (one timer object
 * and listener for each answer, which showed in profiles under load).
 */
const RESPONSE_URL_TIMEOUT_MS = 10_000;

export function createSlackDelivery(opts: DeliveryOptions): SlackDelivery {
  const log = opts.logger.child({ module: 'deliver' });
  const imageBlock = createChartPlacer(opts);
  const imageRetryDelayMs = opts.imageRetryDelayMs ?? 1_500;

  const directMessage = async (userId: string) =>
    (await opts.client.conversations.open({ users: userId })).channel?.id ?? userId;

  const upload = (channel: string, file: FileAttachment) =>
    opts.client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(file.content, 'utf8'),
      filename: file.filename,
      title: file.title,
    });

  async function sendFiles(files: FileAttachment[], message: BotMessage, target: ReplyTarget): Promise<void> {
    for (const file of files) {
      // An ephemeral answer's file goes to the asker's DM, so the channel does not see it. A public
      // one goes to the channel, or to the DM when the bot may not post files there (not a member).
      if (message.visibility === 'in_channel') {
        try {
          await upload(target.channelId, file);
          continue;
        } catch (error) {
          log.info({ err: error }, 'could not share the file in the channel; sending it to the asker');
        }
      }
      await upload(await directMessage(target.userId), file);
    }
  }

  return {
    async deliver(message, target) {
      const image = await imageBlock(message);
      const blocks = blocksWithImage(message, image);
      const payload = { response_type: message.visibility, text: message.text, replace_original: false };
      try {
        await postToResponseUrl(target.responseUrl, { ...payload, blocks });
      } catch (error) {
        if (!image) throw error;
        log.warn({ err: error }, 'Slack rejected the answer with its chart; trying again shortly');
        await new Promise((resolve) => setTimeout(resolve, imageRetryDelayMs));
        try {
          await postToResponseUrl(target.responseUrl, { ...payload, blocks });
        } catch (again) {
          log.warn({ err: again }, 'Slack rejected the chart again; sending the answer without it');
          const note = {
            type: 'context' as const,
            elements: [{ type: 'mrkdwn' as const, text: '_The chart could not be shown._' }],
          };
          const withoutChart = blocksWithImage({ ...message, blocks: [...message.blocks, note] }, null);
          await postToResponseUrl(target.responseUrl, { ...payload, blocks: withoutChart });
        }
      }
      if (message.files?.length) {
        try {
          await sendFiles(message.files, message, target);
        } catch (error) {
          log.warn({ err: error }, 'file upload failed');
          await postToResponseUrl(target.responseUrl, {
            response_type: 'ephemeral',
            replace_original: false,
            text: `The full table could not be attached (${slackErrorCode(error) ?? 'Slack refused it'}). Ask again with \`top:\` to see more rows.`,
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
    headersTimeout: RESPONSE_URL_TIMEOUT_MS,
    bodyTimeout: RESPONSE_URL_TIMEOUT_MS,
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
