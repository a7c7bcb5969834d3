import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { InvokeArgs } from '@tauri-apps/api/core';
import CohortPage from './CohortPage.svelte';
import { handCohortInputs } from './cohort-inputs';
import type { CohortProgress, CohortReport } from '../../ipc/cohort';
import { sampleReport } from '../../test/cohort-fixtures';

type Handler = (cmd: string, args?: InvokeArgs) => unknown;
type ProgressArgs = { onProgress: { onmessage: (p: CohortProgress) => void } };

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const INTAKE = ['/home/lead/intake/sam.w2bbundle', '/home/lead/intake/alex.w2bbundle', '/home/lead/intake/hostile.w2bbundle'];

/** A back end that reports `report` on any bundles; `handler` answers first when it returns anything. */
function cohortBackend(report: CohortReport = sampleReport(), handler: Handler = () => undefined) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const reply = handler(cmd, args);
    if (reply !== undefined) return reply;
    if (cmd === 'list_frameworks') return [{ id: 'hlm', version: '1.0.0', title: 'Healthcare Leadership Model' }];
    if (cmd === 'run_cohort_report') return report;
    if (cmd === 'save_cohort_report') return { htmlFile: 'cohort-report-2026-11-23-09-30-00.html', csvFile: 'cohort-report-2026-11-23-09-30-00.csv' };
    if (cmd === 'save_copy_as') return '/home/lead/Desktop/cohort.html';
    return null;
  });
  return calls;
}

const made = (calls: [string, unknown][], cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a as Record<string, unknown>);

describe('several learners bundles', () => {
  it('reports on bundles handed over, refused ones first with their reasons', async () => {
    const calls = cohortBackend();
    handCohortInputs(INTAKE);
    render(CohortPage);
    const summary = await screen.findByTestId('cohort-summary');
    expect(words(summary)).toBe('Reported on 2 of 3 bundles; 1 refused.');
    expect(made(calls, 'run_cohort_report')[0]).toMatchObject({ paths: INTAKE, frameworkId: null });

    const refused = screen.getByTestId('cohort-refused');
    expect(words(refused)).toContain('1 bundle refused');
    expect(words(refused)).toContain('/home/lead/intake/hostile.w2bbundle');
    expect(words(refused)).toContain('../evil.txt: has a path that leaves its folder');
    // The refusals come before any learner's figures.
    const learners = screen.getByTestId('cohort-learners');
    expect(refused.compareDocumentPosition(learners) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const rows = screen.getAllByTestId('cohort-learner-row');
    expect(rows.map((r) => words(within(r).getByRole('rowheader')))).toEqual(['Sam Patel sam.w2bbundle', 'Alex Jones alex.w2bbundle']);
    expect(words(rows[0]!)).toContain('Ward to Board essentials: 2 of 12');
    expect(words(rows[1]!)).toContain('not shared');
    expect(words(screen.getByTestId('cohort-notices'))).toContain('notes.txt');
  });

  it('shows the heat map as a table with headers, the same figures in words, and the gaps', async () => {
    cohortBackend();
    handCohortInputs(INTAKE);
    render(CohortPage);
    const map = await screen.findByTestId('cohort-heat-map');
    expect(within(map).getAllByRole('columnheader').map(words)).toEqual([
      'Leading people',
      'Managing resources',
      'Learner',
      'Setting direction',
      'Building the team',
      'Managing budgets',
    ]);
    const sam = within(map).getAllByRole('row')[2]!;
    expect(within(sam).getAllByRole('cell').map(words)).toEqual(['2', '0', '1']);
    expect(within(sam).getAllByRole('cell')[0]!.className).toContain('w2b-heat-2');
    expect(words(screen.getByTestId('cohort-in-words'))).toContain('Managing budgets: 2 of 2 learners have evidence, in 2 entries.');
    expect(words(screen.getByTestId('cohort-gaps'))).toBe('Building the team (Leading people)');
    expect(words(screen.getByTestId('cohort-distribution'))).toContain('Fewest 1, median 3, most 3.');
  });

  it('says which bundle it is checking while it works', async () => {
    let finish: (r: CohortReport) => void = () => {};
    cohortBackend(sampleReport(), (cmd, args) => {
      if (cmd !== 'run_cohort_report') return undefined;
      const { onProgress } = args as unknown as ProgressArgs;
      onProgress.onmessage({ checked: 0, total: 3 });
      onProgress.onmessage({ checked: 1, total: 3 });
      return new Promise<CohortReport>((resolve) => (finish = resolve));
    });
    handCohortInputs(INTAKE);
    render(CohortPage);
    await waitFor(() => expect(words(screen.getByTestId('cohort-progress'))).toContain('Checking bundle 2 of 3'));
    expect(screen.getByRole('progressbar', { name: 'Bundles checked' })).toBeTruthy();
    expect((screen.getByTestId('cohort-choose-files') as HTMLButtonElement).disabled).toBe(true);
    finish(sampleReport());
    await screen.findByTestId('cohort-summary');
    expect(words(screen.getByTestId('cohort-progress'))).toBe('');
  });

  it('opens files or a folder from the dialog, and a cancelled dialog changes nothing', async () => {
    let answer: string[] | null = null;
    const calls = cohortBackend(sampleReport(), (cmd) => (cmd === 'choose_cohort_bundles' ? answer : undefined));
    render(CohortPage);
    await fireEvent.click(screen.getByTestId('cohort-choose-files'));
    expect(made(calls, 'choose_cohort_bundles')).toEqual([{ folder: false }]);
    expect(made(calls, 'run_cohort_report')).toEqual([]);
    answer = ['/home/lead/intake'];
    await fireEvent.click(screen.getByTestId('cohort-choose-folder'));
    await screen.findByTestId('cohort-summary');
    expect(made(calls, 'choose_cohort_bundles')[1]).toEqual({ folder: true });
    expect(made(calls, 'run_cohort_report')[0]).toMatchObject({ paths: ['/home/lead/intake'] });
  });

  it('uses an installed framework the person chooses, and says what is wrong when nothing can be reported', async () => {
    const calls = cohortBackend(sampleReport(), (cmd, args) => {
      if (cmd === 'run_cohort_report' && (args as { frameworkId: string | null }).frameworkId === 'hlm') {
        throw { kind: 'invalid_input', message: 'No bundles found: /home/lead/empty holds no .w2bbundle files.' };
      }
      return undefined;
    });
    handCohortInputs(INTAKE);
    render(CohortPage);
    await screen.findByTestId('cohort-summary');
    const choice = screen.getByLabelText('Framework for the heat map') as HTMLSelectElement;
    await waitFor(() => expect(choice.options.length).toBe(2));
    await fireEvent.change(choice, { target: { value: 'hlm' } });
    await fireEvent.click(await screen.findByTestId('cohort-again'));
    expect(made(calls, 'run_cohort_report')[1]).toMatchObject({ paths: INTAKE, frameworkId: 'hlm' });
    const alert = await screen.findByRole('alert');
    expect(words(alert)).toContain('No bundles found');
    expect(screen.queryByTestId('cohort-summary')).toBeNull();
  });

  it('saves the report as the CLI writes it, and a copy anywhere', async () => {
    const calls = cohortBackend();
    handCohortInputs(INTAKE);
    render(CohortPage);
    await fireEvent.click(await screen.findByTestId('cohort-save'));
    const banner = await screen.findByTestId('cohort-saved');
    expect(words(banner)).toContain('cohort-report-2026-11-23-09-30-00.html and cohort-report-2026-11-23-09-30-00.csv');
    await fireEvent.click(screen.getByTestId('cohort-copy-csv'));
    await waitFor(() => expect(made(calls, 'save_copy_as')).toEqual([{ fileName: 'cohort-report-2026-11-23-09-30-00.csv', kind: 'document' }]));
    expect(words(banner)).toContain('Saved a copy to /home/lead/Desktop/cohort.html');
  });
});
