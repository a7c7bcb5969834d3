// The instant and zone every UI test runs at, unless a test sets its own. A Friday evening in
// London in December (GMT, no daylight saving), late enough that the UTC date and the London
// date agree, so a test that wrongly works in the machine's zone or in UTC fails under the
// far-zone runs of `make test` (Pacific/Auckland is already on Saturday then).
export const TEST_NOW = '2026-12-04T21:30:00.000Z';
export const TEST_ZONE = 'Europe/London';
/** TEST_NOW's calendar date in TEST_ZONE. */
export const TEST_TODAY = '2026-12-04';
