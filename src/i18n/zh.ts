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

  // ── Periods ───────────────────────────────────────────────────────────────────────────────────
  'period.forms':
    '`今天`、`昨天`、`本周`、`上周`、`最近7天`、`最近30天`、`本月`、`上月`、`2026-11-02`、`2026-11-01..2026-11-15`',
  'period.lookBack': '最多可回看 1 到 {max} 天，不能是 {asked} 天。',
  'period.notADate': '这不是一个日期。',
  'period.badMonth': '{typed} 不是日期：月份为 01 到 12。',
  'period.badDay': '{typed} 不是日期：日从 01 开始。',
  'period.monthLength': '{typed} 不是日期：{year} 年 {month} 月只有 {days} 天。',
  'period.reversed': '开始日期 {from} 晚于结束日期 {to}。',
  'period.future': '{to} 还没到：{zone} 今天是 {today}。',
  'period.tooLong': '智齿一次最多统计 {max} 天；{span} 共 {days} 天。',
  'period.unknown': '无法识别时间段“{typed}”。',
  'period.unknownWithForms': '无法识别时间段“{typed}”。时间段的写法：{forms}。',
  'period.didYouMean': '{problem}你是想输入 `{suggestion}` 吗？',

  // ── Filters and names ─────────────────────────────────────────────────────────────────────────
  'dimension.group': '技能组',
  'dimension.department': '部门',
  'dimension.channel': '渠道',
  'dimension.agent': '客服',
  'dimension.robot': '机器人',
  'dimension.groups': '技能组',
  'dimension.departments': '部门',
  'dimension.channels': '渠道',
  'dimension.agents': '客服',
  'dimension.robots': '机器人',
  'dimension.alerts': '告警',
  'dimension.digests': '日报',
  'filter.ambiguous': '有多个{what}与“{typed}”匹配：{listed}。是哪一个？',
  'filter.none': '没有名为“{typed}”的{what}。',
  'filter.noneClose': '没有名为“{typed}”的{what}。相近的名称：{close}。',
  'filter.noneAll': '没有名为“{typed}”的{what}。现有{all}：{close}。',
  'filter.needsName': '`{option}:` 后面需要一个名称。',
  'agent.which': '查哪位客服？请在时间段前写上姓名或邮箱。',
  'agent.none': '没有名为“{name}”的客服。',
  'agent.retype': '{problem}请按列表中的名称重新输入，或输入客服的邮箱。',
  'agent.severalEmails': '有多位客服的邮箱包含“{typed}”：{emails}。是哪一位？',
  'agent.noEmail': '这段时间没有使用该邮箱的客服接待过会话。',
  'sentence.then': '{first}{second}',

  // ── Commands: what people typed wrong ─────────────────────────────────────────────────────────
  'command.tooLong': '这条命令有 {length} 个字符；最多读取 {max} 个，所以没有执行。请写短一些。',
  'command.unknown': '不认识命令“{name}”。',
  'command.unknownGuess': '不认识命令“{name}”。你是想输入“{guess}”吗？',
  'command.unknownOption': '未知选项“{key}:”。`{command}` 接受 {options}。',
  'command.unknownOptionGuess': '未知选项“{key}:”。你是想输入“{guess}:”吗？`{command}` 接受 {options}。',
  'command.noOptions': '未知选项“{key}:”。`{command}` 不带选项。',
  'command.unknownAction': '“{typed}”不是{things}的操作。可用：{actions}。',
  'command.sortBy': '不能按“{typed}”给客服排序。可排序的指标：{valid}。',
  'command.sortByGuess': '不能按“{typed}”给客服排序。你是想输入“{guess}”吗？可排序的指标：{valid}。',
  'command.sortOrder': '排序方向“{typed}”应为 `asc`（升序）或 `desc`（降序）。',
  'command.top': '`top:` 需要 1 到 {max} 之间的整数，不能是“{typed}”。',
  'help.noCommand': '没有命令“{typed}”。',

  // ── Help ──────────────────────────────────────────────────────────────────────────────────────
  'help.help.summary': '机器人能做什么（附示例），以及每种智齿 API 模式能回答什么。',
  'help.overview.summary':
    '核心指标卡：人工会话、有效接待率、24小时一次性解决率、满意度、首次响应、响应预警、排队放弃和机器人自助率，均与上一周期对比。',
  'help.overview.legacy': '全公司；无24小时一次性解决率、首次响应、响应预警、排队放弃',
  'help.agents.summary':
    '每位客服一行：接待会话量、有效接待率、首次响应、24小时一次性解决率、满意度、响应预警率。',
  'help.agents.notes':
    '*接待会话量* 对每位接待过的客服各计一次：转接的会话两位客服都计入，所以合计可能高于 `/sobot overview` 中每个会话只计一次的 *人工会话量*。*有效接待率* 为有效会话中的有效接待占比。*24小时一次性解决率（按会话）* 是客服最后接待、24 小时内没有新会话的会话占比；概览中的24小时一次性解决率按客户计算。*满意度* 是智齿在评价最多的评价方式（五星、十分制或两级）上的好评占比，名称与智齿一致。每位客服的比率都是智齿自己的数据；合计行把客服合并计算，只有一位客服时与该客服的比率相同。',
  'help.agent.summary':
    '单个客服的卡片：工作量、响应时长、24小时一次性解决率、评价、转接和工作状态（在线、忙碌、小休）。',
  'help.groups.summary': '各技能组的会话量、有效接待率、首次响应、响应预警率和排队放弃率。',
  'help.departments.summary': '各部门的会话量、有效接待率、首次响应、响应预警率和排队放弃率。',
  'help.channels.summary': '各渠道的会话量、有效接待率、首次响应、响应预警率和排队放弃率。',
  'help.satisfaction.summary':
    '按公司使用的评价方式（五星、十分制或满意/不满意）统计：满意率、评价率、解决率，以及按会话和按客户的评价分布。',
  'help.satisfaction.legacy': '全公司，五星，按会话（不按客户）',
  'help.bot.summary':
    '机器人：接待和有效接待的客户、自助解决、转人工（主动要求、规则触发、关键词触发），均与上一周期对比。可按渠道或机器人筛选；智齿不按技能组、部门或客服拆分机器人数据。',
  'help.bot.legacy': '全公司；转人工不细分；含评价',
  'help.customers.summary':
    '客户：有效客户、新客户和回头客、24小时一次性解决率，均与上一周期对比，以及访客最多的地区。',
  'help.topics.summary': '各服务分类（话题）的会话量、评价数和满意占比，按会话量排序。',
  'help.trend.summary':
    '单个指标随时间的变化：折线图，每天一个点（超过两周的时间段每周一个点），并标出最低、最高和平均值。',
  'help.trend.legacy': '全公司；仅人工会话指标',
  'help.digest.summary': '定时日报：列表、预览、立即发送、为频道订阅、退订。',
  'help.digest.legacy': '全公司；无客服部分，无筛选',
  'help.alerts.summary': '阈值告警：列出规则、立即检查（不发送任何消息）、静音或取消静音。',
  'help.alerts.legacy': '全公司范围的规则，仅限旧版 API 提供的指标',

  // ── Help: the page ────────────────────────────────────────────────────────────────────────────
  'help.title': '智齿数据助手',
  'help.fallback': '智齿数据助手（{api} API）。命令：{commands}。',
  'help.notOnThisApi': '当前 API 不支持：{commands}。',
  'help.forExample': '例如 `{example}`',
  'help.periods': '时间段（{zone}）：{forms}。加上 `public` 可把结果发到频道。',
  'help.sortBy': '可排序的指标：{kpis}。',
  'help.apiModes': '智齿 API：v5 {v5} · legacy {legacy}（本机器人：{current}）。',
  'help.otherWords': '中文命令词：{words}。',
  'help.examples': '示例：',
  'help.commandWordsTitle': '中文命令词',
  'help.commandWordsExample':
    '`/sobot 客服 昨天` 等同于 `/sobot agents yesterday`；时间段也可以用中文：`今天`、`昨天`、`上周`、`本月`、`最近7天`。',
  'help.apiTitle': '每种智齿 API 能回答什么',
  'help.modeLegacy':
    '本机器人使用旧版 API（`SOBOT_API=legacy`）：只有全公司合计，不支持 `group:`、`dept:`、`channel:`、`agent:` 和 `robot:` 筛选。向智齿申请 v5 凭证后，请设置 `SOBOT_API=v5`。',
  'help.modeV5': '本机器人使用 v5 API（`SOBOT_API=v5`）。旧版工作台 API 只提供全公司合计。',
  'help.commandColumn': '命令',
  'help.thisBot': '{api}（本机器人）',
  'help.needsV5': '✗ 需要 v5',

  // ── Charts' alt texts, file titles, plain-text fallbacks ──────────────────────────────────────
  'alt.agentRatings': '柱状图：{agent} 在 {when} 收到的评价',
  'alt.agents': { other: '柱状图：前 {count} 位客服的会话量和有效接待率' },
  'alt.alert': '折线图：{names} 各次检查的{kpi}及阈值',
  'alt.bot': '柱状图：{when} 机器人接待、自助解决和转人工的客户',
  'alt.breakdown': '柱状图：会话量和有效接待率（{what}）',
  'alt.customers': '柱状图：{when} 访客最多地区的新访客和回头客',
  'alt.digest': '每日会话量和有效接待率，{from} 至 {to}',
  'alt.overview': '柱状图：{when} 与上一周期的比率指标',
  'alt.satisfaction': '柱状图：{when} 的评价分布（{scale}）',
  'alt.topics': { other: '柱状图：{count} 个分类的会话量和满意占比' },
  'alt.trend': '折线图：{kpi}（{each}），{when}',
  'file.agents': '客服 {when}',
  'fallback.top': '最多：{top}。',
  'fallback.busiest': '最多：{busiest}。',
  'fallback.breakdown': '合计 {chats} 个会话，{count} 个{what}有会话。最多：{busiest}。',

  // ── CSV headers ───────────────────────────────────────────────────────────────────────────────
  'csv.agent': '客服',
  'csv.group': '技能组',
  'csv.department': '部门',
  'csv.channel': '渠道',
  'csv.email': '邮箱',
  'csv.groups': '技能组',
  'csv.percent': '(%)',
  'csv.seconds': '(秒)',

  // ── /sobot alerts ─────────────────────────────────────────────────────────────────────────────
  'alerts.none':
    '还没有设置告警规则。管理员可以在 `bot.config.yml` 的 `alerts:` 下添加（见 README 的 `Alerts` 一节）。',
  'alerts.whichRule': '请说明是哪条规则。',
  'alerts.noRule': '没有告警规则“{typed}”。现有规则：{rules}。',
  'alerts.ended': '这条消息对应的 {rule} 告警已经结束，所以没有静音。如仍要静音该规则，请说明静音多久。',
  'alerts.howLong': '请说明静音多久：例如 `1h`、`30m` 或 `2d`（{min} 到 {max}），或 `tomorrow`。',
  'alerts.tooShort': '“{typed}”太短：静音时长为 {min} 到 {max}。',
  'alerts.tooLong': '“{typed}”太长：静音时长为 {min} 到 {max}。',
  'alerts.mutedText': '告警 {rule} 已静音 {span}。',
  'alerts.muted':
    '🔕 *{rule}* 已由 <@{user}> 静音至 {until}（{zone}）。检查照常进行，消息将在此之后发送。`/sobot alerts unmute {rule}` 可提前结束。',
  'alerts.unmutedText': '告警 {rule} 已取消静音。',
  'alerts.unmuted': '🔔 *{rule}* 已由 <@{user}> 取消静音。',

  // ── /sobot trend ──────────────────────────────────────────────────────────────────────────────
  'trend.noSeries': '智齿的会话统计没有{kpi}的每日数据。可查看趋势的指标：{available}。',
  'trend.unknown': '{what}{guess}可查看趋势的指标：{available}。',
  'trend.cannotDraw': '无法绘制“{typed}”的趋势。',
  'trend.whichKpi': '哪个指标？',
  'trend.didYouMean': '你是想输入 `{guess}` 吗？',

  // ── Period names ──────────────────────────────────────────────────────────────────────────────
  'periodName.today': '今天',
  'periodName.yesterday': '昨天',
  'periodName.thisWeek': '本周',
  'periodName.lastWeek': '上周',
  'periodName.thisMonth': '本月',
  'periodName.lastMonth': '上月',
  'periodName.lastDays': { other: '最近 {count} 天' },

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
