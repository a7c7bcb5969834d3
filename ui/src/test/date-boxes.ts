// Reading and filling the NHS date input's Day, Month and Year boxes in tests.
import { fireEvent } from '@testing-library/svelte';

const box = (id: string, part: 'day' | 'month' | 'year') => {
  const input = document.getElementById(`${id}-${part}`);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no ${part} box for the date field ${id}`);
  return input;
};

/** What the boxes of date field `id` hold, as YYYY-MM-DD ("" when all are empty). */
export function dateIn(id: string): string {
  const [d, m, y] = [box(id, 'day').value, box(id, 'month').value, box(id, 'year').value];
  if (!d && !m && !y) return '';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Types a YYYY-MM-DD date (or "" to clear) into the boxes of date field `id`, as a person would. */
export async function fillDate(id: string, date: string) {
  const [y = '', m = '', d = ''] = date === '' ? [] : date.split('-');
  await fireEvent.input(box(id, 'day'), { target: { value: d === '' ? '' : String(Number(d)) } });
  await fireEvent.input(box(id, 'month'), { target: { value: m === '' ? '' : String(Number(m)) } });
  await fireEvent.input(box(id, 'year'), { target: { value: y } });
}
