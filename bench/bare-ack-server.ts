// The baseline the bot's acks are compared with: a bare Node HTTP server that verifies Slack's
// request signature (HMAC-SHA256 over `v0:timestamp:body`, timestamp within 5 minutes) and answers
// 200, nothing else. Run as its own process, as the bot is; prints its port on stdout.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const secret = process.env.SLACK_SIGNING_SECRET ?? '';

function signatureValid(headers: Record<string, string | string[] | undefined>, body: Buffer): boolean {
  const timestamp = Number(headers['x-slack-request-timestamp']);
  const signature = String(headers['x-slack-signature'] ?? '');
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
  return (
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const ok = signatureValid(req.headers, Buffer.concat(chunks));
    res.writeHead(ok ? 200 : 401).end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
