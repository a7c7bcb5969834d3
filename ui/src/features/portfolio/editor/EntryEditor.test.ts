import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import EntryEditor from './EntryEditor.svelte';
import { TEST_TODAY } from '../../../test/clock';
import { dateIn } from '../../../test/date-boxes';
import { editorBackend, lastCall, sampleDraft, sampleEntry } from '../../../test/editor-fixtures';
import type { EntryDraft } from '../../../ipc/portfolio';
import { byId, openEditor, pick, saveAndWait, type, words, type SaveArgs } from './editor-test-helpers';

const openNew = () => openEditor(null);
const openEntry = () => openEditor(12);

/** What a new entry with only a title sends. */
function minimalDraft(title: string): EntryDraft {
  return {
    kind: 'reflection',
    title,
    date: TEST_TODAY,
    body: '',
    reflection: null,
    tags: [],
    cpd: { clinicalMinutes: 0, managementMinutes: 0, participatory: false },
    shadowing: null,
    feedbackSource: null,
    behaviours: [],
    lessons: [],
    keepAttachments: [],
    newUploads: [],
  };
}

describe('entry editor: the quick part', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('offers the kinds from the app and starts a new entry today', async () => {
    const calls = editorBackend();
    await openNew();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Log an entry');
    const kinds = Array.from(byId<HTMLSelectElement>('entry-kind').options).map((o) => o.textContent);
    expect(kinds, 'every kind is offered by its label').toEqual([
      'Reflection',
      'CPD activity',
      'Shadowing or paired learning',
      'Quality-improvement project',
      'Feedback received',
      'Significant event',
      'Management task or achievement',
    ]);
    expect(dateIn('entry-date'), 'the date defaults to today, on the clock').toBe(TEST_TODAY);
    expect(calls, 'a new entry loads no entry, only any unsaved work for a new entry').toEqual([
      ['get_editor_options', {}],
      ['get_editor_draft', { entry: null }],
    ]);
    expect(screen.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe('#/portfolio');
  });

  it('saves a minimal entry and opens it', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-title', '  Budget meeting  ');
    const saved = await saveAndWait(calls);
    expect(saved, 'a new entry has no id or version, and only a title').toEqual({
      id: null,
      expectedVersion: null,
      draft: minimalDraft('Budget meeting'),
    });
    await waitFor(() => expect(window.location.hash, 'the saved entry opens').toBe('#/portfolio/42'));
  });

  it('turns CPD hours, with decimals, into minutes', async () => {
    const calls = editorBackend();
    await openNew();
    await pick('entry-kind', 'cpd');
    await type('entry-title', 'Finance for non-finance managers');
    await type('entry-body', 'Half a day on budgets.');
    await type('cpd-clinical-hours', '0.25');
    await type('cpd-management-hours', '3,5');
    await fireEvent.click(byId('participatory'));
    expect(words(screen.getByTestId('cpd-total')), 'the total is shown in words').toBe('That is 3 hours 45 minutes in all.');
    const { draft } = await saveAndWait(calls);
    expect(draft.kind).toBe('cpd');
    expect(draft.body).toBe('Half a day on budgets.');
    expect(draft.cpd, 'hours are stored as minutes').toEqual({ clinicalMinutes: 15, managementMinutes: 210, participatory: true });
  });

  it('will not save hours it cannot read, and says which', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-title', 'Course');
    await type('cpd-clinical-hours', 'two');
    await fireEvent.click(byId('save-entry'));
    const summary = await screen.findByTestId('error-summary');
    expect(words(summary)).toContain('CPD time: enter clinical hours as a number, like 1.5');
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#cpd-clinical-hours');
    await waitFor(() => expect(document.activeElement, 'the summary takes focus').toBe(summary));
    expect(calls.some(([c]) => c === 'save_entry'), 'nothing is saved').toBe(false);
  });

  it('asks about shadowing only for shadowing, and sends what was written', async () => {
    const calls = editorBackend();
    await openNew();
    expect(screen.queryByTestId('shadowing-fields'), 'a reflection asks nothing about shadowing').toBeNull();
    await pick('entry-kind', 'shadowing');
    await type('entry-title', 'A day with finance');
    await type('shadowing-partner', 'Finance business partner');
    await type('shadowing-i-learned', 'How month-end works.');
    await type('shadowing-they-learned', 'Why agency shifts get booked late.');
    const { draft } = await saveAndWait(calls);
    expect(draft.shadowing).toEqual({
      partnerRole: 'Finance business partner',
      iLearned: 'How month-end works.',
      theyLearned: 'Why agency shifts get booked late.',
    });
    expect(draft.feedbackSource).toBeNull();

    await pick('entry-kind', 'reflection');
    expect((await saveAndWait(calls)).draft.shadowing, 'another kind keeps no shadowing details').toBeNull();
  });

  it('asks who feedback came from', async () => {
    const calls = editorBackend();
    await openNew();
    await pick('entry-kind', 'feedback');
    await type('entry-title', 'Thank-you card from a family');
    await fireEvent.click(screen.getByLabelText('A compliment or complaint'));
    expect((await saveAndWait(calls)).draft.feedbackSource).toBe('compliment_or_complaint');
  });

  it('adds tags with Enter or a comma, ignores repeats, and takes in a tag left in the box', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-title', 'Rota review');
    await type('tag-input', 'rota, budget,');
    await type('tag-input', '#Rota');
    await fireEvent.keyDown(byId('tag-input'), { key: 'Enter' });
    const chips = () => within(screen.getByTestId('tag-list')).getAllByRole('listitem').map((li) => li.querySelector('.nhsuk-tag')?.textContent);
    expect(chips(), 'a repeat, whatever its case or #, is not added twice').toEqual(['rota', 'budget']);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove tag budget' }));
    expect(chips()).toEqual(['rota']);
    await type('tag-input', 'staffing');
    expect((await saveAndWait(calls)).draft.tags, 'a tag typed but not yet added is saved too').toEqual(['rota', 'staffing']);
  });

  it('links lessons chosen from a list grouped by module', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-title', 'Budget reading');
    const groups = Array.from(byId<HTMLSelectElement>('lesson-select').querySelectorAll('optgroup')).map((g) => g.label);
    expect(groups).toEqual(['Budgets and finance', 'Accountability and governance']);
    const option = screen.getByRole('option', { name: 'From ward to board' }) as HTMLOptionElement;
    await pick('lesson-select', option.value);
    await fireEvent.click(byId('add-lesson'));
    expect(words(screen.getByTestId('lesson-list'))).toContain('From ward to board');
    expect(option.disabled, 'a lesson cannot be linked twice').toBe(true);
    expect((await saveAndWait(calls)).draft.lessons).toEqual([{ packId: 'core', lessonId: 'gov-a' }]);
  });
});

describe('entry editor: editing', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('starts from the saved draft and sends it back unchanged with the version it started from', async () => {
    const calls = editorBackend();
    await openEntry();
    expect(lastCall(calls, 'get_entry')).toEqual({ id: 12, version: null });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Edit entry');
    expect(byId('entry-title').value).toBe('First budget meeting');
    expect(byId('cpd-management-hours').value, '90 minutes shows as hours').toBe('1.5');
    expect(byId<HTMLTextAreaElement>('reflection-section-feelings').value).toBe('Nervous at first.');
    expect(words(screen.getByTestId('behaviour-list'))).toContain('I read my budget statement each month');
    expect(words(screen.getByTestId('behaviour-list'))).toContain('rated Developing');
    expect(words(screen.getByTestId('lesson-list'))).toContain('Reading a budget statement');
    expect(words(screen.getByTestId('attachment-list'))).toContain('budget-statement.pdf (240 KB)');
    expect(screen.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe('#/portfolio/12');

    const saved = await saveAndWait(calls);
    expect(saved, 'an edit names the entry and the version it started from').toEqual({ id: 12, expectedVersion: 3, draft: sampleDraft() });
    await waitFor(() => expect(window.location.hash).toBe('#/portfolio/12'));
  });

  it('previews the saved text as the app rendered it, and changed text through the app renderer', async () => {
    const calls = editorBackend();
    await openEntry();
    await fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = screen.getByTestId('body-preview');
    expect(preview.querySelector('strong')?.textContent, 'the saved, sanitised rendering is shown').toBe('ward budget');
    await fireEvent.click(screen.getByRole('button', { name: 'Edit text' }));
    await type('entry-body', 'Now with **more**');
    await fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(screen.getByTestId('body-preview').querySelector('strong')?.textContent, 'changed text is rendered by the app').toBe('more'));
    expect(calls.filter(([cmd]) => cmd === 'preview_markdown').map(([, args]) => (args as { text: string }).text), 'only changed text goes to the renderer').toEqual([expect.stringContaining('Now with **more**')]);
  });

  it('explains that the entry changed elsewhere, and keeps the text', async () => {
    editorBackend({
      save_entry: () => {
        throw { kind: 'conflict', message: 'this entry was saved elsewhere since you opened it (it is now version 4; you started from version 3). Copy your changes, reopen the entry and apply them again' };
      },
    });
    await openEntry();
    await type('entry-title', 'My careful edit');
    await fireEvent.click(byId('save-entry'));
    const summary = await screen.findByTestId('error-summary');
    expect(words(summary)).toContain('Your changes were not saved');
    expect(words(summary)).toContain('This entry was saved elsewhere since you opened it (it is now version 4');
    expect(screen.getByRole('link', { name: 'Open the entry as it is now' }).getAttribute('href')).toBe('#/portfolio/12');
    expect(byId('entry-title').value, 'nothing typed is lost').toBe('My careful edit');
    await waitFor(() => expect(document.activeElement, 'the summary takes focus').toBe(summary));
  });

  it('says so when the entry to edit is gone', async () => {
    editorBackend({
      get_entry: () => {
        throw { kind: 'not_found', message: 'entry 12' };
      },
    });
    render(EntryEditor, { id: 12 });
    expect(await screen.findByText('This entry could not be found. It may have been deleted for good.')).toBeTruthy();
    expect(screen.queryByTestId('save-entry')).toBeNull();
  });

  it('will not edit an entry in the bin', async () => {
    editorBackend({ get_entry: () => ({ ...sampleEntry(), deletedAt: '2026-11-22T10:00:00Z' }) });
    render(EntryEditor, { id: 12 });
    expect(words(await screen.findByTestId('entry-in-bin'))).toContain('This entry is in the bin.');
    expect(screen.queryByTestId('save-entry')).toBeNull();
  });
});

describe('entry editor: errors from the app', () => {
  it('names the field in an error summary, focuses it, and its link goes to the field', async () => {
    editorBackend({
      save_entry: () => {
        const message = 'Title: give the entry a title, so you can find it again';
        throw { kind: 'invalid_input', message, fields: [{ field: 'title', message }], problems: [] };
      },
    });
    await openNew();
    window.location.hash = '#/portfolio/new';
    await fireEvent.click(byId('save-entry'));
    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(document.activeElement, 'the summary is focused so it is read out').toBe(summary));
    const link = within(summary).getByRole('link', { name: 'Title: give the entry a title, so you can find it again' });
    expect(link.getAttribute('href')).toBe('#entry-title');
    expect(words(byId('entry-title').closest('.nhsuk-form-group')!), 'the field shows the error too').toContain('Error: Title: give the entry a title');
    await fireEvent.click(link);
    expect(document.activeElement, 'the link moves focus to the field').toBe(byId('entry-title'));
    expect(window.location.hash, 'following the link does not change page').toBe('#/portfolio/new');
    window.location.hash = '';
  });

  it('shows other failures plainly and lets the learner try again', async () => {
    let fail = true;
    const calls = editorBackend({
      save_entry: (args: SaveArgs) => {
        if (fail) throw { kind: 'io', message: 'the disk is full' };
        return { ...sampleEntry(args.draft), id: 42 };
      },
    });
    await openNew();
    await type('entry-title', 'Try again');
    await fireEvent.click(byId('save-entry'));
    const summary = await screen.findByTestId('error-summary');
    expect(words(summary)).toContain('Your entry was not saved');
    expect(words(summary)).toContain('The disk is full');
    expect(byId<HTMLButtonElement>('save-entry').disabled, 'saving can be tried again').toBe(false);
    fail = false;
    await saveAndWait(calls);
    await waitFor(() => expect(window.location.hash).toBe('#/portfolio/42'));
    window.location.hash = '';
  });
});
