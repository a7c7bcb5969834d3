import { describe, expect, it } from 'vitest';
import { IpcError } from '../ipc/call';
import { errorFor, fromCommand, fromCommandFields } from './form-errors';

const refused = (fields: { field: string; message: string }[]) =>
  new IpcError({ kind: 'invalid_input', message: fields.map((f) => f.message).join('; '), fields, problems: [] });

describe('errors from a command', () => {
  it('links each field the core names to the element the form gives for it', () => {
    const e = refused([
      { field: 'title', message: 'Goal: say specifically what you want to achieve' },
      { field: 'dueDate', message: 'Due date: `2027-02-30` is not a real date' },
    ]);
    const errors = fromCommandFields(e, { title: 'goal-title', dueDate: 'goal-due-day' });
    expect(errors.map((x) => x.field), 'each error goes to its own input').toEqual(['goal-title', 'goal-due-day']);
    expect(errorFor(errors, 'goal-title'), 'the field shows its own words').toBe('Goal: say specifically what you want to achieve');
  });

  it('shows the message alone when no field is named, or the form has no element for it', () => {
    const plain = new IpcError({ kind: 'not_found', message: 'goal 7 was not found' });
    expect(fromCommandFields(plain, { title: 'goal-title' }), 'no fields: the message').toEqual([{ text: 'goal 7 was not found' }]);
    expect(fromCommand(new Error('offline')), 'any error has words').toEqual({ text: 'offline' });
    const unknown = fromCommandFields(refused([{ field: 'role', message: 'Role: too long' }]));
    expect(unknown[0]?.field, 'an unmapped field links nowhere').toBeUndefined();
  });

  it('gives one summary line for forms that show one, linked when one field is at fault', () => {
    const one = refused([{ field: 'end', message: 'To: the end date is before the start date' }]);
    expect(fromCommand(one, { end: 'hours-to-day' })).toEqual({ field: 'hours-to-day', text: 'To: the end date is before the start date' });
    const two = refused([
      { field: 'start', message: 'From: `x` is not a real date' },
      { field: 'end', message: 'To: `y` is not a real date' },
    ]);
    expect(fromCommand(two), 'several fields: the whole message').toEqual({ text: 'From: `x` is not a real date; To: `y` is not a real date' });
  });
});
