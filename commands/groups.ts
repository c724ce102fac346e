// `/sobot groups [period]`: the KPIs per skill group.

import { breakdownCommand } from './breakdown.ts';

export const groupsCommand = breakdownCommand('groups', 'group', 'help.groups.summary', [
  '/sobot groups yesterday',
  '/sobot groups last 7 days channel:APP',
]);
