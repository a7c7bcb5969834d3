import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DateInput from './DateInput.svelte';
import { TEST_TODAY } from '../test/clock';

const box = (id: string, part: string) => screen.getByTestId(`${id}-${part}`) as HTMLInputElement;

async function typeDate(id: string, day: string, month: string, year: string) {
  await fireEvent.input(box(id, 'day'), { target: { value: day } });
  await fireEvent.input(box(id, 'month'), { target: { value: month } });
  await fireEvent.input(box(id, 'year'), { target: { value: year } });
}

describe('DateInput', () => {
  it('shows a stored date in Day, Month and Year boxes, never a locale-dependent picker', () => {
    render(DateInput, { id: 'when', legend: 'Date it happened', value: '2026-03-07' });
    expect([box('when', 'day').value, box('when', 'month').value, box('when', 'year').value]).toEqual(['7', '3', '2026']);
    expect(document.querySelector('input[type=date]'), 'no browser date picker').toBeNull();
    expect(screen.getByRole('group', { name: 'Date it happened' }), 'the boxes are one group named by the legend').toBeTruthy();
    expect(screen.getByText('For example, 27 3 2026'), 'a hint in the order to type').toBeTruthy();
  });

  it('says what is wrong once the person leaves the boxes, in the design system\'s words', async () => {
    render(DateInput, { id: 'when', legend: 'Date it happened', rule: 'past' });
    await typeDate('when', '31', '2', '2026');
    expect(screen.queryByText(/must be a real date/), 'not while still typing').toBeNull();
    await fireEvent.focusOut(box('when', 'year'), { relatedTarget: null });
    expect(screen.getByText('Date it happened must be a real date')).toBeTruthy();
    expect(box('when', 'day').classList.contains('nhsuk-input--error'), 'the day is the part at fault').toBe(true);
    expect(box('when', 'month').classList.contains('nhsuk-input--error')).toBe(false);
  });

  it('refuses a date after today where the field asks for the past, today being the clock\'s', async () => {
    render(DateInput, { id: 'when', legend: 'Date it happened', rule: 'past' });
    const [y, m, d] = TEST_TODAY.split('-').map(Number) as [number, number, number];
    await typeDate('when', String(d + 1), String(m), String(y));
    await fireEvent.focusOut(box('when', 'year'), { relatedTarget: null });
    expect(screen.getByText('Date it happened must be today or in the past')).toBeTruthy();
    await fireEvent.input(box('when', 'day'), { target: { value: String(d) } });
    expect(screen.queryByText(/must be today/), 'today itself is fine').toBeNull();
  });
});
