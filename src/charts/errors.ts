// The one error the chart renderers throw, so callers can fall back to a message without a chart. A
// BotError like every coded error of the bot; its message is for the logs only (no one reads it in Slack).

import { BotError } from '../errors.ts';

export class ChartRenderError extends BotError {
  readonly code = 'chart_render_failed';
}
