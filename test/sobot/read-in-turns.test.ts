// A page of Sobot rows is read in slices, so a request waiting to be read gets in between them (its
// ack is not held back until the whole page has been parsed).

import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ROWS_PER_TURN, readInTurns } from '../../src/sobot/read-in-turns.ts';

describe('readInTurns', () => {
  it('reads every row, in order', async () => {
    const rows = Array.from({ length: 2 * ROWS_PER_TURN + 3 }, (_, i) => i);
    expect(await readInTurns(rows, (row) => `row ${row}`)).toEqual(rows.map((row) => `row ${row}`));
    expect(await readInTurns([], String)).toEqual([]);
  });

  it('serves a request already sent while a 100-row page is read, before its last row', async () => {
    let rowsRead = 0;
    let readWhenServed = -1;
    const server = createServer((_req, res) => {
      readWhenServed = rowsRead;
      res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/commands' });
    req.end('command=/sobot');
    // The request's bytes are on the loopback socket once it has connected.
    await once(req, 'socket').then(([socket]) => once(socket, 'connect'));

    const page = readInTurns(
      Array.from({ length: 100 }, (_, i) => i),
      (row) => {
        rowsRead += 1;
        return row;
      },
    );
    const [response] = await once(req, 'response');
    response.resume();
    expect(await page).toHaveLength(100);
    server.close();
    expect(readWhenServed).toBeGreaterThanOrEqual(ROWS_PER_TURN);
    expect(readWhenServed).toBeLessThan(100);
  });
});
