// The other words people type for a command or an action: Chinese command words (`/sobot 客服 昨天`
// is `/sobot agents yesterday`). Input vocabulary, in one table: the router reads it, help lists it.
// Chinese periods live with the period grammar (src/stats/period.ts), KPI words in the KPI registry.

/** Command name → the words that also name it. */
export const COMMAND_WORDS: Readonly<Record<string, readonly string[]>> = {
  help: ['帮助'],
  overview: ['概览', '总览'],
  agents: ['客服', '坐席'],
  agent: ['单个客服', '坐席详情'],
  groups: ['技能组'],
  departments: ['部门'],
  channels: ['渠道'],
  satisfaction: ['满意度'],
  bot: ['机器人'],
  customers: ['客户', '访客'],
  topics: ['服务总结', '话题'],
  trend: ['趋势'],
  digest: ['日报', '摘要'],
  alerts: ['告警'],
};

/** Sub-action (`digest list`, `alerts mute`) → the words that also name it. */
export const ACTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  list: ['列表', '列出'],
  run: ['运行', '检查'],
  mute: ['静音'],
  unmute: ['取消静音'],
  preview: ['预览'],
  now: ['立即', '现在'],
  subscribe: ['订阅'],
  unsubscribe: ['退订', '取消订阅'],
};

/** A digest's days (`digest subscribe #cs 09:00 weekdays`) → the words that also name them. */
export const DAY_SET_WORDS: Readonly<Record<string, readonly string[]>> = {
  weekdays: ['工作日'],
  daily: ['每天', '每日'],
  weekends: ['周末'],
};

/** Mute lengths people type besides `1h`, `30m`, `2d`: until the start of tomorrow. */
export const TOMORROW_WORDS: readonly string[] = ['tomorrow', '明天'];

/** `word` → the name it stands for in `table`, or `word` itself. */
export function canonical(word: string, table: Readonly<Record<string, readonly string[]>>): string {
  const lower = word.toLowerCase();
  for (const [name, words] of Object.entries(table)) if (words.includes(lower)) return name;
  return lower;
}

/**
 * Chinese is typed without spaces: `客服昨天` is the command word `客服` and the period `昨天`.
 * The longest command word `text` starts with, and the rest; null when none does.
 */
export function splitCommandWord(text: string): { word: string; rest: string } | null {
  const words = Object.values(COMMAND_WORDS)
    .flat()
    .sort((a, b) => b.length - a.length);
  const word = words.find((w) => text.startsWith(w) && text.length > w.length);
  return word ? { word, rest: text.slice(word.length) } : null;
}
