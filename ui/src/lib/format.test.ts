import { describe, expect, it } from 'vitest';
import { dayName, duration, longDate, studyTime } from './format';
import { localDate } from './dates';

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

  it('says study time in words, never as a stopwatch', () => {
    expect(studyTime(0)).toBe('none yet');
    expect(studyTime(42)).toBe('under a minute');
    expect(studyTime(12 * 60 + 20)).toBe('12 minutes');
    expect(studyTime(2 * 3600 + 5 * 60)).toBe('2 hours 5 minutes');
  });

  it('names local days and writes them back as YYYY-MM-DD', () => {
    expect(dayName('2026-11-23')).toBe('Monday 23 November');
    expect(dayName('garbage')).toBe('garbage');
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
