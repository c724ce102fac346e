// `/sobot channels [period]`: the KPIs per channel.

import { breakdownCommand } from './breakdown.ts';

export const channelsCommand = breakdownCommand(
  'channels',
  'channel',
  'Chats, valid reception, first response, reply warnings and queue leave per channel.',
  ['/sobot channels yesterday', '/sobot channels last week group:Sales'],
);
