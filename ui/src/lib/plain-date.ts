// Sums on dates the learner picked (YYYY-MM-DD, no time or zone). Words for them are in
// lib/format.ts.

/** "412 days left", "ends today", "ended 3 days ago". */
export function daysLeftText(days: number): string {
  if (days === 0) return 'ends today';
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} left`;
  const ago = -days;
  return `ended ${ago} ${ago === 1 ? 'day' : 'days'} ago`;
}
