// The Dockerfile read without a Docker engine: its stages with their instructions (line continuations
// joined, comments dropped, build ARGs substituted), what a stage inherits, and how the runtime stage
// starts the bot. For the Dockerfile's tests and for the bench, which runs the bot the same way.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical.filter(Boolean)) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    const expanded = rest.replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? '');
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = rest.split('=');
      args.set(name, value);
    } else if (upper === 'FROM') {
      const [, image = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(expanded) ?? [];
      stages.push({ name: name ?? String(stages.length), from: image, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${upper} before the first FROM`);
      stage.instructions.push({ keyword: upper, args: expanded });
    }
  }
  return stages;
}

export interface Dockerfile {
  stages: Stage[];
  stageNamed(name: string): Stage | undefined;
  /** The instruction as the stage sees it: its own, or inherited from the stage it is built FROM. */
  effective(stage: Stage, keyword: string): Instruction | undefined;
  /** The variables ENV sets for a stage, its parents' first (`ENV A=1 B="x y"` form). */
  environment(stage: Stage): Record<string, string>;
}

export function readDockerfile(text: string): Dockerfile {
  const stages = parseDockerfile(text);
  const stageNamed = (name: string) => stages.find((s) => s.name === name);
  const parentOf = (stage: Stage) => {
    const parent = stageNamed(stage.from);
    return parent === stage ? undefined : parent;
  };
  const effective = (stage: Stage, keyword: string): Instruction | undefined => {
    const own = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
    if (own) return own;
    const parent = parentOf(stage);
    return parent ? effective(parent, keyword) : undefined;
  };
  const environment = (stage: Stage): Record<string, string> => {
    const parent = parentOf(stage);
    const env = parent ? environment(parent) : {};
    for (const { keyword, args } of stage.instructions) {
      if (keyword !== 'ENV') continue;
      for (const [, name = '', quoted, bare] of args.matchAll(/(\w+)=(?:"([^"]*)"|(\S*))/g))
        env[name] = quoted ?? bare ?? '';
    }
    return env;
  };
  return { stages, stageNamed, effective, environment };
}

/** How the image's last stage starts the bot: its CMD (exec form) and the environment it sets. */
export function runtimeCommand(root: string): { argv: string[]; env: Record<string, string> } {
  const dockerfile = readDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const runtime = dockerfile.stages.at(-1) as Stage;
  const argv = JSON.parse(dockerfile.effective(runtime, 'CMD')?.args ?? '[]') as string[];
  return { argv, env: dockerfile.environment(runtime) };
}
