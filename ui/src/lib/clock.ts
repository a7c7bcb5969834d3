// The one place the UI learns what time it is and which time zone the person lives in. The app
// sets it once at start (main.ts: the system's clock, or the fixed clock a debug build was
// started with); the tests set a fixed instant and a named zone (src/test/setup.ts). No other
// code calls `new Date()` or `Date.now()` for "now", and every date shown or sent is worked out
// in `timeZone()`, so nothing on screen depends on the machine the tests run on.

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** An IANA zone name ("Europe/London"): what "today" and times of day mean. */
  readonly zone: string;
}

let current: Clock | null = null;

/** Sets the clock every screen reads. */
export function setClock(clock: Clock): void {
  new Intl.DateTimeFormat('en-GB', { timeZone: clock.zone }); // throws on a zone that does not exist
  current = clock;
}

/** The machine's own clock and zone: what the app uses outside tests. */
export function systemClock(): Clock {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { now: () => new Date(), zone };
}

/**
 * A clock that reads `startsAt` when it is made and moves on from there with real time, so
 * "saved a moment ago" still works. `ticking = false` stops it dead, for unit tests.
 */
export function fixedClock(startsAt: string | Date, zone: string, ticking = false): Clock {
  const start = new Date(startsAt).getTime();
  if (Number.isNaN(start)) throw new Error(`not an instant: ${String(startsAt)}`);
  const offset = ticking ? start - Date.now() : 0;
  return { now: () => new Date(ticking ? Date.now() + offset : start), zone };
}

function clock(): Clock {
  if (current === null) throw new Error('The clock has not been set: main.ts (or the test set-up) calls setClock first');
  return current;
}

/** The current instant. */
export function now(): Date {
  return clock().now();
}

/** The person's time zone. */
export function timeZone(): string {
  return clock().zone;
}

const pad = (n: number) => String(n).padStart(2, '0');

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** Year, month and day of `instant` on the calendar of `zone`. */
export function calendarParts(instant: Date, zone: string = timeZone()): { year: number; month: number; day: number } {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' });
    partsFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** The calendar date (YYYY-MM-DD) of `instant` in the person's zone. */
export function calendarDate(instant: Date, zone: string = timeZone()): string {
  const { year, month, day } = calendarParts(instant, zone);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Today's date (YYYY-MM-DD) where the person is: study time and due dates count by it. */
export function localDate(): string {
  return calendarDate(now());
}

/** The plain date `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(ymd: string, days: number): string {
  const [y = NaN, m = NaN, d = NaN] = ymd.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}
