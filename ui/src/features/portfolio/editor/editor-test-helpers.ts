// Shared steps for the editor's tests: open it, fill fields by test id, save and read what was sent.
import { expect } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import EntryEditor from './EntryEditor.svelte';
import { lastCall, type EditorCall } from '../../../test/editor-fixtures';
import type { EntryDraft } from '../../../ipc/portfolio';

export type SaveArgs = { id: number | null; expectedVersion: number | null; draft: EntryDraft };

export const byId = <T extends HTMLElement = HTMLInputElement>(testId: string) => screen.getByTestId(testId) as T;
export const type = (testId: string, value: string) => fireEvent.input(byId(testId), { target: { value } });
export const pick = (testId: string, value: string) => fireEvent.change(byId<HTMLSelectElement>(testId), { target: { value } });
/** What the learner reads in an element, with the markup's line breaks and indents folded away. */
export const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Opens the editor for a new entry (id null) or entry 12, once it has loaded. */
export async function openEditor(id: number | null = null) {
  render(EntryEditor, { id });
  await screen.findByTestId('entry-title');
}

/** Selects Save and waits for the save to finish; returns what the app was sent. */
export async function saveAndWait(calls: EditorCall[]): Promise<SaveArgs> {
  const before = calls.filter(([c]) => c === 'save_entry').length;
  await fireEvent.click(byId('save-entry'));
  await waitFor(() => expect(calls.filter(([c]) => c === 'save_entry').length, 'the entry was sent to be saved').toBe(before + 1));
  await waitFor(() => expect(byId<HTMLButtonElement>('save-entry').disabled, 'the save has finished').toBe(false));
  return lastCall<SaveArgs>(calls, 'save_entry')!;
}
