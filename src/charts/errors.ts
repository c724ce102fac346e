// The one error the chart renderers throw, so callers can fall back to a message without a chart.

export class ChartRenderError extends Error {
  readonly code = 'chart_render_failed';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChartRenderError';
  }
}
