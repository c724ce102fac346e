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
} as const;
