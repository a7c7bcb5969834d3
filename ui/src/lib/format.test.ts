import { describe, expect, it } from 'vitest';
import { duration, longDate } from './format';

describe('formatting for people', () => {
  it('reads durations the way people say them', () => {
    expect(duration(40)).toBe('40 minutes');
    expect(duration(60)).toBe('1 hour');
    expect(duration(125)).toBe('2 hours 5 minutes');
    expect(duration(1)).toBe('1 minute');
  });

  it('writes dates in UK long form and survives bad input', () => {
    expect(longDate('2026-11-23T12:00:00.000Z')).toBe('23 November 2026');
    expect(longDate('not a date')).toBe('not a date');
  });
});
