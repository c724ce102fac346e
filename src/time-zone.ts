// Whether a name is a time zone this runtime knows (IANA names such as Asia/Shanghai, or UTC), and
// times of day as people in that zone read them.

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `09:42` in `zone`, or `Tue 09:42` when `at` is not on the same local day as `now`. */
export function clockTime(at: number, zone: string, now: number): string {
  const day = (t: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(t);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  if (day(at) === day(now)) return time;
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short' }).format(at);
  return `${weekday} ${time}`;
}
