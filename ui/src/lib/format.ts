// Words for people: dates, times and durations in UK form ("4 December 2026", "21:05"),
// whatever the machine's locale. Instants are shown in the person's time zone from the clock
// module; plain dates (YYYY-MM-DD, a day the person picked) have no zone and are shown as they are.
import { addDays, calendarDate, now, timeZone } from './clock';

const formats = new Map<string, Intl.DateTimeFormat>();

/** An en-GB formatter for `options` in `zone`, made once per zone. */
function format(options: Intl.DateTimeFormatOptions, zone: string): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let made = formats.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    formats.set(key, made);
  }
  return made;
}

const DAY_MONTH_YEAR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const WEEKDAY_DAY_MONTH: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const HOURS_MINUTES: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

function instant(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A YYYY-MM-DD date as the UTC midnight that starts it, so formatting in UTC shows that day. */
function plainDay(ymd: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? date : null;
}

/** "23 November 2026" from an RFC 3339 instant, in the person's time zone. */
export function longDate(text: string): string {
  const at = instant(text);
  return at ? format(DAY_MONTH_YEAR, timeZone()).format(at) : text;
}

/** "21:05" from an instant, in the person's time zone. */
export function timeOfDay(at: Date): string {
  return format(HOURS_MINUTES, timeZone()).format(at);
}

/** "17 March 2026 at 09:30" from an RFC 3339 instant, in the person's time zone. */
export function dateAndTime(text: string): string {
  const at = instant(text);
  return at ? `${format(DAY_MONTH_YEAR, timeZone()).format(at)} at ${timeOfDay(at)}` : text;
}

/** "Monday 23 November 2026 at 09:05" from an RFC 3339 instant, in the person's time zone. */
export function fullDateAndTime(text: string): string {
  const at = instant(text);
  if (!at) return text;
  const zone = timeZone();
  return `${format({ weekday: 'long' }, zone).format(at)} ${format(DAY_MONTH_YEAR, zone).format(at)} at ${timeOfDay(at)}`;
}

/** "at 21:05" for an instant earlier today, "on 23 November at 21:05" for another day. */
export function atOrOn(text: string): string {
  const at = instant(text);
  if (!at) return `on ${text}`;
  if (calendarDate(at) === calendarDate(now())) return `at ${timeOfDay(at)}`;
  return `on ${format({ day: 'numeric', month: 'long' }, timeZone()).format(at)} at ${timeOfDay(at)}`;
}

/** "today at 21:42", "yesterday at 08:05", "Monday 16 November at 21:42" (with the year if not this one). */
export function whenInWords(text: string): string {
  const at = instant(text);
  if (!at) return 'earlier';
  const day = calendarDate(at);
  const today = calendarDate(now());
  const time = timeOfDay(at);
  if (day === today) return `today at ${time}`;
  if (day === addDays(today, -1)) return `yesterday at ${time}`;
  const zone = timeZone();
  const year = day.slice(0, 4) === today.slice(0, 4) ? '' : ` ${day.slice(0, 4)}`;
  return `${format(WEEKDAY_DAY_MONTH, zone).format(at)}${year} at ${time}`;
}

/** "3 March 2026" from a YYYY-MM-DD date; anything else is shown as it is. */
export function plainDate(ymd: string): string {
  const day = plainDay(ymd);
  return day ? format(DAY_MONTH_YEAR, 'UTC').format(day) : ymd;
}

/** "Monday 23 November" from a YYYY-MM-DD date. */
export function dayName(ymd: string): string {
  const day = plainDay(ymd);
  return day ? format(WEEKDAY_DAY_MONTH, 'UTC').format(day) : ymd;
}

/** "Friday 4 December 2026" from a YYYY-MM-DD date: where the weekday helps. */
export function fullPlainDate(ymd: string): string {
  const day = plainDay(ymd);
  // Weekday and date apart: ICU puts a comma between them ("Friday, 4 December") when a year is shown.
  return day ? `${format({ weekday: 'long' }, 'UTC').format(day)} ${format(DAY_MONTH_YEAR, 'UTC').format(day)}` : ymd;
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

/** "1,234": numbers with UK digit grouping, whatever the machine's locale. */
export function number(n: number): string {
  return n.toLocaleString('en-GB');
}
