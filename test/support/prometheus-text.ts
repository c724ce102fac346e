// A strict reader of Prometheus's text exposition format 0.0.4 (prometheus.io/docs/instrumenting/
// exposition_formats): it throws on anything a Prometheus server would reject or that the bot promises
// not to do (a series without # HELP or # TYPE, a family split in two, histogram buckets that do not add up).

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** As Prometheus reads values (Go's strconv.ParseFloat): NaN and Inf in any case, prom-client writes "Nan". */
function parseValue(text: string, line: string): number {
  if (/^nan$/i.test(text)) return Number.NaN;
  const infinite = /^([-+]?)inf(inity)?$/i.exec(text);
  if (infinite) return infinite[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value in: ${line}`);
  return Number(text);
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`bad labels in: ${line}`);
    const [whole, name, raw] = match as unknown as [string, string, string];
    if (name in labels) throw new Error(`label ${name} twice in: ${line}`);
    labels[name] = raw.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}

/** The family a sample belongs to: histogram samples carry _bucket, _sum and _count suffixes. */
function familyOf(sample: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  const exact = families.get(sample);
  if (exact) return exact;
  const base = sample.replace(/_(bucket|sum|count)$/, '');
  const family = families.get(base);
  return family && (family.type === 'histogram' || family.type === 'summary') ? family : undefined;
}

function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, Sample[]>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), sample]);
  }
  for (const [key, samples] of series) {
    const buckets = samples.filter((s) => s.name.endsWith('_bucket'));
    const count = samples.find((s) => s.name.endsWith('_count'));
    if (!count || !samples.some((s) => s.name.endsWith('_sum'))) {
      throw new Error(`${family.name}${key}: _sum or _count missing`);
    }
    const bounds = buckets.map((b) => parseValue(b.labels.le ?? '', b.name));
    if (bounds.at(-1) !== Number.POSITIVE_INFINITY) throw new Error(`${family.name}${key}: no +Inf bucket`);
    for (let i = 1; i < buckets.length; i += 1) {
      if (!((bounds[i] as number) > (bounds[i - 1] as number)))
        throw new Error(`${family.name}${key}: le out of order`);
      if ((buckets[i] as Sample).value < (buckets[i - 1] as Sample).value) {
        throw new Error(`${family.name}${key}: buckets are not cumulative`);
      }
    }
    if (buckets.at(-1)?.value !== count.value) throw new Error(`${family.name}${key}: +Inf bucket ≠ _count`);
  }
}

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const pending = new Map<string, { help?: string; type?: MetricFamily['type'] }>();
  const closed = new Set<string>();
  let current: MetricFamily | null = null;
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, 'HELP' | 'TYPE', string, string];
      if (!METRIC_NAME.test(name)) throw new Error(`bad metric name: ${line}`);
      if (families.has(name)) throw new Error(`# ${kind} after the samples of ${name}`);
      const entry = pending.get(name) ?? {};
      if (kind === 'HELP') {
        if (entry.help !== undefined) throw new Error(`two # HELP for ${name}`);
        if (rest.trim() === '') throw new Error(`empty # HELP for ${name}`);
        entry.help = rest;
      } else {
        if (entry.type !== undefined) throw new Error(`two # TYPE for ${name}`);
        if (!TYPES.has(rest)) throw new Error(`unknown type: ${line}`);
        entry.type = rest as MetricFamily['type'];
      }
      pending.set(name, entry);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([^\s{]+)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText, valueText] = sample as unknown as [string, string, string | undefined, string];
    if (!METRIC_NAME.test(name)) throw new Error(`bad metric name: ${line}`);
    let family = familyOf(name, families);
    if (!family) {
      const base = [name, name.replace(/_(bucket|sum|count)$/, '')].find((n) => pending.has(n));
      const declared = base === undefined ? undefined : pending.get(base);
      if (base === undefined || declared?.help === undefined || declared.type === undefined) {
        throw new Error(`${name} has no # HELP and # TYPE before its samples`);
      }
      family = { name: base, help: declared.help, type: declared.type, samples: [] };
      families.set(base, family);
    }
    if (family !== current) {
      if (closed.has(family.name)) throw new Error(`the samples of ${family.name} are not together`);
      if (current) closed.add(current.name);
      current = family;
    }
    family.samples.push({
      name,
      labels: parseLabels(labelText ?? '', line),
      value: parseValue(valueText, line),
    });
  }
  for (const family of families.values()) {
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

/** The value of the one sample of `name` whose labels include `labels`; undefined when there is none. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const family = familyOf(name, families);
  const matching = (family?.samples ?? []).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (matching.length > 1)
    throw new Error(`${name} ${JSON.stringify(labels)} matches ${matching.length} samples`);
  return matching[0]?.value;
}

/** GET /metrics of a bot on 127.0.0.1, read strictly. */
export async function scrapeMetrics(port: number): Promise<Map<string, MetricFamily>> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}
