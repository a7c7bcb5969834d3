import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import axe from 'axe-core';
import EntryEditor from './EntryEditor.svelte';
import { editorBackend, sampleDraft } from '../../../test/editor-fixtures';
import { formFromDraft } from './draft';
import { keptJson } from './kept-draft';
import { byId, openEditor, pick } from './editor-test-helpers';

const axeOptions = { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } };

describe('entry editor accessibility', () => {
  it('has no axe violations with every part, warning and error showing', async () => {
    editorBackend({
      upload_attachment: () => {
        throw { kind: 'invalid_input', message: '"notes.pdf" is not a PDF' };
      },
    });
    await openEditor(12);
    await pick('entry-kind', 'feedback');
    await pick('template-choice', 'nmc');
    await fireEvent.click(screen.getByRole('button', { name: 'Change form and delete that text' }));
    await pick('behaviour-select', 'cmpf.people.wellbeing');
    await fireEvent.change(byId('attach-files'), { target: { files: [new File(['x'], 'notes.pdf')] } });
    await waitFor(() => expect(screen.getByTestId('upload-progress').textContent).toContain('was not attached'));
    await fireEvent.click(byId('save-entry'));
    await screen.findByTestId('error-summary');
    // Colours are not computed here, and the page landmarks belong to the app shell.
    const results = await axe.run(document.body, axeOptions);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`), 'labels, ids and roles are sound').toEqual([]);
  });

  it('has no axe violations while offering unsaved work from last time', async () => {
    const json = keptJson({ expectedVersion: 2, form: { ...formFromDraft(sampleDraft()), title: 'Changed' }, tagText: '' });
    editorBackend({ get_editor_draft: () => ({ json, savedAt: '2026-11-20T21:42:00Z' }) });
    render(EntryEditor, { id: 12 });
    await screen.findByTestId('kept-notice-stale');
    const results = await axe.run(document.body, axeOptions);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`), 'the notice is sound').toEqual([]);
  });
});
