// Failed Slack Web API calls counted by method, whoever makes them (answers, digests, alerts, access
// checks): a view of the WebClient whose method namespaces (client.chat.postMessage…) report each
// rejection to the metrics before passing it on unchanged.

import type { WebClient } from '@slack/web-api';
import type { BotMetrics } from '../metrics/metrics.ts';
import { slackFailureLabel } from './errors.ts';

const isNamespace = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

export function observeSlackErrors(client: WebClient, metrics: BotMetrics): WebClient {
  const observe = <T extends object>(target: T, path: readonly string[]): T =>
    new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key, object);
        if (typeof key !== 'string') return value;
        if (isNamespace(value)) return observe(value, [...path, key]);
        if (typeof value !== 'function') return value;
        const method = [...path, key].join('.');
        return (...args: unknown[]) => {
          const result: unknown = value.apply(object, args);
          if (!(result instanceof Promise)) return result;
          return result.catch((error: unknown) => {
            metrics.slackApiError(method, slackFailureLabel(error));
            throw error;
          });
        };
      },
    });
  return observe(client, []);
}
