// English: the catalogue every other language follows key for key (zh.ts is checked against it by
// the compiler and by test/i18n/catalogue.test.ts). Keys are `area.what`; `{name}` is filled by
// t()/say(); an entry with `one`/`other` forms is chosen by its `count`. Sections are by area, so
// engineers adding strings to different areas do not edit the same lines.

export const en = {
  // ── Units: numbers as people read them ────────────────────────────────────────────────────────
  'unit.seconds': '{s}s',
  'unit.minutesSeconds': '{m}m {s}s',
  'unit.hoursMinutes': '{h}h {m}m',
  'unit.points': '{points} pts',
  'unit.minutesAbout': 'about {minutes} min',
  'unit.minutesOld': '{minutes} min old',
  'unit.hoursOld': '{hours} h old',
  /** A span for people to read (mutes, "ended … ago"): pieces joined by spaces. */
  'unit.spanDays': '{n} d',
  'unit.spanHours': '{n} h',
  'unit.spanMinutes': '{n} min',
  'unit.spanSeconds': '{n} s',
  'unit.minutes': { one: '{count} minute', other: '{count} minutes' },
  'list.separator': ', ',

  // ── Buttons under answers ─────────────────────────────────────────────────────────────────────
  'button.previousDay': '◀ Previous day',
  'button.previousDays': '◀ Previous {count} days',
  'button.share': 'Share to channel',
  'button.openSobot': 'Open in Sobot',
  'button.fullAgentTable': 'Full agent table',

  // ── Notices while an answer waits, and on answers from the cache ─────────────────────────────
  'notice.queued':
    ':hourglass_flowing_sand: Queued, about {minutes} min: Sobot allows {perMinute} calls a minute and {ahead} are queued ahead of yours; your answer follows.',
  'notice.stillFetching':
    ':hourglass_flowing_sand: Still fetching from Sobot (it is slow or rate-limiting right now); the answer follows.',
  'notice.outage.circuit': 'Sobot is not answering since {time}',
  'notice.outage.rateLimited': 'Sobot is rate-limiting this company until {time}',
  'notice.outage.busy': "Sobot's budget is booked until {time}",
  'notice.outage.unknown': 'Sobot is not answering right now',
  'notice.stale': ':warning: {outage}; cached figures from {time} ({age}) shown.',
  'notice.restarting': ':arrows_counterclockwise: The Sobot bot is restarting: try again in a minute.',

  // ── Error replies: what happened, and what to do next ─────────────────────────────────────────
  'error.tryCommand': 'Try `{command}`',
  'error.seeHelp': 'See `/sobot help`.',
  'error.seeHelpHere': 'See `/sobot help` for what works here.',
  'error.rateLimited.what': {
    one: 'Sobot is rate-limiting this company for {count} more minute (until {time}).',
    other: 'Sobot is rate-limiting this company for {count} more minutes (until {time}).',
  },
  'error.rateLimited.next': 'Try again after {time}; answers already fetched are cached.',
  'error.busy.what':
    "Sobot is busy: the bot's queue for it is {ahead} calls long (Sobot allows 20 a minute).",
  'error.busy.next': 'Try again at {time}.',
  'error.deadline.what': 'Sobot did not get to this question in time (its queue is long).',
  'error.tryLater': 'Please try again in a few minutes.',
  'error.config.what': "Sobot refused the bot's credentials ({code}).",
  'error.config.next': 'An admin should check: {hint}.',
  'error.auth.what': 'Sobot rejected the access token twice in a row.',
  'error.auth.next': 'Try again in a minute; if it persists, an admin should check the Sobot app key.',
  'error.sobotInput.what': 'Sobot did not accept the question: {detail}',
  'error.sobotInput.next': 'Try a shorter or more recent period.',
  'error.circuit.what': 'Sobot is not answering since {time}, so the bot is not asking it for now.',
  'error.circuit.next': 'It checks every 30 seconds; please try again in a few minutes.',
  'error.unavailable.what':
    'Sobot is not answering properly at the moment (it timed out or reported an error).',
  'error.malformed.what': 'Sobot sent a reply the bot could not read.',
  'error.malformed.next':
    'Please try again; if it keeps happening, tell your admin (details are in the bot logs).',
  'error.api.what': 'Sobot answered with an error ({code}).',
  'error.api.next': 'Please try again later; details are in the bot logs.',
  'error.internal.what': 'Something went wrong on our side.',
  'error.internal.next': 'Please try again; details are in the bot logs.',

  // ── Changes against the period compared with ──────────────────────────────────────────────────
  'change.none': 'no comparison',
  'change.same': 'unchanged',
  'change.better': 'better',
  'change.worse': 'worse',
  'change.sobotCompared': "changes as Sobot reports them (Sobot's own comparison period)",

  // ── Periods ───────────────────────────────────────────────────────────────────────────────────
  'period.forms':
    '`today`, `yesterday`, `this week`, `last week`, `last 7 days`, `last 30 days`, `this month`, `last month`, `2026-11-02`, `2026-11-01..2026-11-15`',
  'period.lookBack': 'I can look back 1 to {max} days, not {asked}.',
  'period.notADate': 'That is not a date.',
  'period.badMonth': '{typed} is not a date: months run from 01 to 12.',
  'period.badDay': '{typed} is not a date: days start at 01.',
  'period.monthLength': '{typed} is not a date: {year}-{month} has {days} days.',
  'period.reversed': 'The start {from} is after the end {to}.',
  'period.future': '{to} is in the future: today is {today} in {zone}.',
  'period.tooLong': 'Sobot reports at most {max} days at a time; {span} is {days} days.',
  'period.unknown': 'I don\'t know the period "{typed}".',
  'period.unknownWithForms': 'I don\'t know the period "{typed}". Periods look like: {forms}.',
  'period.didYouMean': '{problem} Did you mean "{suggestion}"?',

  // ── Filters and names ─────────────────────────────────────────────────────────────────────────
  'dimension.group': 'skill group',
  'dimension.department': 'department',
  'dimension.channel': 'channel',
  'dimension.agent': 'agent',
  'dimension.robot': 'bot',
  'dimension.groups': 'skill groups',
  'dimension.departments': 'departments',
  'dimension.channels': 'channels',
  'dimension.agents': 'agents',
  'dimension.robots': 'bots',
  'dimension.alerts': 'alerts',
  'dimension.digests': 'digests',
  'filter.ambiguous': 'Several {what}s match "{typed}": {listed}. Which one?',
  'filter.none': 'There is no {what} "{typed}".',
  'filter.noneClose': 'There is no {what} "{typed}". Close names: {close}.',
  'filter.noneAll': 'There is no {what} "{typed}". The {all} are: {close}.',
  'filter.needsName': '`{option}:` needs a name after it.',
  'agent.which': 'Which agent? Give a name or an email before the period.',
  'agent.none': 'There is no agent "{name}".',
  'agent.retype': "{problem} Retype the name as listed, or give the agent's email.",
  'agent.severalEmails': 'Several agents\' emails contain "{typed}": {emails}. Which one?',
  'agent.noEmail': 'No agent with that email handled chats in this period.',
  'sentence.then': '{first} {second}',

  // ── Commands: what people typed wrong ─────────────────────────────────────────────────────────
  'command.tooLong':
    'That command is {length} characters long; I read at most {max}, so I did not run it. Ask with fewer words.',
  'command.unknown': 'I don\'t know the command "{name}".',
  'command.unknownGuess': 'I don\'t know the command "{name}". Did you mean "{guess}"?',
  'command.unknownOption': 'Unknown option "{key}:". `{command}` accepts {options}.',
  'command.unknownOptionGuess':
    'Unknown option "{key}:". Did you mean "{guess}:"? `{command}` accepts {options}.',
  'command.noOptions': 'Unknown option "{key}:". `{command}` takes no options.',
  'command.unknownAction': '"{typed}" is not something {things} do. Use {actions}.',
  'command.sortBy': 'I can\'t sort agents by "{typed}". Sort by one of: {valid}.',
  'command.sortByGuess':
    'I can\'t sort agents by "{typed}". Did you mean "{guess}"? Sort by one of: {valid}.',
  'command.sortOrder': 'Sort order "{typed}" should be asc or desc.',
  'command.top': 'top: takes a whole number from 1 to {max}, not "{typed}".',
  'help.noCommand': 'There is no command "{typed}".',

  // ── Help: what each command does ──────────────────────────────────────────────────────────────
  'help.help.summary': 'What the bot can do, with examples, and what each Sobot API mode answers.',
  'help.overview.summary':
    'The headline card: chats, valid reception, 24h FCR, satisfaction, first response, reply warnings, queue leave and bot self-service, each against the period before.',
  'help.overview.legacy': 'company-wide; no 24h FCR, first response, warnings, queue leave',
  'help.agents.summary':
    'One row per agent: chats handled, valid reception, first response, 24h FCR, satisfaction, reply warnings.',
  'help.agents.notes':
    "*Chats handled* counts a chat once for each agent who handled it: a chat transferred from one agent to another counts for both, so the team line can be higher than *Chats* in `/sobot overview`, which counts each chat once. *Valid reception* is valid receptions of valid chats. *24h FCR (of chats)* is the share of the chats an agent received last that needed no new chat within 24 hours; the overview's 24h FCR is a share of customers. *Satisfaction* is Sobot's positive share on the rating scale with the most ratings (5 stars, 0–10 or two levels), labelled as Sobot labels it. Each agent's rates are Sobot's own; the team line combines the agents so that a team of one agent shows that agent's rates.",
  'help.agent.summary':
    "One agent's card: workload, response times, 24h FCR, ratings, transfers and work status (online, busy, breaks).",
  'help.groups.summary':
    'Chats, valid reception, first response, reply warnings and queue leave per skill group.',
  'help.departments.summary':
    'Chats, valid reception, first response, reply warnings and queue leave per department.',
  'help.channels.summary':
    'Chats, valid reception, first response, reply warnings and queue leave per channel.',
  'help.satisfaction.summary':
    'Ratings on the scale the company uses (5 stars, 0–10 or satisfied/dissatisfied): satisfied %, feedback rate, resolved rate, the distribution per chat and per customer.',
  'help.satisfaction.legacy': 'company-wide, 5 stars, per chat (not per customer)',
  'help.bot.summary':
    'The chatbot: customers received and validly received, self-served, transfers to agents (asked for, triggered by rules, by keyword), against the period before. By channel or bot; Sobot does not split the bot by skill group, department or agent.',
  'help.bot.legacy': 'company-wide; no split of the transfers; with ratings',
  'help.customers.summary':
    'Customers: valid, new and returning, 24h FCR, each against the period before, and the busiest regions.',
  'help.topics.summary':
    'Chats, ratings and the satisfied share per service classification (topic), busiest first.',
  'help.trend.summary':
    'One KPI over time: a line chart, a point a day (a week for periods over two weeks), with its low, high and average.',
  'help.trend.legacy': 'company-wide; human-chat KPIs only',
  'help.digest.summary': 'Scheduled digests: list, preview, post now, subscribe a channel, unsubscribe.',
  'help.digest.legacy': 'company-wide; no agent sections, no filters',
  'help.alerts.summary':
    'Threshold alerts: list the rules, run them now (nothing is posted), mute or unmute one.',
  'help.alerts.legacy': 'company-wide rules on the KPIs legacy gives',

  // ── Help: the page ────────────────────────────────────────────────────────────────────────────
  'help.title': 'Sobot stats in Slack',
  'help.fallback': 'Sobot stats in Slack ({api} API). Commands: {commands}.',
  'help.notOnThisApi': 'Not on this API: {commands}.',
  'help.forExample': 'e.g. `{example}`',
  'help.periods': 'Periods (in {zone}): {forms}. Add `public` to post the answer in the channel.',
  'help.sortBy': 'Sort by: {kpis}.',
  'help.apiModes': 'Sobot API: v5 {v5} · legacy {legacy} (this bot: {current}).',
  'help.otherWords': 'Also: {words}.',
  'help.examples': 'Examples:',
  'help.commandWordsTitle': 'Chinese command words',
  'help.commandWordsExample':
    '`/sobot 客服 昨天` is `/sobot agents yesterday`; periods in Chinese too: `今天`, `昨天`, `上周`, `本月`, `最近7天`.',
  'help.apiTitle': 'What each Sobot API answers',
  'help.modeLegacy':
    'This bot uses the legacy API (`SOBOT_API=legacy`): company-wide totals, no `group:`, `dept:`, `channel:`, `agent:` or `robot:` filters. With v5 credentials from Sobot, set `SOBOT_API=v5`.',
  'help.modeV5':
    'This bot uses the v5 API (`SOBOT_API=v5`). The legacy workbench API gives company-wide totals only.',
  'help.commandColumn': 'command',
  'help.thisBot': '{api} (this bot)',
  'help.needsV5': '✗ needs v5',

  // ── Charts' alt texts, file titles, plain-text fallbacks ──────────────────────────────────────
  'alt.agentRatings': 'Bar chart of the ratings {agent} received in {when}',
  'alt.agents': {
    one: 'Bar chart of chats and valid reception for the top agent',
    other: 'Bar chart of chats and valid reception for the top {count} agents',
  },
  'alt.alert': 'Line chart of {kpi} over the checks for {names}, with the threshold',
  'alt.bot': 'Bar chart of the customers the bot received, served alone and transferred in {when}',
  'alt.breakdown': 'Bar chart of chats and valid reception: {what}',
  'alt.customers': 'Bar chart of new and returning visitors in the busiest regions in {when}',
  'alt.digest': 'Chats per day and valid reception %, {from} to {to}',
  'alt.overview': 'Bar chart of the rate KPIs in {when} and in the period before',
  'alt.satisfaction': 'Bar chart of the ratings in {when}, {scale}',
  'alt.topics': {
    one: 'Bar chart of chats per topic with the {share} of 1 topic',
    other: 'Bar chart of chats per topic with the {share} of {count} topics',
  },
  'alt.trend': 'Line chart of {kpi} {each} over {when}',
  'file.agents': 'Agents {when}',
  'fallback.top': 'Top: {top}.',
  'fallback.busiest': 'busiest {busiest}.',
  'fallback.breakdown': 'Total {chats} chats, {count} {what} with chats. Busiest: {busiest}.',

  // ── CSV headers ───────────────────────────────────────────────────────────────────────────────
  'csv.agent': 'agent',
  'csv.group': 'group',
  'csv.department': 'department',
  'csv.channel': 'channel',
  'csv.email': 'email',
  'csv.groups': 'groups',
  'csv.percent': '_pct',
  'csv.seconds': '_sec',

  // ── /sobot alerts ─────────────────────────────────────────────────────────────────────────────
  'alerts.none':
    'No alert rules are set up. An admin adds them under `alerts:` in bot.config.yml (see README "Alerts").',
  'alerts.whichRule': 'Say which rule.',
  'alerts.noRule': 'There is no alert rule "{typed}". The rules are: {rules}.',
  'alerts.ended':
    'That message is about an alert of {rule} that has ended, so nothing was muted. To mute the rule anyway, say for how long.',
  'alerts.howLong':
    'Say for how long: a duration such as `1h`, `30m` or `2d` (from {min} to {max}), or `tomorrow`.',
  'alerts.tooShort': '"{typed}" is too short: a mute lasts from {min} to {max}.',
  'alerts.tooLong': '"{typed}" is too long: a mute lasts from {min} to {max}.',
  'alerts.mutedText': 'Alert {rule} muted for {span}.',
  'alerts.muted':
    '🔕 *{rule}* muted by <@{user}> until {until} ({zone}). Checks go on; messages wait until then. `/sobot alerts unmute {rule}` ends it early.',
  'alerts.unmutedText': 'Alert {rule} unmuted.',
  'alerts.unmuted': '🔔 *{rule}* unmuted by <@{user}>.',

  // ── /sobot trend ──────────────────────────────────────────────────────────────────────────────
  'trend.noSeries': "{kpi} has no daily series in Sobot's session statistics. Trends cover: {available}.",
  'trend.unknown': '{what}{guess} Trends cover: {available}.',
  'trend.cannotDraw': 'I can\'t draw a trend of "{typed}".',
  'trend.whichKpi': 'Which KPI?',
  'trend.didYouMean': ' Did you mean "{guess}"?',

  // ── Period names as the config file writes them ───────────────────────────────────────────────
  'periodName.today': 'today',
  'periodName.yesterday': 'yesterday',
  'periodName.thisWeek': 'this week',
  'periodName.lastWeek': 'last week',
  'periodName.thisMonth': 'this month',
  'periodName.lastMonth': 'last month',
  'periodName.lastDays': { one: 'last 1 day', other: 'last {count} days' },

  // ── /sobot digest ─────────────────────────────────────────────────────────────────────────────
  'digest.unavailable': 'Digests are not available in this deployment.',
  'digest.notAChannel': '"{typed}" is not a channel. Name it as #channel.',
  'digest.noDigest': 'There is no digest called "{typed}".',
  'digest.noDigestOf': 'There is no digest called "{typed}". The digests are: {names}.',
  'digest.which': 'There are {count} digests: {names}. Say which one.',
  'digest.whereWhen': 'Say where and when: a channel and a time such as 09:00.',
  'digest.badName': '"{typed}" cannot be a digest name: use up to 40 letters, digits, - and _.',
  'digest.whichToRemove': 'Say which digest to remove.',
  'digest.inConfigFile': 'A digest called "{name}" is defined in the config file; pick another name.',
  'digest.exists':
    'There is already a digest called "{name}". Choose another name with `name:`, or remove it first.',
  'digest.cannotChange':
    'The digest "{name}" cannot be changed from Slack: it comes from the config file, or was removed.',
  'digest.removeInFile':
    'The digest "{name}" comes from the config file; remove it there and restart the bot.',
  'digest.badPeriod': 'The digest\'s period "{period}" is not valid: {problem}',
  'alerts.badPeriod': 'The rule\'s period "{period}" is not valid: {problem}',
  'digest.noneToPost': 'There are no digests to post yet.',
  'digest.none':
    'No digests yet. An admin can add one with `/sobot digest subscribe #channel 09:00 weekdays`, or in the config file.',
  'digest.listTitle': 'Digests',
  'digest.listText': '{count} digests: {names}',
  'digest.line': '• *{name}* → {channel} · {schedule} ({zone}) · {period}{filters} · {origin}{next}{change}',
  'digest.fromFile': 'from config file',
  'digest.fromSlack': 'from Slack',
  'digest.next': ' · next {when}',
  'digest.lastChange': '_Last change: {name} {change}._',
  'digest.changed': '{done} by <@{user}> {when}',
  'digest.done.subscribe': 'added',
  'digest.done.unsubscribe': 'removed',
  'digest.done.now': 'posted now',
  'digest.done.mute': 'muted',
  'digest.done.unmute': 'unmuted',
  'digest.subscribedText': 'Digest {name} subscribed.',
  'digest.subscribed':
    'Digest *{name}* will be posted to {channel} at {schedule} ({zone}), covering {period}{filters}.{without} Preview it with `/sobot digest preview {name}`.',
  'digest.removedText': 'Digest {name} removed.',
  'digest.removed': 'Digest *{name}* removed: {channel} will not get it any more.',
  'digest.postedText': 'Digest {name} posted.',
  'digest.posted': 'Digest *{name}* posted to {channel}.',
  'digest.threadNote': {
    one: "_+ {count} reply in the digest's thread with the details._",
    other: "_+ {count} replies in the digest's thread with the details._",
  },
  /** Why a digest's figures may still change. */
  'digest.growing': 'The period includes today, so its figures are still growing.',
  'digest.counting': 'The period ended only {span} ago; Sobot may still be counting.',
  'digest.collapse':
    'Only {chats} chats against {previous} in the period before: far fewer than usual, so some data may be missing.',

  // ── Schedules as a list reads them ────────────────────────────────────────────────────────────
  'schedule.at': '{time} {days}',
  'schedule.weekdays': 'weekdays',
  'schedule.daily': 'every day',
  'schedule.weekends': 'weekends',

  // ── Who may do what: refusals ─────────────────────────────────────────────────────────────────
  'access.admins': 'the bot admins ({people})',
  'access.noAdmins': 'the bot admins, and none are set up yet (`access.admins` in bot.config.yml)',
  'access.more': '{named} and {count} more',
  'access.adminOnly': 'Sorry, only {admins} can {doing}. Ask one of them.',
  'access.agentFigures':
    'Sorry, agent-level figures are only for {viewers}{admins}. Team-wide figures are open to everyone: try `/sobot overview`.',
  'access.viewersAnd': '{viewers} and ',
  'access.postPublic':
    'Sorry, answers may be posted for everyone only in {channels}. Ask without `public` to see the answer yourself.',
  'access.muteOnly': 'Sorry, only {admins}{members} can {doing}.',
  'access.channelMembers': ' and the members of {channel}',
  'access.doing.digests': 'change or post digests',
  'access.doing.mute': 'mute or unmute {rule}',
  'access.doing.manage': 'manage digests',

  // ── Alert rules: scopes, and /sobot alerts list and run ───────────────────────────────────────
  'scope.overall': 'overall',
  'scope.group': 'skill group {name}',
  'scope.dept': 'department {name}',
  'scope.channel': 'channel {name}',
  'scope.each-agent': 'each agent',
  'scope.each-group': 'each skill group',
  'alerts.listTitle': 'Alert rules',
  'alerts.listText': '{count} alert rules: {names}',
  'alerts.line':
    '• *{name}*: {condition} · {scope} · {period} · `{check}` ({zone}) → {channel} · {state}{change}',
  'alerts.stateFiring': '🔴 firing ({count})',
  'alerts.statePending': '🟡 pending ({count})',
  'alerts.stateOk': '🟢 OK',
  'alerts.mutedBy': ' · 🔕 muted by <@{user}> until {until}',
  'alerts.lastMuted': ' · last muted by <@{user}> {when}',
  'alerts.lastUnmuted': ' · last unmuted by <@{user}> {when}',
  'alerts.runTitle': 'Evaluated now (nothing was posted or changed)',
  'alerts.runText': 'Alert check: {count} rules evaluated',
  'alerts.runHead': '*{name}* ({condition}, {period}): ',
  'alerts.nothingBreaches': 'nothing breaches now.',
  'alerts.nothingBreachesAt': 'nothing breaches now ({value}).',
  'alerts.breachLine': '   {name}: {value} over {chats} chats',
  'alerts.breachMore': '   … and {count} more',
  'alerts.breaching': '{count} of {total} breach now.',
  'alerts.firesAfter': 'It fires after {count} breaching checks in a row.',
  'alerts.firesNext': 'It fires at the next check.',

  // ── Issue 10: one number per KPI (digests under filters Sobot cannot apply) ───────────────────
  'digest.section.agents': 'agents',
  'digest.section.satisfaction': 'satisfaction',
  'digest.section.bot': 'bot',
  'digest.beyond.wider': "its figures would be wider than the digest's filters",
  'digest.beyond.workload': 'its workload report is asked by agent, skill group and department only',
  /** `/sobot digest subscribe` leaves out a section Sobot cannot narrow to the filters. */
  'digest.subscribe.without': 'Without the {section} section: Sobot cannot narrow it by {filters} ({why}).',

  // ── Issue 17b: attention, charts, consistent text (add your keys here) ────────────────────────
  /** The one footer of every table. */
  'showing.of': 'Showing {shown} of {total} {listed}',
  'showing.attached': '{showing} · full table attached as {file}',
  'listed.agents': { one: 'agent', other: 'agents' },
  'listed.groups': { one: 'skill group', other: 'skill groups' },
  'listed.departments': { one: 'department', other: 'departments' },
  'listed.channels': { one: 'channel', other: 'channels' },
  'listed.topics': { one: 'topic', other: 'topics' },
  'listed.regions': { one: 'region', other: 'regions' },
  'listed.scopes': { one: 'scope', other: 'scopes' },
  /** Charts: the title says what, the subtitle when. */
  'chart.overview.title': 'Rates, this period and the one before',
  'chart.partialWeeks': '○ a week not over, or cut short by the period',
  'chart.partialDays': '○ a day not over yet',
  'trend.partial': '{when} (partial)',
  /** A trend chart's title: the KPI, and each point's span ("daily", "weekly"). */
  'chart.trend.title': '{kpi} ({each})',
  /** A value axis: what it measures and its unit ("Valid reception, %"). */
  'chart.axisUnit': '{name}, {unit}',
  /** The agents chart's title; {sort} is the KPI sorted by. */
  'chart.agents.top': 'Top agents by {sort}',
  'chart.agents.bottom': 'Bottom agents by {sort}',
  'chart.bot.axis': 'Customers and transfers',
  'chart.customers.axis': 'Customers',
  /** The demo console's note under a reply, as Slack shows it. */
  'demo.onlyYou': '(only visible to you)',
  'demo.inChannel': '(posted in the channel)',
  /** Who the digest says needs attention, and why. */
  'attention.under': '{kpi} under {floor}',
  'attention.belowTeam': "{kpi} {points}+ pts below the team's {team}",
  'attention.or': '{a} or {b}',
  'attention.rule': '{conditions}, each on {chats}+ chats, biggest impact (chats × gap) first',
  'attention.gap': '{points} pts below',
  'attention.nobody': 'nobody',
  /** "Amara (amara.rossi): 68 chats handled, Valid rec. 61.5% (15.9 pts below)". */
  'digest.agentLine': '{name}: {figures}',
  'digest.figureSeparator': ', ',
  'digest.gapNote': '{figure} ({gap})',

  // ── Issue 18: App Home and modals (add your keys here) ────────────────────────────────────────
  'home.title': 'Sobot · today so far',
  'home.noFigures': 'No figures yet.',
  'home.loading': ':hourglass_flowing_sand: Loading today’s figures…',
  'home.compared': '{today}, compared with {previous}',
  'home.dataOf': 'figures of {time}',
  'home.yourTime': 'your time',
  'home.trend': 'Chats, last 7 days ({from} – {to}): {line}',
  'home.refresh': 'Refresh',
  'home.alerts': 'Alerts',
  'home.alertsSummary': '{firing} firing · {pending} pending · {ok} OK',
  'home.noRules': 'No alert rules yet. An admin adds them under `alerts:` in `bot.config.yml`.',
  'home.ok': 'OK',
  'home.pending': { one: 'pending since {since}', other: 'pending since {since} ({count} scopes)' },
  'home.firing': 'firing since {since} at {value}',
  'home.firingMore': ' and {more} more',
  'home.cannotEvaluate': {
    one: 'cannot be evaluated ({count} check failed)',
    other: 'cannot be evaluated ({count} checks failed in a row)',
  },
  'home.mutedUntil': 'muted by {by} until {until}',
  'home.alertMessage': 'alert message',
  'home.mute1h': 'Mute 1 hour',
  'home.muteTomorrow': 'Mute until tomorrow',
  'home.unmute': 'Unmute',
  'home.moreRules': '… and {count} more rules, all OK. `/sobot alerts list` lists every rule.',
  'home.digests': 'Digests',
  'home.noDigests':
    'No digests yet. An admin adds one with `/sobot digest subscribe #channel 09:00 weekdays`.',
  'home.next': 'next {when}',
  'home.noNext': 'no run within five weeks',
  'home.last.on_time': 'last posted on time',
  'home.last.late': 'last posted late',
  'home.last.failed': 'last run failed',
  'home.last.posting': 'being posted',
  'home.last.missed': 'last run missed',
  'home.neverRun': 'not run yet',
  'home.preview': 'Preview',
  'home.postNow': 'Post now',
  'home.delete': 'Delete',
  'home.moreDigests': '… and {count} more digests. `/sobot digest list` lists them all.',
  'home.health.reachable': 'Sobot reachable',
  'home.health.unreachable': 'Sobot unreachable',
  'home.health.unknown': 'Sobot not asked yet',
  'home.health.budget': 'budget {inUse}/{limit} calls this minute',
  'home.health.api': 'API {api}',
  'home.health.lastError': 'last error {at}: {what}',
  'home.deleteTitle': 'Delete digest',
  'home.deleteConfirm': 'Delete the digest *{name}*? {channel} will not get it any more.',
  'home.cancel': 'Cancel',
  'home.previewSent': 'The preview of *{name}* is in your messages with the bot.',
  'home.notRefreshed': 'These are the latest figures; the next refresh can be asked for at {time}.',
  'home.refreshed': 'Figures refreshed.',
  'home.newDigest': 'New digest',
  'home.edit': 'Edit',
  'digestForm.titleNew': 'New digest',
  'digestForm.titleEdit': 'Edit digest',
  'digestForm.save': 'Save',
  'digestForm.editing': 'Digest *{name}*',
  'digestForm.name': 'Name',
  'digestForm.channel': 'Post to channel',
  'digestForm.time': 'Time',
  'digestForm.days': 'Days',
  'digestForm.timeZone': 'Time zone',
  'digestForm.period': 'Period it covers',
  'digestForm.filter.group': 'Skill group',
  'digestForm.filter.dept': 'Department',
  'digestForm.filter.channel': 'Channel (source)',
  'digestForm.filter.agent': 'Agent',
  'digestForm.filterPlaceholder': 'All',
  'digestForm.sections': 'Sections',
  'digestForm.section.overview': 'Overview',
  'digestForm.section.agents': 'Agents',
  'digestForm.section.satisfaction': 'Satisfaction',
  'digestForm.section.bot': 'Chatbot',
  'digestForm.day.0': 'Sun',
  'digestForm.day.1': 'Mon',
  'digestForm.day.2': 'Tue',
  'digestForm.day.3': 'Wed',
  'digestForm.day.4': 'Thu',
  'digestForm.day.5': 'Fri',
  'digestForm.day.6': 'Sat',
  'digestForm.error.name': 'Use up to 40 lower-case letters, digits, - and _, such as cs_leads_morning.',
  'digestForm.error.taken': 'There is already a digest called {name}: choose another name.',
  'digestForm.error.channel': 'Choose the channel the digest goes to.',
  'digestForm.error.time': 'Choose a time of day such as 09:00.',
  'digestForm.error.days': 'Choose at least one day.',
  'digestForm.error.timeZone': 'Not a time zone: write it as Asia/Shanghai or Europe/London.',
  'digestForm.error.period': 'Choose one of the periods offered.',
  'digestForm.error.sections': 'Choose at least one section.',
  'digestForm.error.unfilterable':
    'Sobot cannot narrow {sections} to these filters: untick it or clear the filter.',
  'digestForm.error.admin': 'Only the bot admins can create or change digests.',
  'digestForm.error.readOnly': 'This digest comes from the config file: change it there.',
  'digestForm.saved': 'Digest *{name}* saved.',
} as const;
