import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import RevalidationPage from './RevalidationPage.svelte';
import { sampleRevalidation } from '../../test/plan-fixtures';
import { TEST_TODAY } from '../../test/clock';
import { dateIn, fillDate } from '../../test/date-boxes';
import type { Revalidation } from '../../ipc/revalidation';

/** What the learner reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cells = (row: Element) => [...row.children].map(words).join(' | ');

type Reply = (cmd: string, args: Record<string, unknown>) => unknown;

function revalidationBackend(start: Revalidation = sampleRevalidation(), override: Reply = () => undefined) {
  let current = start;
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push([cmd, args]);
    const answer = override(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'get_revalidation') return current;
    if (cmd === 'set_revalidation_settings') current = sampleRevalidation(true);
    if (cmd === 'delete_practice_hours') current = { ...current, practiceHours: current.practiceHours.filter((p) => p.id !== args.id) };
    return null;
  });
  return calls;
}

const made = (calls: [string, Record<string, unknown>][], cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });

describe('revalidation page', () => {
  it('shows each NMC counter against its target, with Done only where it is met', async () => {
    const calls = revalidationBackend();
    render(RevalidationPage);
    const nmc = await screen.findByTestId('nmc-period');
    expect(made(calls, 'get_revalidation')).toEqual([{ today: TEST_TODAY }]);
    expect(words(within(nmc).getByTestId('nmc-summary'))).toBe('NMC revalidation: 3 years to 31 March 2027 (128 days left)');

    const row = (id: string) => within(nmc).getByTestId(`counter-${id}`);
    expect(words(row('cpd'))).toBe('CPD 36.5 of 35 hours Done');
    expect(words(row('participatory'))).toBe('Participatory CPD 12.3 of 20 hours 7.8 hours to go');
    expect(words(row('feedback')), 'exactly the target counts as done').toBe('Practice-related feedback 5 of 5 pieces Done');
    expect(words(row('reflections'))).toBe('Written reflective accounts 1 of 5 accounts 4 accounts to go');
    expect(words(row('practice'))).toBe('Practice hours 300 of 450 hours 150 hours to go');

    const bar = row('participatory').querySelector('progress')!;
    expect([bar.value, bar.max]).toEqual([12.25, 20]);
    expect(bar.getAttribute('aria-label')).toBe('Participatory CPD: 12.3 of 20 hours');
    expect(row('cpd').querySelector('progress')!.value, 'an over-full bar stops at its end').toBe(35);
  });

  it('lists the six GMC types with counts and what each one is, without targets', async () => {
    revalidationBackend();
    render(RevalidationPage);
    const gmc = await screen.findByTestId('gmc-period');
    expect(words(within(gmc).getByTestId('gmc-summary'))).toBe('GMC appraisal year to 15 January 2027 (53 days left)');
    const rows = within(gmc).getAllByRole('term').map((t) => t.parentElement!);
    expect(rows).toHaveLength(6);
    expect(words(within(gmc).getByTestId('gmc-cpd'))).toBe(
      'Continuing professional development Learning you have done and what you took from it for your practice. 11.5 hours',
    );
    expect(words(within(gmc).getByTestId('gmc-qi'))).toContain('1 entry');
    expect(words(within(gmc).getByTestId('gmc-patient_feedback'))).toContain('at least once in each 5-year cycle. 0 entries');
    expect(within(gmc).queryByText('Done'), 'the GMC sets no targets, so nothing is done').toBeNull();
    expect(gmc.querySelector('progress')).toBeNull();
  });

  it('asks for a date when none is set, and saves the dates chosen', async () => {
    const calls = revalidationBackend(sampleRevalidation(false));
    render(RevalidationPage);
    expect(words(await screen.findByTestId('no-dates'))).toContain('Add your NMC renewal date or your next GMC appraisal date');
    expect(screen.queryByTestId('nmc-period')).toBeNull();
    expect(screen.queryByTestId('practice-hours'), 'practice hours are for the NMC').toBeNull();

    expect(screen.getByRole('group', { name: 'NMC registration renewal date (optional)' }), 'the date form is offered').toBeTruthy();
    await fillDate('nmc-expiry', '2027-03-31');
    await fireEvent.click(screen.getByTestId('save-dates'));
    expect(await screen.findByTestId('nmc-period')).toBeTruthy();
    expect(made(calls, 'set_revalidation_settings')).toEqual([{ settings: { nmcExpiry: '2027-03-31', gmcAppraisal: null } }]);
    expect(made(calls, 'get_revalidation'), 'the counts are fetched again for the new dates').toHaveLength(2);
    expect(words(await screen.findByTestId('dates-saved'))).toBe('Your dates are saved.');
  });

  it('clears a date by saving it empty', async () => {
    const calls = revalidationBackend();
    render(RevalidationPage);
    await screen.findByRole('group', { name: 'Next GMC appraisal date (optional)' });
    expect(dateIn('gmc-appraisal'), 'the form shows the saved date').toBe('2027-01-15');
    await fillDate('gmc-appraisal', '');
    await fireEvent.click(screen.getByTestId('save-dates'));
    await waitFor(() => expect(made(calls, 'set_revalidation_settings')).toHaveLength(1));
    expect(made(calls, 'set_revalidation_settings')[0]).toEqual({ settings: { nmcExpiry: '2027-03-31', gmcAppraisal: null } });
  });

  it('lists practice hours and deletes the one chosen', async () => {
    const calls = revalidationBackend();
    render(RevalidationPage);
    const section = await screen.findByTestId('practice-hours');
    const rows = within(section).getAllByTestId('hours-row');
    expect(rows.map((r) => cells(r).replace(/ \| Delete.*$/, ''))).toEqual([
      '1 April 2026 | 30 June 2026 | 180 | Ward manager, acute medicine',
      '1 April 2025 | 30 June 2025 | 120 | Staff nurse',
    ]);
    await fireEvent.click(within(section).getByRole('button', { name: 'Delete 120 hours from 1 April 2025 to 30 June 2025' }));
    await waitFor(() => expect(within(section).getAllByTestId('hours-row')).toHaveLength(1));
    expect(made(calls, 'delete_practice_hours')).toEqual([{ id: 3 }]);
    expect(words(within(section).getByTestId('hours-done'))).toBe('Deleted 120 hours from 1 April 2025 to 30 June 2025.');
  });

  it('adds practice hours with the dates, hours as a number and the role', async () => {
    const calls = revalidationBackend();
    render(RevalidationPage);
    const section = await screen.findByTestId('practice-hours');
    await fillDate('hours-from', '2026-07-01');
    await fillDate('hours-to', '2026-09-30');
    await type(within(section).getByLabelText('Hours'), '337,5');
    await type(within(section).getByLabelText('Role or setting (optional)'), '  Matron, surgery ');
    await fireEvent.click(within(section).getByTestId('add-hours'));
    await waitFor(() => expect(made(calls, 'add_practice_hours')).toHaveLength(1));
    expect(made(calls, 'add_practice_hours')[0]).toEqual({ start: '2026-07-01', end: '2026-09-30', hours: 337.5, role: 'Matron, surgery' });
    expect(words(await within(section).findByTestId('hours-done'))).toBe('Added 337.5 hours from 1 July 2026 to 30 September 2026.');
    expect((within(section).getByLabelText('Hours') as HTMLInputElement).value, 'the form is ready for the next stretch').toBe('');
  });

  it('names missing practice-hours fields, and shows the core refusing the rest', async () => {
    const calls = revalidationBackend(sampleRevalidation(), (cmd) => {
      if (cmd === 'add_practice_hours') {
        const message = 'To: the end date is before the start date';
        throw { kind: 'invalid_input', message, fields: [{ field: 'end', message }], problems: [] };
      }
    });
    render(RevalidationPage);
    const section = await screen.findByTestId('practice-hours');
    await type(within(section).getByLabelText('Hours'), 'lots');
    await fireEvent.click(within(section).getByTestId('add-hours'));
    let summary = await within(section).findByTestId('error-summary');
    expect(within(summary).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Enter the date the period starts', '#hours-from-day'],
      ['Enter the date the period ends', '#hours-to-day'],
      ['Enter the hours you worked as a number, like 37.5', '#hours-amount'],
    ]);
    expect(made(calls, 'add_practice_hours'), 'nothing is sent until the form is complete').toEqual([]);

    await fillDate('hours-from', '2026-09-30');
    await fillDate('hours-to', '2026-07-01');
    await type(within(section).getByLabelText('Hours'), '30');
    await fireEvent.click(within(section).getByTestId('add-hours'));
    await waitFor(() => expect(words(within(section).getByTestId('error-summary'))).toBe('There is a problem To: the end date is before the start date'));
    summary = within(section).getByTestId('error-summary');
    expect(summary.getAttribute('role')).toBe('alert');
    expect(
      within(summary).getByRole('link').getAttribute('href'),
      'the field the core names is the one the summary leads to',
    ).toBe('#hours-to-day');
  });

  it('shows clinical currency as a chart with a table, totals, and a gentle flag', async () => {
    revalidationBackend();
    render(RevalidationPage);
    const currency = await screen.findByTestId('currency');
    expect(words(within(currency).getByTestId('currency-totals'))).toBe(
      'In the last 12 months: 1.5 hours of clinical CPD and 15.5 hours of management CPD.',
    );
    const flag = within(currency).getByTestId('currency-flag');
    expect(flag.className, 'a note to consider, not an error').toBe('nhsuk-inset-text');
    expect(words(flag)).toContain('1.5 of your 17 CPD hours were clinical');
    expect(within(currency).queryByRole('alert')).toBeNull();
    expect(within(within(currency).getByTestId('currency-chart')).getByRole('img').getAttribute('aria-label')).toContain(
      '2026 Q4: 1.5 clinical, 10 management',
    );
    const rows = within(within(currency).getByTestId('currency-table')).getAllByRole('row').map(cells);
    expect(rows[0]).toBe('Quarter | Clinical CPD (hours) | Management CPD (hours)');
    expect(rows.at(-1)).toBe('2026 Q4 | 1.5 | 10');
  });

  it('has no flag when clinical CPD is keeping up', async () => {
    revalidationBackend(sampleRevalidation(false));
    render(RevalidationPage);
    await screen.findByTestId('currency');
    expect(screen.queryByTestId('currency-flag')).toBeNull();
  });

  it('says plainly when the figures cannot be loaded', async () => {
    mockIPC(() => {
      throw { kind: 'internal', message: 'the database failed: disk I/O error' };
    });
    render(RevalidationPage);
    expect(words(await screen.findByTestId('revalidation-error'))).toBe(
      'Your revalidation figures could not be loaded the database failed: disk I/O error',
    );
  });
});
