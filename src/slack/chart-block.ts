// The image block of a message's chart: rendered, uploaded to Slack (or linked, for QuickChart),
// within a deadline. Any failure leaves the chart out, so the numbers always go.

import type { WebClient } from '@slack/web-api';
import type { ChartImage, ChartRenderer } from '../charts/render.ts';
import type { Logger } from '../logger.ts';
import { type BotMessage, verbatimBlocks } from '../message/message.ts';

export interface ChartPlacerOptions {
  client: WebClient;
  charts: ChartRenderer;
  logger: Logger;
  /** The chart may hold the message back this long at most (render + upload); then it goes without. */
  chartDeadlineMs?: number;
}

/** Returns the image block for a message's chart, or null when the chart is off, failed, or too slow. */
export function createChartPlacer(
  opts: ChartPlacerOptions,
): (message: BotMessage) => Promise<Record<string, unknown> | null> {
  const log = opts.logger.child({ module: 'charts' });
  const chartDeadlineMs = opts.chartDeadlineMs ?? 8_000;

  /** The image block, or null when the chart is off, failed, or missed its deadline. */
  async function imageBlock(message: BotMessage): Promise<Record<string, unknown> | null> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        log.warn({ deadlineMs: chartDeadlineMs }, 'chart too slow; answering without it');
        resolve(null);
      }, chartDeadlineMs);
    });
    try {
      return await Promise.race([chartBlock(message), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Slack files of the charts uploaded, by image. The renderer hands out the same image for an
   * identical chart, so answers to the same question share one upload (three Web API calls and the
   * PNG's bytes) rather than each sending it again; an image the renderer forgets is dropped here too.
   */
  const uploads = new WeakMap<ChartImage, Promise<string | null>>();

  function uploaded(
    image: ChartImage & { kind: 'png' },
    title: string,
    alt_text: string,
  ): Promise<string | null> {
    const known = uploads.get(image);
    if (known) return known;
    const fileId = opts.client.files
      .uploadV2({ file: image.png, filename: 'chart.png', title, alt_text })
      .then(firstFileId);
    uploads.set(image, fileId);
    // A failed upload is tried again by the next answer that needs the chart.
    fileId.then(
      (id) => id ?? uploads.delete(image),
      () => uploads.delete(image),
    );
    return fileId;
  }

  async function chartBlock(message: BotMessage): Promise<Record<string, unknown> | null> {
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
      const id = await uploaded(image, message.chart.spec.title, alt_text);
      return id ? { type: 'image', slack_file: { id }, alt_text } : null;
    } catch (error) {
      log.warn({ err: error }, 'chart upload failed; answering without it');
      return null;
    }
  }

  return imageBlock;
}

function firstFileId(upload: unknown): string | null {
  const files = (upload as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return files[0]?.files?.[0]?.id ?? null;
}

/** The message's blocks as they go to Slack: verbatim text, the image at the chart's place. */
export function blocksWithImage(message: BotMessage, image: Record<string, unknown> | null): unknown[] {
  const blocks: unknown[] = verbatimBlocks(message.blocks);
  if (image && message.chart) blocks.splice(message.chart.position, 0, image);
  return blocks;
}
