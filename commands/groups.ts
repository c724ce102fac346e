// `/sobot groups [period]`: the KPIs per skill group.

import { breakdownCommand } from './breakdown.ts';

export const groupsCommand = breakdownCommand(
  'groups',
  'group',
  'Chats, valid reception, first response, reply warnings and queue leave per skill group.',
  ['/sobot groups yesterday', '/sobot groups last 7 days channel:APP'],
);
