import { describe, expect, it } from 'vitest';
import { boxToFix, checkDate, dateErrorIn, dateProblem, exampleHint, partsOf } from './date-input';

const boxes = (day: string, month: string, year: string) => ({ day, month, year });

describe('the NHS date input rules', () => {
  it('reads day, month and year in that order, as a UK clinician writes them', () => {
    expect(checkDate(boxes('4', '12', '2026')), '4/12 is the 4th of December').toEqual({ kind: 'valid', date: '2026-12-04' });
    expect(checkDate(boxes(' 01 ', '04', '2025'))).toEqual({ kind: 'valid', date: '2025-04-01' });
    expect(checkDate(boxes('29', '2', '2024')), 'a leap day is real').toEqual({ kind: 'valid', date: '2024-02-29' });
    expect(checkDate(boxes('', ' ', ''))).toEqual({ kind: 'empty' });
  });

  it('says which part is missing or wrong, and marks only those boxes', () => {
    expect(checkDate(boxes('1', '', ''))).toEqual({ kind: 'invalid', problem: 'must include a month and a year', parts: ['month', 'year'] });
    expect(checkDate(boxes('1', '', '2026'))).toEqual({ kind: 'invalid', problem: 'must include a month', parts: ['month'] });
    expect(checkDate(boxes('31', '2', '2026')), '31 February does not exist').toEqual({ kind: 'invalid', problem: 'must be a real date', parts: ['day'] });
    expect(checkDate(boxes('29', '2', '2025'))).toEqual({ kind: 'invalid', problem: 'must be a real date', parts: ['day'] });
    expect(checkDate(boxes('1', '13', '2025'))).toEqual({ kind: 'invalid', problem: 'must be a real date', parts: ['month'] });
    expect(checkDate(boxes('1', 'March', '2025'))).toEqual({ kind: 'invalid', problem: 'must be a real date', parts: ['month'] });
    expect(checkDate(boxes('1', '4', '25'))).toEqual({ kind: 'invalid', problem: 'must be a real date, with a year of 4 numbers', parts: ['year'] });
  });

  it('measures "today or in the past" and "in the future" from the date it is given', () => {
    const today = '2026-12-04';
    expect(checkDate(boxes('4', '12', '2026'), 'past', today), 'today is allowed').toEqual({ kind: 'valid', date: today });
    expect(checkDate(boxes('5', '12', '2026'), 'past', today)).toEqual({
      kind: 'invalid',
      problem: 'must be today or in the past',
      parts: ['day', 'month', 'year'],
    });
    expect(checkDate(boxes('3', '12', '2026'), 'future', today)).toEqual({
      kind: 'invalid',
      problem: 'must be today or in the future',
      parts: ['day', 'month', 'year'],
    });
    expect(checkDate(boxes('5', '12', '2026'), 'any', today), 'no rule, no limit').toEqual({ kind: 'valid', date: '2026-12-05' });
  });

  it('fills the boxes from a stored ISO date and back', () => {
    expect(partsOf('2026-03-07')).toEqual(boxes('7', '3', '2026'));
    expect(partsOf(null)).toEqual(boxes('', '', ''));
    expect(partsOf('07/03/2026'), 'only ISO dates are stored').toEqual(boxes('', '', ''));
  });

  it('words the error summary line and links it to the first box at fault', () => {
    const check = checkDate(boxes('1', '', '2026'));
    expect(dateProblem('entry-date', 'Date it happened', check)).toEqual({ box: 'entry-date-month', text: 'Date it happened must include a month' });
    expect(dateProblem('entry-date', 'Date it happened', { kind: 'empty' }, 'Enter the date it happened')).toEqual({
      box: 'entry-date-day',
      text: 'Enter the date it happened',
    });
    expect(dateProblem('filter-from', 'Dated from', { kind: 'empty' }), 'an optional field may be empty').toBeNull();
    expect(boxToFix('x', { kind: 'valid', date: '2026-01-01' })).toBe('x-day');
  });

  it("finds the form error that belongs to one of the date's boxes", () => {
    const errors = [{ text: 'The disk is full' }, { field: 'goal-title', text: 'Enter a title' }, { field: 'goal-due-year', text: 'Due date must be a real date' }];
    expect(dateErrorIn(errors, 'goal-due')).toBe('Due date must be a real date');
    expect(dateErrorIn(errors.slice(0, 2), 'goal-due'), 'an error with no field or another field is not the date').toBeNull();
  });

  it('gives an example the field accepts', () => {
    expect(exampleHint('past', '2026-12-04')).toBe('For example, 27 3 2025');
    expect(exampleHint('future', '2026-12-04')).toBe('For example, 27 3 2027');
    expect(exampleHint('any', '2026-12-04')).toBe('For example, 27 3 2026');
  });
});
