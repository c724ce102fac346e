// Posts messages into channels and threads, and edits them: how digests and alerts reach Slack (the
// ChannelPoster port of src/message/poster.ts).
// The chart goes as an image block; if Slack refuses the image, the message goes without it.

import type { WebClient } from '@slack/web-api';
import type { ChartRenderer } from '../charts/render.ts';
import type { Logger } from '../logger.ts';
import type { BotMessage } from '../message/message.ts';
import type { ChannelPoster } from '../message/poster.ts';
import { blocksWithImage, createChartPlacer } from './chart-block.ts';
import { slackErrorCode } from './errors.ts';

export function createChannelPoster(opts: {
  client: WebClient;
  charts: ChartRenderer;
  logger: Logger;
}): ChannelPoster {
  const log = opts.logger.child({ module: 'channel-post' });
  const imageBlock = createChartPlacer(opts);
  const send = async (channel: string, message: BotMessage, blocks: unknown[], threadTs?: string) => {
    const reply = await opts.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: blocks as never,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
    });
    return { channel: reply.channel ?? channel, ts: String(reply.ts) };
  };
  return {
    async post(channel, message, options = {}) {
      const image = await imageBlock(message);
      if (!image) return send(channel, message, blocksWithImage(message, null), options.threadTs);
      try {
        return await send(channel, message, blocksWithImage(message, image), options.threadTs);
      } catch (error) {
        if (slackErrorCode(error) !== 'invalid_blocks') throw error;
        log.warn({ err: error }, 'Slack refused the message with its chart; posting it without');
        return send(channel, message, blocksWithImage(message, null), options.threadTs);
      }
    },
    async update(posted, message) {
      await opts.client.chat.update({
        channel: posted.channel,
        ts: posted.ts,
        text: message.text,
        blocks: blocksWithImage(message, null) as never,
      });
    },
  };
}
