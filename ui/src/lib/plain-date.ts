// Sums on dates the learner picked (YYYY-MM-DD, no time or zone). Words for them are in
// lib/format.ts.

function parts(ymd: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The same day 12 months earlier, or the month's last day when it has none (29 February
 * 2028 gives 28 February 2027), as the core counts "the last 12 months".
 */
export function yearBefore(ymd: string): string {
  const p = parts(ymd);
  if (!p) return ymd;
  const [y, m, d] = p;
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay))}`;
}

/** "412 days left", "ends today", "ended 3 days ago". */
export function daysLeftText(days: number): string {
  if (days === 0) return 'ends today';
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} left`;
  const ago = -days;
  return `ended ${ago} ${ago === 1 ? 'day' : 'days'} ago`;
}
