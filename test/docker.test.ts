// The container, checked without a Docker engine: the Dockerfile is parsed and its promises tested
// (pinned Node 24 LTS, node under tini as PID 1, a non-root user, a HEALTHCHECK, no npm at run time,
// production dependencies only, no simulator), and the import graph of the bot proves the last two hold.

import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type Instruction, readDockerfile, type Stage } from './support/dockerfile.ts';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const { stages, stageNamed, effective } = readDockerfile(read('Dockerfile'));

/** Exec form: a JSON array of strings (no shell between tini and node, so signals reach node). */
function execForm(instruction: Instruction | undefined): string[] {
  expect(instruction, 'instruction missing').toBeDefined();
  const value: unknown = JSON.parse(instruction?.args ?? '');
  expect(Array.isArray(value) && value.every((v) => typeof v === 'string')).toBe(true);
  return value as string[];
}

const runtime = stages.at(-1) as Stage;

describe('the Dockerfile', () => {
  it('builds the bot by default: the last stage is the runtime one', () => {
    expect(runtime.name).toBe('runtime');
  });

  it('pins every base image to Node 24 LTS by exact version or digest', () => {
    const external = stages.filter((s) => !stageNamed(s.from) || stageNamed(s.from) === s);
    expect(external.length).toBeGreaterThan(0);
    for (const stage of external) {
      expect(stage.from).toMatch(
        /^node:24\.\d+\.\d+-[a-z]+(-slim)?(@sha256:[0-9a-f]{64})?$|@sha256:[0-9a-f]{64}$/,
      );
    }
  });

  it('runs node on the bundle dist/bot/main.js directly (V8 flags only between), under tini as PID 1, in exec form', () => {
    expect(execForm(effective(runtime, 'ENTRYPOINT'))).toEqual(['/usr/bin/tini', '--']);
    const [node, ...args] = execForm(effective(runtime, 'CMD'));
    expect(node).toBe('node');
    expect(args.at(-1)).toBe('dist/bot/main.js');
    for (const flag of args.slice(0, -1)) expect(flag).toMatch(/^--[\w-]+(=\S+)?$/);
    const base = stageNamed(runtime.from) as Stage;
    expect(
      base.instructions.some((i) => i.keyword === 'RUN' && /apt-get install[^&]*\btini\b/.test(i.args)),
    ).toBe(true);
  });

  it('never starts npm at run time, in any stage', () => {
    for (const stage of stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        for (const instruction of stage.instructions.filter((i) => i.keyword === keyword)) {
          expect(instruction.args, `${stage.name} ${keyword}`).not.toMatch(/\bnpm\b|\bnpx\b/);
        }
      }
    }
  });

  it('runs as a non-root user', () => {
    const user = effective(runtime, 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on /healthz that needs no curl', () => {
    const check = effective(runtime, 'HEALTHCHECK')?.args ?? '';
    const command = JSON.parse(check.slice(check.indexOf('CMD') + 3)) as string[];
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/healthz');
  });

  it('installs production dependencies only, from the lockfile', () => {
    const copied = runtime.instructions
      .concat(stageNamed(runtime.from)?.instructions ?? [])
      .find((i) => i.keyword === 'COPY' && i.args.includes('node_modules'));
    const source = /--from=(\S+)/.exec(copied?.args ?? '')?.[1] ?? '';
    const install = stageNamed(source)?.instructions.find(
      (i) => i.keyword === 'RUN' && /npm ci/.test(i.args),
    );
    expect(install?.args).toMatch(/npm ci --omit=dev/);
  });

  it('ships the bundle only, built in the build stage; the demo target keeps the compiled modules', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' && /\bdist\b/.test(i.args));
    expect(copies.map((i) => i.args)).toEqual(['--from=build /app/dist/bot ./dist/bot']);
    const build = (stageNamed('build') as Stage).instructions.filter((i) => i.keyword === 'RUN');
    expect(build.map((i) => i.args)).toContain('npm run build');
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(manifest.scripts.build).toContain('tsx scripts/bundle.ts');
    expect(read('scripts/bundle.ts')).toContain("outdir: 'dist/bot'");
    expect(execForm(effective(stageNamed('demo') as Stage, 'ENTRYPOINT'))).toContain('dist/src/demo.js');
  });

  it('installs the CJK Sans fonts and not the Serif ones', () => {
    const base = (stageNamed(runtime.from) as Stage).instructions.map((i) => i.args).join('\n');
    expect(base).toMatch(/apt-get install[^&]*\bfonts-noto-cjk\b/);
    expect(base).toContain('rm -f /usr/share/fonts/opentype/noto/NotoSerifCJK*');
  });
});

/**
 * Modules the bundle holds: relative imports followed from its entry points, src/main.ts and the chart
 * worker (scripts/bundle.ts; type-only imports are erased).
 */
function runtimeImports(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?'([^']+)'/gms),
      ...source.matchAll(/\bimport\('([^']+)'\)/g),
    ].map((m) => m[1] as string);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:')) {
        packages.add(
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/'),
        );
      }
    }
  };
  visit(join(ROOT, 'src', 'main.ts'));
  visit(join(ROOT, 'src', 'charts', 'render-worker.ts'));
  return { files, packages };
}

describe('what the bot loads at run time', () => {
  const { files, packages } = runtimeImports();

  it('is none of the simulator or the demo, which the image leaves out', () => {
    const loaded = [...files].map((file) => relative(ROOT, file));
    expect(loaded).toContain('src/slack/app.ts');
    expect(loaded.filter((file) => /^src\/(simulator|demo)/.test(file))).toEqual([]);
  });

  it('needs only production dependencies, and pino-pretty is not one', () => {
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(packages.size).toBeGreaterThan(5);
    // tsx is loaded only by the chart worker's bootstrap when running from .ts sources
    // (charts/worker-pool.ts); dist/ runs the .js worker directly.
    const fromSourceOnly = new Set(['tsx']);
    for (const name of packages) {
      if (!fromSourceOnly.has(name)) expect(Object.keys(manifest.dependencies), name).toContain(name);
    }
    expect(Object.keys(manifest.dependencies)).not.toContain('pino-pretty');
  });
});

describe('docker-compose.yml', () => {
  // Compose reads YAML merge keys (`<<: *bot`), as YAML 1.1 defines them.
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as {
    services: Record<
      string,
      { image?: string; environment?: Record<string, string>; stop_grace_period?: string }
    >;
  };

  it('runs the bot on Redis, with its own key prefix', () => {
    const { bot, redis } = compose.services;
    expect(bot?.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(bot?.environment?.REDIS_KEY_PREFIX).toBe('sobot-slack:');
    expect(redis?.image).toMatch(/^redis:\d+\.\d+\.\d+/);
  });

  it('gives the bot longer than SHUTDOWN_TIMEOUT (25 s) to stop', () => {
    const grace = /^(\d+)s$/.exec(compose.services.bot?.stop_grace_period ?? '');
    expect(Number(grace?.[1])).toBeGreaterThan(25);
  });

  it('runs two replicas on one Redis and key prefix, each counting on half the budget without Redis', () => {
    const replicas = Object.entries(compose.services).filter(([, s]) => s.image === 'sobot-slack');
    expect(replicas.map(([name]) => name)).toEqual(['bot', 'bot-2']);
    for (const [, replica] of replicas) {
      expect(replica.environment).toMatchObject({
        REDIS_URL: 'redis://redis:6379',
        REDIS_KEY_PREFIX: 'sobot-slack:',
        SOBOT_REPLICAS: String(replicas.length),
      });
      expect(replica.stop_grace_period).toBe('30s');
    }
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local state and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', '.env.*', 'node_modules', 'dist', 'data', '.git'])
      expect(ignored).toContain(entry);
  });
});
