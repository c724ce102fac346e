// The registry of /sobot subcommands. Adding one touches four places: its handler file here,
// the line below, its help text (in the handler), and its test.

import { agentsCommand } from './agents.ts';
import { createHelpCommand } from './help.ts';
import { type CommandRouter, createCommandRouter } from './router.ts';
import type { CommandDefinition, CommandDeps } from './types.ts';

export function createCommands(deps: CommandDeps): CommandRouter {
  const commands: CommandDefinition[] = [];
  commands.push(
    createHelpCommand(() => commands),
    agentsCommand,
  );
  return createCommandRouter(commands, deps);
}

export type { CommandRouter } from './router.ts';
export type { CommandContext, CommandDeps } from './types.ts';
