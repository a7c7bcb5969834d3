import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import EntryEditor from './EntryEditor.svelte';
import { PRIVACY_CHECK_MS } from './PrivacyWarning.svelte';
import { editorBackend, NHS_NUMBER, type EditorCall } from '../../../test/editor-fixtures';
import { byId, type, words } from './editor-test-helpers';

/** Lets pending IPC replies and screen updates through without moving the clock. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
};
const checks = (calls: EditorCall[]) => calls.filter(([c]) => c === 'check_privacy').map(([, args]) => (args as { text: string }).text);

async function openNew() {
  render(EntryEditor, { id: null });
  await settle();
  byId('entry-title');
}

describe('privacy warning', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns under the field about an NHS number once typing pauses', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-body', `Reviewed the care of ${NHS_NUMBER} on the ward.`);
    await vi.advanceTimersByTimeAsync(PRIVACY_CHECK_MS - 1);
    expect(checks(calls), 'no check while the learner may still be typing').toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(checks(calls)).toEqual([`Reviewed the care of ${NHS_NUMBER} on the ward.`]);
    const warning = screen.getByTestId('privacy-warning');
    expect(words(warning)).toContain(`Looks like an NHS number: ${NHS_NUMBER}`);
    expect(words(warning)).toContain('This looks like an NHS number. Remove it: refer to the patient as "patient A".');
    expect(words(warning)).toContain('Check your text for patient details');
    expect(byId('entry-body').closest('.nhsuk-form-group')?.contains(warning), 'the warning sits with its field').toBe(true);
  });

  it('checks only the latest text after a burst of typing, and clears when the number goes', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-title', 'Patient 943');
    await vi.advanceTimersByTimeAsync(100);
    await type('entry-title', 'Patient 943 476');
    await vi.advanceTimersByTimeAsync(100);
    await type('entry-title', `Patient ${NHS_NUMBER}`);
    await vi.advanceTimersByTimeAsync(PRIVACY_CHECK_MS);
    await settle();
    expect(checks(calls), 'one check, of what was finally typed').toEqual([`Patient ${NHS_NUMBER}`]);
    expect(words(screen.getByTestId('privacy-warning'))).toContain('Check the title for patient details');

    await type('entry-title', 'Patient A');
    await vi.advanceTimersByTimeAsync(PRIVACY_CHECK_MS);
    await settle();
    expect(screen.queryByTestId('privacy-warning'), 'the warning goes with the number').toBeNull();
    expect(checks(calls), 'text with no digits cannot hold an identifier, so is not sent').toHaveLength(1);
  });

  it('checks reflection sections and does not stop the entry being saved', async () => {
    const calls = editorBackend();
    await openNew();
    await type('entry-title', 'Deteriorating patient');
    await fireEvent.change(byId('template-choice'), { target: { value: 'gibbs' } });
    await type('reflection-section-description', `NHS number ${NHS_NUMBER} was on the handover sheet.`);
    await vi.advanceTimersByTimeAsync(PRIVACY_CHECK_MS);
    await settle();
    const warning = screen.getByTestId('privacy-warning');
    expect(words(warning)).toContain('Check "Description" for patient details');
    expect(byId('reflection-section-description').closest('.nhsuk-form-group')?.contains(warning)).toBe(true);

    await fireEvent.click(byId('save-entry'));
    await settle();
    expect(calls.filter(([c]) => c === 'save_entry'), 'the learner may still save').toHaveLength(1);
  });
});
