import { describe, expect, it } from 'vitest';
import { atOrOn, dateAndTime, dayName, duration, fullDateAndTime, fullPlainDate, longDate, plainDate, studyTime, timeOfDay } from './format';
import { addDays, calendarDate, fixedClock, localDate, setClock } from './clock';

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

  it('names plain dates as they are, whatever the zone', () => {
    for (const zone of ['Europe/London', 'Pacific/Auckland', 'America/Los_Angeles']) {
      setClock(fixedClock('2026-12-04T21:30:00Z', zone));
      expect(dayName('2026-11-23'), zone).toBe('Monday 23 November');
      expect(plainDate('2026-03-01'), `${zone}: not the UTC midnight of the day before`).toBe('1 March 2026');
      expect(fullPlainDate('2026-12-04'), zone).toBe('Friday 4 December 2026');
    }
    expect(dayName('garbage')).toBe('garbage');
    expect(plainDate('2026-02-30'), 'not a real day: shown as it is').toBe('2026-02-30');
  });

  it('works out today and times of day in the named zone, not the machine\'s', () => {
    setClock(fixedClock('2026-12-04T21:30:00Z', 'Europe/London'));
    expect(localDate()).toBe('2026-12-04');
    expect(timeOfDay(new Date('2026-12-04T09:05:00Z'))).toBe('09:05');
    expect(dateAndTime('2026-03-17T09:30:00Z'), 'GMT in March before the clocks change').toBe('17 March 2026 at 09:30');
    expect(fullDateAndTime('2026-11-23T09:05:00Z')).toBe('Monday 23 November 2026 at 09:05');
    setClock(fixedClock('2026-12-04T21:30:00Z', 'Pacific/Auckland'));
    expect(localDate(), 'Auckland is already on Saturday').toBe('2026-12-05');
    expect(timeOfDay(new Date('2026-12-04T09:05:00Z'))).toBe('22:05');
    expect(longDate('2026-12-04T21:30:00Z')).toBe('5 December 2026');
    setClock(fixedClock('2027-01-01T00:05:00Z', 'America/Los_Angeles'));
    expect(localDate(), 'still New Year\'s Eve in Los Angeles').toBe('2026-12-31');
    expect(calendarDate(new Date('2027-01-01T00:05:00Z'), 'UTC')).toBe('2027-01-01');
  });

  it('says "at" a time today and "on" a day before', () => {
    setClock(fixedClock('2026-12-04T21:30:00Z', 'Europe/London'));
    expect(atOrOn('2026-12-04T00:10:00Z')).toBe('at 00:10');
    expect(atOrOn('2026-12-03T23:59:00Z')).toBe('on 3 December at 23:59');
  });

  it('moves plain dates by whole days across months and leap years', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
