const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** "23 November 2026" from an RFC 3339 instant, in the person's own time zone. */
export function longDate(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateFormat.format(date);
}

/** "1 hour 5 minutes", "40 minutes". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m > 0 || h === 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** Study time for people, not stopwatches: "under a minute", "12 minutes", "2 hours 5 minutes". */
export function studyTime(seconds: number): string {
  if (seconds < 60) return seconds === 0 ? 'none yet' : 'under a minute';
  return duration(Math.round(seconds / 60));
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });

/** "Monday 23 November" from a YYYY-MM-DD local date. */
export function dayName(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number);
  if (!y || !m || !d) return localDate;
  return dayFormat.format(new Date(y, m - 1, d));
}
