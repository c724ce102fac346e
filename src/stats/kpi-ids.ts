// The names of the KPIs and of the rating scales, as types only: what every layer says when it means a
// KPI. A leaf, so the registry (kpis.ts), the vocabulary (model.ts) and the cards (cards.ts) can all use
// them without importing each other.

export type KpiId =
  | 'chats'
  | 'bot_chats'
  | 'valid_reception_rate'
  | 'fcr_24h'
  | 'satisfaction'
  | 'avg_first_response'
  | 'response_warn_rate'
  | 'bot_self_service_rate'
  | 'queue_leave_rate'
  | 'valid_chats'
  | 'unanswered_rate'
  | 'transfers'
  | 'avg_reception_duration'
  | 'answer_ratio'
  | 'bot_transfer_rate'
  | 'no_reply_rate'
  | 'avg_response_time'
  | 'avg_queue_wait'
  | 'avg_queue_leave_time'
  | 'resolved_chats'
  | 'unresolved_chats'
  | 'untagged_chats'
  | 'first_response_30s_rate'
  | 'first_response_60s_rate'
  | 'feedback_rate'
  | 'max_concurrent'
  | 'messages'
  | 'customer_messages'
  | 'agent_messages';

/** The KPIs a per-agent table shows. */
export type AgentKpiId =
  | 'chats'
  | 'valid_reception_rate'
  | 'avg_first_response'
  | 'fcr_24h'
  | 'satisfaction'
  | 'response_warn_rate';

/** How a company's customers rate chats: 5 stars, 0–10 (NPS) or satisfied / not. */
export type RatingScale = 'five_star' | 'nps' | 'two_level';
