// Message volumes from getMsgStat rows: customers' and agents' messages in chats with agents and
// the answer ratio (Q&A %), for the overview and trends. Rows by channel partition the chats, so
// their sum is the scope's total, as for getStat.

import type { KpiValues } from '../../stats/model.ts';
import type { V5Item } from './endpoints.ts';
import { rateOf, totalOf } from './session-extras.ts';

type MessageStats = V5Item<'messageStats'>;

/** The message KPIs of one or several getMsgStat rows: counts summed, the ratio Sobot's own or combined. */
export function messageKpis(rows: readonly MessageStats[]): KpiValues {
  return {
    // doc: msg_human 31 = msg_visitor_to_staff 23 + msg_staff 8.
    messages: totalOf(rows, (r) => r.msg_human),
    customer_messages: totalOf(rows, (r) => r.msg_visitor_to_staff),
    agent_messages: totalOf(rows, (r) => r.msg_staff),
    // doc: msg_staff 8 ÷ msg_visitor_to_staff 23 = msg_staff_visitor_rate 0.3478 ("34.78%").
    answer_ratio: rateOf(rows, (r) => ({
      count: r.msg_staff,
      rate: r.msg_staff_visitor_rate ?? r.msg_staff_visitor_rate_str,
      base: r.msg_visitor_to_staff,
    })),
  };
}
