// The rules of the NHS date input: day, month and year typed in separate boxes, read as a
// YYYY-MM-DD date, with errors in the design system's words ("Date it happened must include a
// month", "... must be a real date", "... must be today or in the past").

import type { FormError } from './form-errors';

export type DatePart = 'day' | 'month' | 'year';
export type DateParts = Record<DatePart, string>;

/** What a date may be, beyond real: nothing more, not after today, or not before today. */
export type DateRule = 'any' | 'past' | 'future';

export type DateCheck =
  | { kind: 'empty' }
  | { kind: 'valid'; date: string }
  /** `problem` finishes the sentence "<field name> …"; `parts` are the boxes to mark. */
  | { kind: 'invalid'; problem: string; parts: DatePart[] };

const PARTS: DatePart[] = ['day', 'month', 'year'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The boxes as a date, or what is wrong with them. `today` (YYYY-MM-DD, from the clock) is
 * what "past" and "future" are measured from.
 */
export function checkDate(boxes: DateParts, rule: DateRule = 'any', today = ''): DateCheck {
  const parts = { day: boxes.day.trim(), month: boxes.month.trim(), year: boxes.year.trim() };
  const missing = PARTS.filter((p) => parts[p] === '');
  if (missing.length === 3) return { kind: 'empty' };
  if (missing.length > 0) return { kind: 'invalid', problem: `must include a ${missing.join(' and a ')}`, parts: missing };
  const notNumbers = PARTS.filter((p) => !/^\d{1,4}$/.test(parts[p]));
  if (notNumbers.length > 0) return { kind: 'invalid', problem: 'must be a real date', parts: notNumbers };
  if (parts.year.length !== 4) return { kind: 'invalid', problem: 'must be a real date, with a year of 4 numbers', parts: ['year'] };
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  if (m < 1 || m > 12) return { kind: 'invalid', problem: 'must be a real date', parts: ['month'] };
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return { kind: 'invalid', problem: 'must be a real date', parts: ['day'] };
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (rule === 'past' && today !== '' && date > today) {
    return { kind: 'invalid', problem: 'must be today or in the past', parts: [...PARTS] };
  }
  if (rule === 'future' && today !== '' && date < today) {
    return { kind: 'invalid', problem: 'must be today or in the future', parts: [...PARTS] };
  }
  return { kind: 'valid', date };
}

/** The boxes for a YYYY-MM-DD date ("2026-03-07" gives 7, 3, 2026); empty boxes for anything else. */
export function partsOf(date: string | null): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/** The id of the box an error summary should move to: the first one at fault. */
export function boxToFix(id: string, check: DateCheck): string {
  return `${id}-${check.kind === 'invalid' ? check.parts[0] : 'day'}`;
}

/** "For example, 27 3 2026": a date the field accepts, from `today`. */
export function exampleHint(rule: DateRule, today: string): string {
  const year = Number(today.slice(0, 4)) || 2026;
  const shown = rule === 'past' ? year - 1 : rule === 'future' ? year + 1 : year;
  return `For example, 27 3 ${shown}`;
}

/**
 * What the error summary says about a date field, and which box it links to; null when the
 * date is fine. `whenEmpty` is the message for an empty field that must be filled ("Enter the
 * date it happened"); without it, empty is fine.
 */
export function dateProblem(id: string, name: string, check: DateCheck, whenEmpty?: string): { box: string; text: string } | null {
  if (check.kind === 'invalid') return { box: boxToFix(id, check), text: `${name} ${check.problem}` };
  if (check.kind === 'empty' && whenEmpty) return { box: `${id}-day`, text: whenEmpty };
  return null;
}

/** Whether `field` (a form error's input id) is one of the date field `id`'s boxes. */
export function isDateBox(id: string, field: string | undefined): boolean {
  return field === `${id}-day` || field === `${id}-month` || field === `${id}-year`;
}

/** The error among a form's `errors` that belongs to one of date field `id`'s boxes, if any. */
export function dateErrorIn(errors: FormError[], id: string): string | null {
  return errors.find((e) => isDateBox(id, e.field))?.text ?? null;
}
