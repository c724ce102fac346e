// `/sobot departments [period]`: the KPIs per department.

import { breakdownCommand } from './breakdown.ts';

export const departmentsCommand = breakdownCommand(
  'departments',
  'department',
  'Chats, valid reception, first response, reply warnings and queue leave per department.',
  ['/sobot departments yesterday', '/sobot departments this month'],
);
