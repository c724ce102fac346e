// The alert rule the report tests lay out: reply warnings above 20% today, clearing under 15%.

import type { AlertRuleView } from '../../src/alerts/view.ts';

export const WARNINGS_RULE: AlertRuleView = {
  name: 'response-warnings-high',
  kpi: 'response_warn_rate',
  op: '>',
  threshold: 0.2,
  clear: 0.15,
  period: 'today',
  ratingScale: null,
};
