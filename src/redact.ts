// One place that knows what a secret looks like, so logs and Slack messages never carry one.
// Three nets: keys that name a secret (token, app_key, password…), text that looks like one (Slack
// tokens, `token=…`, `"token":"…"`, `token: …`, 32+ hex digits next to the word token, credentials in
// a URL), and the literal values of the bot's own secrets: those of the configuration, and those
// learned while running (each Sobot token as it is issued). Walking a value is depth-unbounded and
// cycle-safe, within a size budget: whatever the budget does not reach is masked, never shown.

/** Normalised key names (lower case, no `-`/`_`) whose values are secrets, whatever they look like. */
const SECRET_KEY =
  /^(?:sign|token|accesstoken|refreshtoken|bottoken|apptoken|appkey|apikey|authorization|cookie|setcookie|password|passwd|secret|signingsecret|clientsecret|xslacksignature|signature)$/;
const isSecretKey = (key: string) => SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''));

/** Words that, before `=`, `:` or a quoted value, announce a secret. */
const SECRET_WORDS = 'token|access_token|app_key|appkey|sign|password|secret|signing_secret|authorization';

const R = '[redacted]';

/** Each pattern with what it keeps of a match (the key, the quotes) around the redacted value. */
const SECRET_PATTERNS: { pattern: RegExp; replace: (...match: string[]) => string }[] = [
  // Slack tokens: xoxb-, xoxp-, xoxa-, xoxs-…, and app-level xapp-.
  { pattern: /xox[a-z]-[A-Za-z0-9-]+/g, replace: () => R },
  { pattern: /xapp-[A-Za-z0-9-]+/g, replace: () => R },
  { pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g, replace: (_m, lead) => `${lead}${R}` },
  // "token":"…" and 'sign': '…' (JSON inside a string, a dumped object).
  {
    pattern: new RegExp(`(["']?)(${SECRET_WORDS})\\1(\\s*[:=]\\s*)(["'])(?:\\\\.|(?!\\4)[^\\\\])*\\4`, 'gi'),
    replace: (_m, q, word, sep, quote) => `${q}${word}${q}${sep}${quote}${R}${quote}`,
  },
  // token=… in a query string or form body, token: … in prose or YAML.
  {
    pattern: new RegExp(`\\b(${SECRET_WORDS})(\\s*[:=]\\s*)(?!\\[redacted\\])[^\\s&"',;}\\]]+`, 'gi'),
    replace: (_m, word, sep) => `${word}${sep}${R}`,
  },
  // "token 4d1b…", "token was 4d1b…": 32+ hex digits shortly after the word token.
  { pattern: /\b(token\b.{0,24}?)\b[0-9a-f]{32,}\b/gi, replace: (_m, lead) => `${lead}${R}` },
  // Credentials in a URL: redis://:password@host, https://user:password@host.
  { pattern: /(\/\/[^\s:/@]*:)[^\s@/]+@/g, replace: (_m, lead) => `${lead}${R}@` },
];

export const REDACTED = R;
/** Shown instead of what the size budget did not reach. */
export const UNWALKED = '[not logged: too large]';
/** Objects, arrays and strings one value may hold before the rest is masked. */
const MAX_NODES = 2_000;
/** Characters kept of one string (after scrubbing). */
const MAX_STRING = 20_000;
/** Shorter literal secrets would scrub ordinary words. */
const MIN_SECRET_LENGTH = 6;
/** Secrets learned while running that are remembered (Sobot tokens are issued about once a day). */
const MAX_LIVE_SECRETS = 50;

const liveSecrets: string[] = [];

/**
 * Adds a secret learned while running (a Sobot token as it is issued) to what every log line and
 * reply is scrubbed of, process-wide: a secret is one wherever it turns up.
 */
export function rememberSecret(value: string | null | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || liveSecrets.includes(value)) return;
  liveSecrets.push(value);
  if (liveSecrets.length > MAX_LIVE_SECRETS) liveSecrets.shift();
}

export function redactText(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  // Literal values first: a pattern's replacement must not leave half of a known secret behind.
  for (const secret of [...extraSecrets, ...liveSecrets]) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const { pattern, replace } of SECRET_PATTERNS) {
    out = out.replace(pattern, (...match: string[]) => replace(...match));
  }
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}… ${UNWALKED}` : out;
}

/**
 * Deep copy of `value` with secret-named keys and secret-looking strings replaced. Errors become
 * plain objects shaped like pino's error serializer (type, message, stack, own fields, cause).
 */
export function redact(value: unknown, extraSecrets: readonly string[] = []): unknown {
  let budget = MAX_NODES;
  const seen = new WeakSet<object>();
  const text = (s: string) => redactText(s, extraSecrets);

  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      budget -= 1;
      return budget < 0 ? UNWALKED : text(v);
    }
    if (typeof v === 'bigint') return v.toString();
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[circular]';
    budget -= 1;
    if (budget < 0) return UNWALKED;
    seen.add(v);
    try {
      if (Array.isArray(v)) return v.map(walk);
      if (v instanceof Error) return walkError(v);
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
      if (Buffer.isBuffer(v)) return `[${v.length} bytes]`;
      return walkEntries(Object.entries(v));
    } finally {
      // Only ancestors count as cycles: the same object twice side by side is logged twice.
      seen.delete(v);
    }
  };

  const walkEntries = (entries: [string, unknown][]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries) {
      out[text(key)] = isSecretKey(key) && v !== null && v !== undefined && v !== '' ? REDACTED : walk(v);
    }
    return out;
  };

  const walkError = (error: Error): Record<string, unknown> => {
    const own = walkEntries(Object.entries(error).filter(([key]) => key !== 'cause'));
    return {
      type: error.name,
      message: text(error.message),
      stack: text(error.stack ?? ''),
      ...own,
      ...(error.cause === undefined ? {} : { cause: walk(error.cause) }),
      ...(error instanceof AggregateError ? { errors: walk(error.errors) } : {}),
    };
  };

  return walk(value);
}
