// 中文: the same keys as en.ts (the compiler refuses a missing or extra one; test/i18n/catalogue.test.ts
// also checks placeholders and untranslated copies). Chinese has no plural forms: `other` only.

import type { Catalogue } from './catalogue.ts';

export const zh: Catalogue = {
  // ── Units ─────────────────────────────────────────────────────────────────────────────────────
  'unit.seconds': '{s}秒',
  'unit.minutesSeconds': '{m}分{s}秒',
  'unit.hoursMinutes': '{h}小时{m}分',
  'unit.points': '{points} 个百分点',
  'unit.minutesAbout': '约 {minutes} 分钟',
  'unit.minutesOld': '{minutes} 分钟前',
  'unit.hoursOld': '{hours} 小时前',
  'unit.spanDays': '{n} 天',
  'unit.spanHours': '{n} 小时',
  'unit.spanMinutes': '{n} 分钟',
  'unit.spanSeconds': '{n} 秒',
  'unit.minutes': { other: '{count} 分钟' },
  'list.separator': '、',

  // ── Buttons ───────────────────────────────────────────────────────────────────────────────────
  'button.previousDay': '◀ 前一天',
  'button.previousDays': '◀ 前 {count} 天',
  'button.share': '分享到频道',
  'button.openSobot': '在智齿中打开',
  'button.fullAgentTable': '完整客服列表',

  // ── Notices ───────────────────────────────────────────────────────────────────────────────────
  'notice.queued':
    ':hourglass_flowing_sand: 排队中，约 {minutes} 分钟：智齿每分钟允许 {perMinute} 次调用，你前面还有 {ahead} 次；结果稍后送达。',
  'notice.stillFetching':
    ':hourglass_flowing_sand: 仍在从智齿获取数据（智齿当前较慢或正在限流），结果稍后送达。',
  'notice.outage.circuit': '智齿自 {time} 起无响应',
  'notice.outage.rateLimited': '智齿对本公司限流至 {time}',
  'notice.outage.busy': '智齿调用额度已排满至 {time}',
  'notice.outage.unknown': '智齿当前无响应',
  'notice.stale': ':warning: {outage}；显示的是 {time} 的缓存数据（{age}）。',
  'notice.restarting': ':arrows_counterclockwise: 智齿机器人正在重启，请一分钟后再试。',

  // ── Error replies ─────────────────────────────────────────────────────────────────────────────
  'error.tryCommand': '试试 `{command}`',
  'error.seeHelp': '请看 `/sobot help`。',
  'error.seeHelpHere': '请看 `/sobot help` 了解这里能用的功能。',
  'error.rateLimited.what': { other: '智齿正在对本公司限流，还需 {count} 分钟（至 {time}）。' },
  'error.rateLimited.next': '请在 {time} 之后再试；已获取的结果已缓存。',
  'error.busy.what': '智齿繁忙：机器人排队等待的调用有 {ahead} 次（智齿每分钟允许 20 次）。',
  'error.busy.next': '请在 {time} 再试。',
  'error.deadline.what': '智齿未能及时处理这个请求（排队太长）。',
  'error.tryLater': '请几分钟后再试。',
  'error.config.what': '智齿拒绝了机器人的凭证（{code}）。',
  'error.config.next': '请管理员检查：{hint}。',
  'error.auth.what': '智齿连续两次拒绝了访问令牌。',
  'error.auth.next': '请一分钟后再试；如仍然失败，请管理员检查智齿的 app key。',
  'error.sobotInput.what': '智齿不接受这个查询：{detail}',
  'error.sobotInput.next': '请换一个更短或更近的时间段。',
  'error.circuit.what': '智齿自 {time} 起无响应，机器人暂时不再向它发请求。',
  'error.circuit.next': '机器人每 30 秒检查一次；请几分钟后再试。',
  'error.unavailable.what': '智齿当前响应异常（超时或报错）。',
  'error.malformed.what': '智齿返回了机器人无法读取的结果。',
  'error.malformed.next': '请再试一次；如果反复出现，请告诉管理员（详情在机器人日志中）。',
  'error.api.what': '智齿返回了错误（{code}）。',
  'error.api.next': '请稍后再试；详情在机器人日志中。',
  'error.internal.what': '机器人内部出错了。',
  'error.internal.next': '请再试一次；详情在机器人日志中。',

  // ── Changes ───────────────────────────────────────────────────────────────────────────────────
  'change.none': '无可比数据',
  'change.same': '持平',
  'change.better': '改善',
  'change.worse': '变差',
  'change.sobotCompared': '变化为智齿自带的环比（对比区间由智齿决定）',

  // ── Issue 10: one number per KPI (digests under filters Sobot cannot apply) ───────────────────
  'digest.section.agents': '客服',
  'digest.section.satisfaction': '满意度',
  'digest.section.bot': '机器人',
  'digest.beyond.wider': '其数据会超出日报的筛选范围',
  'digest.beyond.workload': '智齿的客服工作量报表只能按客服、技能组和部门筛选',
  'digest.subscribe.without': '不含{section}部分：智齿无法按 {filters} 筛选它（{why}）。',

  // ── Issue 17b: attention, charts, consistent text (add your keys here) ────────────────────────
  'showing.of': '显示 {shown} / {total} {listed}',
  'showing.attached': '{showing} · 完整表格见附件 {file}',
  'listed.agents': { other: '位客服' },
  'listed.groups': { other: '个技能组' },
  'listed.departments': { other: '个部门' },
  'listed.channels': { other: '个渠道' },
  'listed.topics': { other: '个分类' },
  'listed.regions': { other: '个地区' },
  'listed.scopes': { other: '个范围' },
  'attention.under': '{kpi}低于 {floor}',
  'attention.belowTeam': '{kpi}比团队（{team}）低 {points} 个百分点以上',
  'attention.or': '{a}或{b}',
  'attention.rule': '{conditions}，各项至少 {chats} 个会话，按影响（会话量 × 差距）排序',
  'attention.gap': '低 {points} 个百分点',
  'attention.nobody': '无',
  'digest.agentLine': '{name}：{figures}',
  'digest.figureSeparator': '，',
  'digest.gapNote': '{figure}（{gap}）',

  // ── Issue 18: App Home and modals (add your keys here) ────────────────────────────────────────
};
