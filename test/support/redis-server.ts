// A throwaway redis-server on a free 127.0.0.1 port, without persistence, for tests that need a real Redis.
// A missing redis-server is an error, not a skip: CI installs it (apt-get install redis-server).

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` (with the password when one was required). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;

/**
 * `port` and `dir`: start again where a stopped one listened, on the data it kept there (an append-only
 * file in `dir`), as a Redis outage ends for clients that reconnect.
 */
export async function startRedisServer(
  opts: { password?: string; port?: number; dir?: string } = {},
): Promise<RedisServer> {
  const port = opts.port ?? (await freePort());
  const persistence = opts.dir ? ['--dir', opts.dir, '--appendonly', 'yes'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence];
  if (opts.password) args.push('--requirepass', opts.password);
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await whenReady(child, port);
  const auth = opts.password ? `:${encodeURIComponent(opts.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    stop: () => stop(child),
  };
}

/** A port nothing listens on right now (the OS picks it; the short race before redis binds it is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(address)));
    });
  });
}

function whenReady(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!error) return resolve();
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () =>
        settle(
          new Error(`redis-server on port ${port} did not start in ${STARTUP_TIMEOUT_MS} ms\n${output}`),
        ),
      STARTUP_TIMEOUT_MS,
    );
    // Keeps reading after the server is ready, so its log never fills the pipe.
    const onData = (chunk: Buffer) => {
      if (settled) return;
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error: NodeJS.ErrnoException) =>
      settle(
        error.code === 'ENOENT'
          ? new Error(
              'redis-server is not installed (not found on PATH). The Redis store tests need a real server: ' +
                'apt-get install redis-server',
            )
          : error,
      ),
    );
    child.once('exit', (code) =>
      settle(
        new Error(`redis-server on port ${port} exited with code ${code} before it was ready\n${output}`),
      ),
    );
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
