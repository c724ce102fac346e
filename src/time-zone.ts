// Whether a name is a time zone this runtime knows (IANA names such as Asia/Shanghai, or UTC).

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
