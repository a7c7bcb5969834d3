// Nothing typed may be lost: the editor keeps unsaved work on this computer as the learner types,
// when they leave or close the window, and offers it back next time.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import EntryEditor from './EntryEditor.svelte';
import { editorBackend, lastCall, sampleDraft, sampleEntry, sampleUpload, type EditorCall } from '../../../test/editor-fixtures';
import { formFromDraft } from './draft';
import { KEEP_AFTER_MS, keptJson, readKept, type KeptWork } from './kept-draft';
import { byId, openEditor, saveAndWait, type, words } from './editor-test-helpers';
import type { EditorDraft } from '../../../ipc/portfolio';
import { TEST_NOW } from '../../../test/clock';

type KeepArgs = { entry: number | null; json: string };

const keeps = (calls: EditorCall[]) => calls.filter(([c]) => c === 'keep_editor_draft').map(([, args]) => args as KeepArgs);
const discards = (calls: EditorCall[]) => calls.filter(([c]) => c === 'discard_editor_draft').map(([, args]) => args);
const keptWork = (args: KeepArgs | undefined): KeptWork => readKept(args!.json, '2026-11-23')!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Entry 12 as the learner left it: new title and text, more reflection, a tag half typed, a behaviour and a file added. */
function changedWork(expectedVersion = 3): string {
  const form = formFromDraft(sampleDraft());
  form.title = 'First budget meeting, with notes';
  form.body = 'Went through the budget. Then the rota.';
  form.sections = { ...form.sections, evaluation: 'The variance report made sense in the end.' };
  form.tags = ['budget', 'rota'];
  form.behaviours = [
    ...form.behaviours,
    { frameworkId: 'cmpf', behaviourId: 'cmpf.people.wellbeing', rating: 3, justification: 'I changed the break rota.' },
  ];
  form.uploads = [sampleUpload(31, 'variance-notes.pdf', 2048)];
  return keptJson({ expectedVersion, form, tagText: 'staffing' });
}

function kept(json: string, savedAt = TEST_NOW): EditorDraft {
  return { json, savedAt };
}

describe('entry editor: keeping unsaved work', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('keeps the whole form shortly after the learner stops typing, and says so', async () => {
    const calls = editorBackend();
    await openEditor(null);
    await type('entry-title', 'Budget meeting');
    await type('entry-body', 'We went through the variances.');
    await type('tag-input', 'bud');
    expect(keeps(calls), 'nothing is kept while the learner is still typing').toEqual([]);

    await waitFor(() => expect(keeps(calls).length, 'the work is kept after a pause').toBe(1), { timeout: KEEP_AFTER_MS + 1000 });
    const args = keeps(calls)[0]!;
    expect(args.entry, 'a new entry keeps its work under no id').toBeNull();
    const work = keptWork(args);
    expect(work.form.title).toBe('Budget meeting');
    expect(work.form.body).toBe('We went through the variances.');
    expect(work.tagText, 'text left in the tag box is kept too').toBe('bud');
    expect(work.expectedVersion).toBeNull();
    expect(words(byId('editor-status')), 'the learner sees it working').toBe('Changes kept on this computer at 21:30');
    expect(byId('editor-status').getAttribute('aria-live')).toBe('polite');
  });

  it('keeps nothing when the form is only opened, and keeps the version an edit started from', async () => {
    const calls = editorBackend();
    await openEditor(12);
    expect(lastCall(calls, 'get_editor_draft'), 'unsaved work for this entry is looked for').toEqual({ entry: 12 });
    await pause(KEEP_AFTER_MS + 200);
    expect(keeps(calls).length + discards(calls).length, 'an unchanged form is not kept').toBe(0);
    expect(screen.queryByTestId('discard-changes'), 'there are no changes to discard').toBeNull();

    await type('entry-title', 'Renamed');
    await waitFor(() => expect(keeps(calls).length).toBe(1), { timeout: KEEP_AFTER_MS + 1000 });
    expect(keeps(calls)[0]!.entry).toBe(12);
    expect(keptWork(keeps(calls)[0]).expectedVersion, 'the version it started from is kept').toBe(3);
  });

  it('keeps the newest typing at once when the window is about to close', async () => {
    const calls = editorBackend();
    await openEditor(null);
    await type('entry-title', 'Typed just before closing');
    await window.__w2bBeforeClose!();
    expect(keeps(calls).length, 'kept without waiting for the pause').toBe(1);
    expect(keptWork(keeps(calls)[0]).form.title).toBe('Typed just before closing');

    await type('entry-title', 'Then hidden');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(keeps(calls).length, 'hiding the window keeps the work').toBe(2));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    expect(keptWork(keeps(calls)[1]).form.title).toBe('Then hidden');

    await type('entry-title', 'Then the page went');
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() => expect(keptWork(keeps(calls).at(-1)).form.title, 'leaving the page keeps the work').toBe('Then the page went'));
  });

  it('keeps the work when the learner leaves the editor, and Cancel does not throw it away', async () => {
    const calls = editorBackend();
    const { unmount } = render(EntryEditor, { id: 12 });
    await screen.findByTestId('entry-title');
    await type('entry-title', 'Half-finished edit');
    await fireEvent.click(screen.getByRole('link', { name: 'Cancel' }));
    unmount();
    await waitFor(() => expect(keeps(calls).map((k) => keptWork(k).form.title), 'leaving keeps the work').toEqual(['Half-finished edit']));
    expect(discards(calls), 'Cancel discards nothing').toEqual([]);
  });

  it('says quietly when the work could not be kept, and typing goes on', async () => {
    editorBackend({
      keep_editor_draft: () => {
        throw { kind: 'io', message: 'the disk is full' };
      },
    });
    await openEditor(null);
    await type('entry-title', 'Still typing');
    await window.__w2bBeforeClose!();
    await waitFor(() => expect(words(byId('editor-status'))).toBe('Your changes could not be kept for safety; save the entry soon'));
    expect(screen.queryByRole('alert'), 'it does not interrupt').toBeNull();
    await type('entry-title', 'Still typing, more');
    expect(byId('entry-title').value, 'the field still takes typing').toBe('Still typing, more');
  });

  it('discards the kept work once the entry is saved, before opening it', async () => {
    let hashWhenDiscarded: string | null = null;
    const calls = editorBackend({
      discard_editor_draft: () => {
        hashWhenDiscarded = window.location.hash;
        return null;
      },
    });
    await openEditor(null);
    await type('entry-title', 'Saved soon');
    await window.__w2bBeforeClose!();
    await saveAndWait(calls);
    await waitFor(() => expect(window.location.hash).toBe('#/portfolio/42'));
    expect(discards(calls), 'the new entry’s kept work is discarded').toEqual([{ entry: null }]);
    expect(hashWhenDiscarded, 'it is discarded before the saved entry opens').toBe('');
    const order = calls.map(([c]) => c).filter((c) => c === 'save_entry' || c === 'discard_editor_draft');
    expect(order, 'only after the save succeeded').toEqual(['save_entry', 'discard_editor_draft']);
  });

  it('offers "Discard changes" once work is kept, which discards it and goes back', async () => {
    const calls = editorBackend();
    await openEditor(12);
    await type('entry-title', 'Not wanted');
    await window.__w2bBeforeClose!();
    await fireEvent.click(await screen.findByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(window.location.hash, 'back to the entry').toBe('#/portfolio/12'));
    expect(discards(calls)).toEqual([{ entry: 12 }]);
    expect(calls.some(([c]) => c === 'save_entry'), 'nothing is saved').toBe(false);
  });
});

describe('entry editor: unsaved work from last time', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('offers it without applying it, and "Carry on" brings every part back', async () => {
    const savedAt = new Date(TEST_NOW);
    const calls = editorBackend({ get_editor_draft: () => kept(changedWork(), savedAt.toISOString()) });
    render(EntryEditor, { id: 12 });
    const notice = await screen.findByTestId('kept-notice');
    expect(words(notice)).toContain('You have unsaved changes from today at 21:30');
    expect(screen.queryByTestId('kept-notice-stale'), 'the entry has not changed since').toBeNull();
    expect(screen.queryByTestId('entry-title'), 'nothing is applied until the learner chooses').toBeNull();

    await fireEvent.click(within(notice).getByRole('button', { name: 'Carry on with them' }));
    expect(screen.queryByTestId('kept-notice')).toBeNull();
    expect(byId('entry-title').value).toBe('First budget meeting, with notes');
    expect(byId('entry-body').value).toBe('Went through the budget. Then the rota.');
    expect(byId<HTMLTextAreaElement>('reflection-section-evaluation').value, 'reflection text comes back').toBe('The variance report made sense in the end.');
    expect(byId<HTMLTextAreaElement>('reflection-section-feelings').value).toBe('Nervous at first.');
    expect(words(screen.getByTestId('tag-list'))).toContain('rota');
    expect(byId('tag-input').value, 'the half-typed tag comes back').toBe('staffing');
    expect(words(screen.getByTestId('behaviour-list'))).toContain('I notice when my team is under strain');
    expect(words(screen.getByTestId('pending-upload')), 'the file waiting to be added is listed again').toContain('variance-notes.pdf (2 KB, added when you save)');
    expect(screen.getByRole('button', { name: 'Discard changes' }), 'the kept work can still be thrown away').toBeTruthy();
    await waitFor(() => expect(document.activeElement, 'focus goes back to the top of the page').toBe(screen.getByRole('heading', { level: 1 })));

    const saved = await saveAndWait(calls);
    expect(saved.expectedVersion).toBe(3);
    expect(saved.draft.title).toBe('First budget meeting, with notes');
    expect(saved.draft.tags).toEqual(['budget', 'rota', 'staffing']);
    expect(saved.draft.newUploads).toEqual([31]);
    expect(saved.draft.keepAttachments).toEqual([7]);
    await waitFor(() => expect(discards(calls)).toEqual([{ entry: 12 }]));
  });

  it('"Discard them" throws the kept work away and keeps the entry as saved', async () => {
    const calls = editorBackend({ get_editor_draft: () => kept(changedWork()) });
    render(EntryEditor, { id: 12 });
    await fireEvent.click(await screen.findByRole('button', { name: 'Discard them' }));
    await waitFor(() => expect(discards(calls), 'the app is told to discard it').toEqual([{ entry: 12 }]));
    expect(byId('entry-title').value, 'the entry as saved').toBe('First budget meeting');
    expect(byId('tag-input').value).toBe('');
    expect(screen.queryByTestId('pending-upload')).toBeNull();
    await pause(KEEP_AFTER_MS + 200);
    expect(keeps(calls), 'the saved entry is not kept as unsaved work').toEqual([]);
  });

  it('warns when the entry was saved since, and carrying on saves the work as the newest version', async () => {
    const calls = editorBackend({
      get_editor_draft: () => kept(changedWork(2), '2026-11-20T21:42:00Z'),
    });
    render(EntryEditor, { id: 12 });
    const notice = await screen.findByTestId('kept-notice');
    expect(words(notice), 'an older day is named').toMatch(/You have unsaved changes from \w+day 20 November( 2026)? at \d\d:\d\d/);
    expect(words(screen.getByTestId('kept-notice-stale'))).toContain('The entry has been saved since then');
    expect(words(notice), 'files kept over a day may be gone').toContain('you may need to attach them again');
    expect(words(screen.getByTestId('kept-notice-stale')), 'the learner is told nothing is lost').toContain('stays in the entry');
    await fireEvent.click(within(notice).getByRole('button', { name: 'Carry on with them' }));
    expect(byId('entry-title').value, 'the kept work is on the page').toBe('First budget meeting, with notes');
    const saved = await saveAndWait(calls);
    expect(saved.expectedVersion, 'the save builds on the version now current, which stays in the history').toBe(sampleEntry().version);
    expect(saved.draft.title).toBe('First budget meeting, with notes');
  });

  it('offers unsaved work for a new entry too', async () => {
    const form = { ...formFromDraft(sampleDraft()), title: 'Started last night', keepAttachments: [] };
    const calls = editorBackend({ get_editor_draft: () => kept(keptJson({ expectedVersion: null, form, tagText: '' })) });
    render(EntryEditor, { id: null });
    const notice = await screen.findByTestId('kept-notice');
    expect(words(notice)).toContain('You started a new entry but did not save it.');
    expect(lastCall(calls, 'get_editor_draft')).toEqual({ entry: null });
    await fireEvent.click(within(notice).getByRole('button', { name: 'Carry on with them' }));
    expect(byId('entry-title').value).toBe('Started last night');
    const saved = await saveAndWait(calls);
    expect(saved.id).toBeNull();
    expect(saved.expectedVersion).toBeNull();
  });
});
