// Answers start one per turn of the event loop, so a request that is waiting to be read gets in
// between them (its ack is not held back by the answers queued before it).

import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createAnswerTurns } from '../../src/slack/ack-first.ts';

describe('createAnswerTurns', () => {
  it('starts waiters in the order they came', async () => {
    const turns = createAnswerTurns();
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => turns.next().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('lets a request already sent be read and answered before the twenty answers queued after it', async () => {
    let answersStarted = 0;
    let startedWhenServed = -1;
    const server = createServer((_req, res) => {
      startedWhenServed = answersStarted;
      res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/events' });
    req.end('token=x');
    // The request's bytes are on the loopback socket once it has connected.
    await once(req, 'socket').then(([socket]) => once(socket, 'connect'));

    const turns = createAnswerTurns();
    const answers = Array.from({ length: 20 }, () =>
      turns.next().then(() => {
        answersStarted += 1;
      }),
    );
    const [response] = await once(req, 'response');
    response.resume();
    await Promise.all(answers);
    server.close();
    expect(startedWhenServed).toBeGreaterThanOrEqual(0);
    expect(startedWhenServed).toBeLessThan(20);
  });
});
