// The port through which digests and alerts reach a channel: post a message (or a thread reply) and
// edit it later. src/slack/channel-post.ts implements it on Slack's Web API; the demo prints instead.

import type { BotMessage } from './message.ts';

export interface PostedMessage {
  /** The channel id Slack answered with (a `#name` becomes its id). */
  channel: string;
  ts: string;
}

export interface ChannelPoster {
  post(channel: string, message: BotMessage, options?: { threadTs?: string }): Promise<PostedMessage>;
  /** Replaces a posted message's text and blocks (the chart is not redrawn on edits). */
  update(posted: PostedMessage, message: BotMessage): Promise<void>;
}
