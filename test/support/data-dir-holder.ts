// A separate process that opens the file store on a DATA_DIR and holds it until stdin closes or it gets
// SIGTERM: the second process of the DATA_DIR lock tests. Prints `open` or `refused: <message>`.
// Usage: node --import tsx test/support/data-dir-holder.ts <dir> <lock beat ms>

import { systemClock } from '../../src/clock.ts';
import { openFileStore } from '../../src/store/file.ts';

const [dir, beatMs] = process.argv.slice(2);
try {
  const store = await openFileStore({
    dir: dir as string,
    clock: systemClock,
    onProblem: () => {},
    lockBeatMs: Number(beatMs),
  });
  process.stdout.write('open\n');
  const close = async () => {
    await store.close();
    process.exit(0);
  };
  process.stdin.on('end', close);
  process.stdin.resume();
  process.on('SIGTERM', close);
} catch (error) {
  process.stdout.write(`refused: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
}
