// Acks first. Slack waits 3 s for an ack and 30 minutes for the answer, and both share one event loop:
// each answer starts on a turn of its own (one per setImmediate), after the loop has polled for I/O,
// so requests that arrived meanwhile are read, verified and acked before the next answer's work.
// Without it a burst of commands gets its acks only between the answers to the ones before.

export interface AnswerTurns {
  /** Resolves on the next free turn of the event loop: one waiter per turn, first come first served. */
  next(): Promise<void>;
}

export function createAnswerTurns(): AnswerTurns {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const schedule = () => {
    scheduled = true;
    setImmediate(releaseOne);
  };
  function releaseOne() {
    scheduled = false;
    const start = waiting.shift();
    if (waiting.length > 0) schedule();
    start?.();
  }
  return {
    next: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (!scheduled) schedule();
      }),
  };
}
