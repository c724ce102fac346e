// Reading a page of Sobot rows in slices. A 100-row page of 120-field workload rows is tens of
// milliseconds of zod on a busy machine, all on the event loop that acknowledges Slack's requests;
// between slices the loop polls for I/O (setImmediate), so requests that arrived meanwhile are acked
// before the rest of the page is read (the same reasoning as slack/ack-first.ts).

/** Rows read per turn of the event loop: a few milliseconds of work at most. */
export const ROWS_PER_TURN = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `read` applied to every row, in order, ROWS_PER_TURN rows per turn of the event loop. */
export async function readInTurns<T>(rows: readonly unknown[], read: (row: unknown) => T): Promise<T[]> {
  const out: T[] = [];
  for (const [index, row] of rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await nextTurn();
    out.push(read(row));
  }
  return out;
}
