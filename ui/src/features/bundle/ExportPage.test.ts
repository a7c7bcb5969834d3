import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ExportPage, { NAME_KEY } from './ExportPage.svelte';
import {
  dateOfBirthInPlan,
  exportBackend,
  lastEntryQuery,
  nhsNumberInEntry,
  postcodeInEntry,
  sampleExported,
  samplePreview,
  selectionSent,
  type ExportCall,
} from '../../test/export-fixtures';

/** What the person reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const called = (calls: ExportCall[], command: string) => calls.filter(([c]) => c === command).length;

function typeDate(group: string, day: string, month: string, year: string) {
  const fields = within(screen.getByRole('group', { name: group }));
  fireEvent.input(fields.getByLabelText('Day'), { target: { value: day } });
  fireEvent.input(fields.getByLabelText('Month'), { target: { value: month } });
  return fireEvent.input(fields.getByLabelText('Year'), { target: { value: year } });
}

/** Ticks the listed entries with these titles once the list has loaded. */
async function tick(...titles: string[]) {
  for (const title of titles) await fireEvent.click(await screen.findByLabelText(title));
}

describe('export page', () => {
  beforeEach(() => localStorage.clear());

  it('shares everything by default: checks, then exports with no period and no chosen entries', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    expect(screen.getByRole('heading', { level: 1 }).textContent, 'the page says what it is for').toBe('Share your portfolio for appraisal');
    expect(screen.getByTestId<HTMLInputElement>('share-everything').checked, 'everything is the default').toBe(true);
    expect(screen.getByTestId<HTMLInputElement>('include-goals').checked, 'the development plan is shared by default').toBe(true);

    await fireEvent.click(screen.getByTestId('check-privacy'));
    const summary = await screen.findByTestId('preview-summary');
    expect(words(summary), 'the check says how much will be shared').toBe('3 entries, 2 attachments and 4 goals will be shared.');
    expect(screen.getByTestId('no-findings'), 'a clean check says so').toBeTruthy();
    expect(selectionSent(calls, 'preview_export'), 'everything: no dates and no chosen ids').toEqual({
      from: null,
      to: null,
      entryIds: null,
      includeGoals: true,
      includeLearning: false,
      learner: '',
    });
    expect(called(calls, 'find_entries'), 'the entry list is not loaded until it is needed').toBe(0);

    const exportButton = screen.getByTestId('export-bundle');
    expect(words(exportButton), 'nothing to confirm: a plain export').toBe('Export');
    await fireEvent.click(exportButton);
    const done = await screen.findByTestId('export-done');
    expect(selectionSent(calls, 'export_bundle'), 'the export shares what was checked').toEqual(selectionSent(calls, 'preview_export'));
    expect(called(calls, 'preview_export'), 'a current check is not run again on export').toBe(1);
    expect(words(screen.getByTestId('export-summary')), 'the panel names the file, its size and what it holds').toContain(
      'sam-patel-2026-11-23.w2bbundle (1.5 MB) with 3 entries',
    );
    expect(words(screen.getByTestId('export-path')), 'the panel says where the file is').toBe(sampleExported().path);
    expect(words(done), 'the panel says how the appraiser opens it').toContain('Review a bundle');
    expect(words(done), 'and how to open it without the app').toContain('portfolio.html');
  });

  it('shares a period and can leave the development plan out', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('share-period'));
    await typeDate('First day', '1', '4', '2026');
    await typeDate('Last day', '31', '3', '2027');
    await fireEvent.click(screen.getByTestId('include-goals'));
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    expect(selectionSent(calls, 'preview_export'), 'a period sends its days and no chosen ids').toEqual({
      from: '2026-04-01',
      to: '2027-03-31',
      entryIds: null,
      includeGoals: false,
      includeLearning: false,
      learner: '',
    });
  });

  it('shares the lessons completed only when the learner ticks it, and says what that shares', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    const box = screen.getByTestId<HTMLInputElement>('include-learning');
    expect(box.checked, 'learning is not shared unless the learner chooses to').toBe(false);
    const label = screen.getByLabelText('Include the lessons I have completed');
    expect(label, 'the box has a plain label').toBe(box);
    const hint = words(document.getElementById('include-learning-hint')!);
    expect(hint, 'the hint says what is shared').toContain('which of its lessons you have marked complete');
    expect(hint, 'and what is not').toContain('Your notes, quiz answers and study time are not shared');
    await fireEvent.click(box);
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    expect(selectionSent(calls, 'preview_export')?.includeLearning, 'the check is for a bundle with the summary').toBe(true);
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await screen.findByTestId('export-done');
    expect(selectionSent(calls, 'export_bundle')?.includeLearning, 'the export shares it').toBe(true);
  });

  it('asks for a day before checking a period, and for days in order', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('share-period'));
    await fireEvent.click(screen.getByTestId('check-privacy'));
    const summary = await screen.findByTestId('error-summary');
    const link = within(summary).getByRole('link', { name: 'Enter the first day or the last day of the period, or both' });
    expect(link.getAttribute('href'), 'the error links to the first day').toBe('#share-from-day');
    expect(called(calls, 'preview_export'), 'nothing is checked without a period').toBe(0);

    await typeDate('First day', '1', '4', '2027');
    await typeDate('Last day', '31', '3', '2026');
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await waitFor(() =>
      expect(words(screen.getByTestId('error-summary')), 'days out of order are named').toContain(
        'The last day of the period must be the same as or after the first day',
      ),
    );
    expect(called(calls, 'preview_export'), 'nothing is checked with days out of order').toBe(0);

    await typeDate('Last day', '31', '3', '2028');
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    expect(screen.queryByTestId('error-summary'), 'a fixed period clears the problem').toBeNull();
    expect(selectionSent(calls, 'preview_export'), 'the fixed period is checked').toMatchObject({ from: '2027-04-01', to: '2028-03-31' });
  });

  it('shares chosen entries: lists them, keeps ticks across searches and sends their ids', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('share-chosen'));
    const items = await screen.findAllByTestId('choose-entry');
    expect(items, 'every listed entry can be ticked').toHaveLength(3);
    expect(lastEntryQuery(calls), 'the list asks for the newest 100 entries outside the bin').toMatchObject({
      text: '',
      inBin: false,
      sort: 'newest',
      limit: 100,
    });
    const handover = screen.getByLabelText('Handover on the ward');
    expect(document.getElementById(handover.getAttribute('aria-describedby')!)?.textContent?.trim(), 'each entry shows its date and kind').toBe(
      '2 October 2026, Reflection',
    );

    await fireEvent.click(screen.getByTestId('check-privacy'));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Tick at least one entry to share' }).getAttribute('href'), 'the error links to the search').toBe(
      '#entry-search',
    );
    expect(called(calls, 'preview_export'), 'nothing is checked with no entry ticked').toBe(0);

    await tick('Handover on the ward', 'A day with the matron');
    expect(words(screen.getByTestId('chosen-count')), 'the page counts the ticks').toBe('2 entries ticked');
    await fireEvent.input(screen.getByTestId('entry-search'), { target: { value: 'budget' } });
    await fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(lastEntryQuery(calls)?.text, 'the search sends the words').toBe('budget'));
    expect(lastEntryQuery(calls)?.sort, 'search results come best match first').toBe('relevance');
    expect(words(screen.getByTestId('chosen-count')), 'a search keeps the ticks').toBe('2 entries ticked');

    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    expect(selectionSent(calls, 'preview_export'), 'chosen entries send their ids and no period').toEqual({
      from: null,
      to: null,
      entryIds: [1, 3],
      includeGoals: true,
      includeLearning: false,
      learner: '',
    });
  });

  it('shows each finding in context with the match marked, as text, grouped by entry', async () => {
    exportBackend({ preview_export: () => samplePreview([nhsNumberInEntry(), postcodeInEntry(), dateOfBirthInPlan()]) });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    const findings = await screen.findAllByTestId('privacy-finding');
    expect(findings, 'every finding is shown').toHaveLength(3);
    const groups = screen.getAllByTestId('privacy-group');
    expect(groups, 'findings in one entry share one callout').toHaveLength(2);
    expect(words(groups[0]!.querySelector('h3')!), 'the callout names the entry').toContain('Entry: Handover on the ward');
    expect(words(groups[1]!.querySelector('h3')!), 'a goal finding names the goal').toContain('Development plan goal: Lead the rota review');

    const first = findings[0]!;
    expect(words(first), 'the finding names the field').toContain('Reflection: What?');
    expect(first.querySelector('mark')?.textContent, 'the match itself is marked').toBe('943 476 5919');
    const context = within(first).getByTestId('finding-context');
    expect(context.textContent, 'the context reads as written, around the mark').toBe('The patient, 943 476 5919, was moved <b>twice</b>.');
    expect(context.querySelector('b'), 'entry text is never read as HTML').toBeNull();
    expect(words(first), 'the finding says what to do').toContain('This looks like an NHS number.');
    expect(within(groups[0]!).getByRole('link', { name: 'Open your portfolio to edit it' }).getAttribute('href'), 'the entry can be edited').toBe(
      '#/portfolio',
    );
    expect(within(groups[0]!).queryByTestId('leave-out'), 'leaving one entry out is offered only for chosen entries').toBeNull();
    expect(within(groups[1]!).getByTestId('leave-goals-out'), 'the plan can be left out').toBeTruthy();
  });

  it('points a finding in the learner name back to the name box', async () => {
    const inName = { ...postcodeInEntry(), entryUid: null, entryTitle: 'Cover', field: 'Your name' };
    exportBackend({ preview_export: () => samplePreview([inName]) });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    const group = await screen.findByTestId('privacy-group');
    await waitFor(() => expect(document.activeElement, 'the check moves focus to its results').toBe(screen.getByTestId('preview')));
    expect(words(group.querySelector('h3')!), 'the callout says it is the name').toContain('Your name');
    await fireEvent.click(within(group).getByRole('link', { name: 'Change your name above' }));
    expect(document.activeElement, 'the link moves to the name box, not to a route').toBe(screen.getByTestId('learner-name'));
  });

  it('asks the learner to confirm findings before exporting anyway', async () => {
    const calls = exportBackend({ preview_export: () => samplePreview([nhsNumberInEntry()]) });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findAllByTestId('privacy-finding');
    const exportButton = screen.getByTestId('export-bundle');
    expect(words(exportButton), 'with findings the button says it overrides them').toBe('Export anyway');

    await fireEvent.click(exportButton);
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link').getAttribute('href'), 'the error links to the confirmation').toBe('#confirm-checked');
    expect(called(calls, 'export_bundle'), 'nothing is exported before the confirmation').toBe(0);

    await fireEvent.click(screen.getByTestId('confirm-checked'));
    await fireEvent.click(exportButton);
    await screen.findByTestId('export-done');
    expect(called(calls, 'export_bundle'), 'confirmed findings do not block the export').toBe(1);
  });

  it('checks first when exporting without a check, and stops to show findings', async () => {
    let findings = [nhsNumberInEntry()];
    const calls = exportBackend({ preview_export: () => samplePreview(findings) });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await screen.findAllByTestId('privacy-finding');
    expect(called(calls, 'preview_export'), 'export runs the check when there is none').toBe(1);
    expect(called(calls, 'export_bundle'), 'findings found on export are shown before anything is written').toBe(0);

    findings = [];
    await fireEvent.click(screen.getByTestId('include-goals'));
    expect(screen.getByTestId('preview-stale'), 'a change after the check is noticed').toBeTruthy();
    expect(screen.queryByTestId('confirm-checked'), 'an old check asks for no confirmation').toBeNull();
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await screen.findByTestId('export-done');
    expect(called(calls, 'preview_export'), 'the changed selection is checked again').toBe(2);
    expect(selectionSent(calls, 'export_bundle')?.includeGoals, 'the export shares what was checked again').toBe(false);
  });

  it('leaves a chosen entry out and checks again', async () => {
    const calls = exportBackend({
      preview_export: (args) => {
        const ids = (args as { selection: { entryIds: number[] | null } }).selection.entryIds ?? [];
        return samplePreview(ids.includes(3) ? [nhsNumberInEntry()] : []);
      },
    });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('share-chosen'));
    await tick('Handover on the ward', 'Budget-holder training');
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await fireEvent.click(await screen.findByTestId('leave-out'));
    await screen.findByTestId('no-findings');
    expect(words(screen.getByTestId('left-out')), 'the page says what was left out').toContain('“Handover on the ward” is left out.');
    expect(selectionSent(calls, 'preview_export')?.entryIds, 'the check runs again without the entry').toEqual([2]);
    expect(screen.getByLabelText<HTMLInputElement>('Handover on the ward').checked, 'the entry is unticked in the list').toBe(false);
    expect(words(screen.getByTestId('export-bundle')), 'nothing left to confirm').toBe('Export');
  });

  it('leaves the development plan out from a goal finding and checks again', async () => {
    const calls = exportBackend({
      preview_export: (args) => samplePreview((args as { selection: { includeGoals: boolean } }).selection.includeGoals ? [dateOfBirthInPlan()] : []),
    });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await fireEvent.click(await screen.findByTestId('leave-goals-out'));
    await screen.findByTestId('no-findings');
    expect(screen.getByTestId<HTMLInputElement>('include-goals').checked, 'the plan box is unticked').toBe(false);
    expect(selectionSent(calls, 'preview_export')?.includeGoals, 'the check runs again without the plan').toBe(false);
  });

  it('remembers the learner name and sends it trimmed', async () => {
    localStorage.setItem(NAME_KEY, 'Dr Sam Patel');
    const calls = exportBackend();
    render(ExportPage, {});
    const name = screen.getByTestId<HTMLInputElement>('learner-name');
    expect(name.value, 'the name from last time is filled in').toBe('Dr Sam Patel');
    await fireEvent.input(name, { target: { value: ' Sam Patel ' } });
    expect(localStorage.getItem(NAME_KEY), 'the name is remembered as typed').toBe(' Sam Patel ');
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    expect(selectionSent(calls, 'preview_export')?.learner, 'the name is sent without spaces around it').toBe('Sam Patel');
  });

  it('saves a copy where the person chooses and says where it went', async () => {
    let answer: string | null = '/home/me/Documents/sam-patel-2026-11-23.w2bbundle';
    const calls = exportBackend({ save_copy_as: () => answer });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await fireEvent.click(await screen.findByTestId('save-copy'));
    const saved = await screen.findByTestId('copy-saved');
    expect(words(saved), 'the page says where the copy went').toContain('/home/me/Documents/sam-patel-2026-11-23.w2bbundle');
    expect(calls.find(([c]) => c === 'save_copy_as')?.[1], 'the copy is of the exported bundle').toEqual({
      fileName: 'sam-patel-2026-11-23.w2bbundle',
      kind: 'bundle',
    });

    answer = null;
    await fireEvent.click(screen.getByTestId('save-copy'));
    expect(await screen.findByTestId('copy-cancelled'), 'a cancelled save says no copy was made').toBeTruthy();
  });

  it('opens the readable page for printing or saving as a PDF', async () => {
    const calls = exportBackend({ print_bundle_page: () => null });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await fireEvent.click(await screen.findByTestId('print-page'));
    await waitFor(() =>
      expect(calls.find(([c]) => c === 'print_bundle_page')?.[1], 'the standalone page is the one printed').toEqual({
        fileName: 'sam-patel-2026-11-23.html',
      }),
    );
    expect(screen.queryByTestId('print-error'), 'no error when the window opens').toBeNull();
  });

  it('offers the readable page on its own, and copies that file', async () => {
    const calls = exportBackend({ save_copy_as: () => '/home/me/Documents/sam-patel-2026-11-23.html' });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('export-bundle'));
    const done = await screen.findByTestId('export-done');
    expect(words(done), 'the page file is named').toContain('sam-patel-2026-11-23.html');
    await fireEvent.click(screen.getByTestId('save-html-copy'));
    await screen.findByTestId('copy-saved');
    expect(calls.filter(([c]) => c === 'save_copy_as').at(-1)?.[1], 'the copy is of the page, not the bundle').toEqual({
      fileName: 'sam-patel-2026-11-23.html',
      kind: 'bundle',
    });
  });

  it('shows a failed copy in an error summary', async () => {
    exportBackend({
      save_copy_as: () => {
        throw { kind: 'io', message: 'cannot write /media/usb/x.w2bbundle: read-only file system' };
      },
    });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await fireEvent.click(await screen.findByTestId('save-copy'));
    const error = await screen.findByTestId('save-copy-error');
    expect(words(error), 'the error says the copy was not saved and why').toContain('The copy was not saved cannot write /media/usb/x.w2bbundle');
  });

  it('shows a failed check or export in an error summary, with no success', async () => {
    let failCheck = true;
    exportBackend({
      preview_export: () => {
        if (failCheck) throw { kind: 'io', message: 'cannot read attachment 4: file missing' };
        return samplePreview();
      },
      export_bundle: () => {
        throw { kind: 'io', message: 'cannot write exports/: disk full' };
      },
    });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    let summary = await screen.findByTestId('error-summary');
    expect(words(summary), 'a failed check is named with its reason').toBe(
      'The check for patient details did not run cannot read attachment 4: file missing',
    );
    expect(screen.queryByTestId('preview-summary'), 'a failed check shows no counts').toBeNull();

    failCheck = false;
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await waitFor(() => expect(words(screen.getByTestId('error-summary')), 'a failed export is named').toContain('The bundle was not made'));
    summary = screen.getByTestId('error-summary');
    expect(words(summary), 'with its reason').toContain('cannot write exports/: disk full');
    expect(screen.queryByTestId('export-done'), 'no success after a failure').toBeNull();
  });

  it('starts again from the success panel', async () => {
    exportBackend();
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('export-bundle'));
    await fireEvent.click(await screen.findByTestId('export-again'));
    expect(screen.queryByTestId('export-done'), 'the success panel goes').toBeNull();
    expect(screen.getByTestId('check-privacy'), 'the steps are back').toBeTruthy();
    expect(screen.queryByTestId('preview-summary'), 'the old check is forgotten').toBeNull();
  });
});
