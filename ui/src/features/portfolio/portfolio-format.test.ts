import { describe, expect, it } from 'vitest';
import { count, dateInWords, fileSize, parseDateParts } from './portfolio-format';

describe('portfolio words', () => {
  it('reads an entry date as the local calendar day, whatever the time zone', () => {
    expect(dateInWords('2026-03-01'), 'not the UTC midnight of the day before').toBe('1 March 2026');
    expect(dateInWords('not a date')).toBe('not a date');
  });

  it('counts in words', () => {
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(count(1234, 'entry', 'entries')).toBe('1,234 entries');
    expect(count(2, 'attachment')).toBe('2 attachments');
  });

  it('gives file sizes in KB below a megabyte and MB above', () => {
    expect(fileSize(10)).toBe('1 KB');
    expect(fileSize(250 * 1024)).toBe('250 KB');
    expect(fileSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });

  it('turns day, month and year boxes into a date, or says what is wrong', () => {
    expect(parseDateParts({ day: '', month: ' ', year: '' })).toEqual({ kind: 'empty' });
    expect(parseDateParts({ day: '1', month: '4', year: '2025' })).toEqual({ kind: 'valid', date: '2025-04-01' });
    expect(parseDateParts({ day: '29', month: '2', year: '2024' }), 'a leap day is real').toEqual({ kind: 'valid', date: '2024-02-29' });
    expect(parseDateParts({ day: '29', month: '2', year: '2025' })).toEqual({ kind: 'invalid', problem: 'must be a real date' });
    expect(parseDateParts({ day: '1', month: '', year: '' })).toEqual({ kind: 'invalid', problem: 'must include a month and a year' });
    expect(parseDateParts({ day: '1', month: '4', year: '25' })).toEqual({ kind: 'invalid', problem: 'must be a real date, with a 4-digit year' });
    expect(parseDateParts({ day: '1', month: '13', year: '2025' })).toEqual({ kind: 'invalid', problem: 'must be a real date' });
  });
});
