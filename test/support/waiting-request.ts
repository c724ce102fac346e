// A request already sent to a server of the test's own and waiting to be read, for the specs of the
// acks-first rules: does the event loop get to it between pieces of work, and when.

import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WaitingRequest {
  /** Resolves once its response has come back. */
  answered: Promise<void>;
  close(): void;
}

/** Sends the request and resolves once its bytes are on the loopback socket; `onServed` runs when the server reads it. */
export async function sendWaitingRequest(onServed: () => void): Promise<WaitingRequest> {
  const server = createServer((_req, res) => {
    onServed();
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/events' });
  req.end('token=x');
  // The request's bytes are on the loopback socket once it has connected.
  await once(req, 'socket').then(([socket]) => once(socket, 'connect'));
  const answered = once(req, 'response').then(([response]) => {
    response.resume();
  });
  return { answered, close: () => server.close() };
}
