// `/sobot channels [period]`: the KPIs per channel.

import { breakdownCommand } from './breakdown.ts';

export const channelsCommand = breakdownCommand('channels', 'channel', 'help.channels.summary', [
  '/sobot channels yesterday',
  '/sobot channels last week group:Sales',
]);
