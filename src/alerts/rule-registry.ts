// Every alert rule the bot checks: those in the config file (read-only from Slack) and those an admin
// made with the New alert rule form, kept in the store so they survive restarts and reach replicas.

import type { AlertRule } from '../config-file.ts';
import { UserInputError } from '../errors.ts';
import { phrase } from '../i18n/catalogue.ts';
import type { Store } from '../store/store.ts';

interface SlackRule {
  rule: AlertRule;
  changedBy: string;
  changedAt: number;
}

/** Not `alert:rule:`: that prefix holds each rule's state (src/alerts/checker.ts). */
const DEFINITION = 'alert:def:';

export interface AlertRuleRegistry {
  /** File rules first, then Slack ones, each by name. */
  list(): Promise<AlertRule[]>;
  find(name: string): Promise<AlertRule | null>;
  /** Saves a Slack rule: a new one (its name unused) or, with `replace`, a change to a Slack one. */
  save(rule: AlertRule, by: string, replace: boolean): Promise<void>;
  /** Removes a Slack rule; a file one is refused with what to do instead. */
  remove(name: string): Promise<AlertRule>;
  /** Called after every save and removal, so the checks' schedules follow. */
  onChange(listener: () => void): void;
}

export function createAlertRuleRegistry(opts: {
  store: Store;
  fileRules: readonly AlertRule[];
  now: () => number;
}): AlertRuleRegistry {
  const { store } = opts;
  const listeners: (() => void)[] = [];
  const fromFile = new Set(opts.fileRules.map((r) => r.name));
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const fileOnly = (name: string) => new UserInputError(phrase('alertForm.error.readOnly', { name }));
  const gone = (name: string) => new UserInputError(phrase('alertForm.error.gone', { name }));

  const registry: AlertRuleRegistry = {
    async list() {
      const saved = (await store.list<SlackRule>(DEFINITION))
        .map((entry) => entry.value.rule)
        .filter((rule) => !fromFile.has(rule.name));
      return [...opts.fileRules, ...saved];
    },
    async find(name) {
      return (await registry.list()).find((r) => r.name === name) ?? null;
    },
    async save(rule, by, replace) {
      if (fromFile.has(rule.name)) throw fileOnly(rule.name);
      const record: SlackRule = { rule: { ...rule, source: 'slack' }, changedBy: by, changedAt: opts.now() };
      const key = `${DEFINITION}${rule.name}`;
      if (!replace && !(await store.claim(key, record)))
        throw new UserInputError(phrase('alertForm.error.taken', { name: rule.name }));
      if (replace) {
        if (!(await store.get(key))) throw gone(rule.name);
        await store.set(key, record);
      }
      changed();
    },
    async remove(name) {
      if (fromFile.has(name)) throw fileOnly(name);
      const found = await store.get<SlackRule>(`${DEFINITION}${name}`);
      if (!found) throw gone(name);
      await store.delete(`${DEFINITION}${name}`);
      changed();
      return found.rule;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
  return registry;
}
