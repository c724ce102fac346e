// A page of Sobot rows is read in slices, so a request waiting to be read gets in between them (its
// ack is not held back until the whole page has been parsed).

import { describe, expect, it } from 'vitest';
import { ROWS_PER_TURN, readInTurns } from '../../src/sobot/read-in-turns.ts';
import { sendWaitingRequest } from '../support/waiting-request.ts';

describe('readInTurns', () => {
  it('reads every row, in order', async () => {
    const rows = Array.from({ length: 2 * ROWS_PER_TURN + 3 }, (_, i) => i);
    expect(await readInTurns(rows, (row) => `row ${row}`)).toEqual(rows.map((row) => `row ${row}`));
    expect(await readInTurns([], String)).toEqual([]);
  });

  it('serves a request already sent while a 100-row page is read, before its last row', async () => {
    let rowsRead = 0;
    let readWhenServed = -1;
    const waiting = await sendWaitingRequest(() => {
      readWhenServed = rowsRead;
    });

    const page = readInTurns(
      Array.from({ length: 100 }, (_, i) => i),
      (row) => {
        rowsRead += 1;
        return row;
      },
    );
    await waiting.answered;
    expect(await page).toHaveLength(100);
    waiting.close();
    expect(readWhenServed).toBeGreaterThanOrEqual(ROWS_PER_TURN);
    expect(readWhenServed).toBeLessThan(100);
  });
});
