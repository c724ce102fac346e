// One place that knows what a secret looks like, so logs and Slack messages never carry one.

const SECRET_KEYS = new Set([
  'token',
  'access_token',
  'app_key',
  'appkey',
  'sign',
  'authorization',
  'signing_secret',
  'signingsecret',
  'client_secret',
  'x-slack-signature',
  'password',
]);

/** Slack tokens, Sobot-style 32-hex tokens and md5 signatures in query strings. */
const SECRET_PATTERNS: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\b(token|sign|app_key|access_token)=[^&\s"']+/gi,
];

export const REDACTED = '[redacted]';

export function redactText(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match) => {
      const eq = match.indexOf('=');
      return eq > 0 ? `${match.slice(0, eq + 1)}${REDACTED}` : REDACTED;
    });
  }
  for (const secret of extraSecrets) {
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep copy of `value` with secret-named keys and secret-looking strings replaced. */
export function redact(value: unknown, extraSecrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, extraSecrets);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, extraSecrets, depth + 1));
  if (value instanceof Error) {
    // Shaped like pino's standard error serializer, with every string scrubbed.
    const fields = redact({ ...value }, extraSecrets, depth + 1) as Record<string, unknown>;
    return {
      type: value.name,
      message: redactText(value.message, extraSecrets),
      stack: redactText(value.stack ?? '', extraSecrets),
      ...fields,
      ...(value.cause === undefined ? {} : { cause: redact(value.cause, extraSecrets, depth + 1) }),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) && v ? REDACTED : redact(v, extraSecrets, depth + 1);
  }
  return out;
}
