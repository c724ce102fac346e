// `/sobot departments [period]`: the KPIs per department.

import { breakdownCommand } from './breakdown.ts';

export const departmentsCommand = breakdownCommand('departments', 'department', 'help.departments.summary', [
  '/sobot departments yesterday',
  '/sobot departments this month',
]);
