import { plainDate } from './format';
import { describe, expect, it } from 'vitest';
import { count, fileSize } from './words';

describe('portfolio words', () => {
  it('reads an entry date as the local calendar day, whatever the time zone', () => {
    expect(plainDate('2026-03-01'), 'not the UTC midnight of the day before').toBe('1 March 2026');
    expect(plainDate('not a date')).toBe('not a date');
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
});
