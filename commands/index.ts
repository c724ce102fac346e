// The registry of /sobot subcommands. Adding one touches four places: its handler file here,
// the line below, its help text (in the handler), and its test.

import { agentCommand } from './agent.ts';
import { agentsCommand } from './agents.ts';
import { alertsCommand } from './alerts.ts';
import { botCommand } from './bot.ts';
import { channelsCommand } from './channels.ts';
import { customersCommand } from './customers.ts';
import { departmentsCommand } from './departments.ts';
import { digestCommand } from './digest.ts';
import { groupsCommand } from './groups.ts';
import { createHelpCommand } from './help.ts';
import { overviewCommand } from './overview.ts';
import { type CommandRouter, createCommandRouter } from './router.ts';
import { satisfactionCommand } from './satisfaction.ts';
import { topicsCommand } from './topics.ts';
import { trendCommand } from './trend.ts';
import type { CommandDefinition, CommandDeps } from './types.ts';

export function createCommands(deps: CommandDeps): CommandRouter {
  const commands: CommandDefinition[] = [];
  commands.push(
    createHelpCommand(() => commands),
    overviewCommand,
    agentsCommand,
    agentCommand,
    groupsCommand,
    departmentsCommand,
    channelsCommand,
    satisfactionCommand,
    botCommand,
    customersCommand,
    topicsCommand,
    trendCommand,
    digestCommand,
    alertsCommand,
  );
  return createCommandRouter(commands, deps);
}

export type { CommandRouter } from './router.ts';
export type { CommandContext, CommandDeps } from './types.ts';
