import { ackUnderLoad, ackUnderLoadRows } from './ack-under-load.ts';

for (const [k, v] of ackUnderLoadRows(await ackUnderLoad(process.argv.slice(2))))
  console.log(k.padEnd(52), v);
