import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import LessonNotes from './LessonNotes.svelte';
import { SAVE_AFTER_MS } from './notes-saver';
import type { NoteView } from '../../ipc/study';
import { fixedClock, setClock } from '../../lib/clock';
import { TEST_NOW } from '../../test/clock';

/** Earlier on the test clock's day (TEST_NOW is 21:30 in London). */
const SAVED_AT = '2026-12-04T21:05:00.000Z';
/** What the learner sees for SAVED_AT: a time alone, since it is today. */
const savedAtText = 'Saved at 21:05';

/** Lets pending IPC replies and screen updates through without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function noteBackend(reply: (body: string) => NoteView | null | Promise<NoteView | null> = stored) {
  const saves: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'save_note') return undefined;
    saves.push(args);
    return reply((args as { body: string }).body);
  });
  return saves;
}

function stored(body: string): NoteView {
  return { body, html: `<p>${body}</p>`, updatedAt: SAVED_AT };
}

const textarea = () => screen.getByLabelText<HTMLTextAreaElement>('Notes on this lesson, just for you');
const status = () => screen.getByTestId('notes-status').textContent?.trim();
const type = (text: string) => fireEvent.input(textarea(), { target: { value: text } });

function renderNotes(note: NoteView | null = null) {
  return render(LessonNotes, { packId: 'core', lessonId: 'finance-b', note });
}

describe('lesson notes', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the note already written and when it was saved', () => {
    noteBackend();
    renderNotes(stored('Ask about agency spend'));
    expect(textarea().value).toBe('Ask about agency spend');
    expect(status()).toBe(savedAtText);
  });

  it('names the day of a note saved on another day, in the learner\'s zone', () => {
    noteBackend();
    // 23:30 on 3 December in UTC is already 4 December in Auckland, and still 3 December in London.
    renderNotes({ body: 'Older', html: '<p>Older</p>', updatedAt: '2026-12-03T23:30:00.000Z' });
    expect(status(), 'yesterday in London, so the date is given').toBe('Saved on 3 December at 23:30');
    cleanup();
    setClock(fixedClock(TEST_NOW, 'Pacific/Auckland'));
    renderNotes({ body: 'Older', html: '<p>Older</p>', updatedAt: '2026-12-04T09:00:00.000Z' });
    expect(status(), 'in Auckland TEST_NOW is 10:30 on 5 December; 09:00Z was 22:00 on the 4th').toBe('Saved on 4 December at 22:00');
  });

  it('saves what was typed once the learner pauses', async () => {
    const saves = noteBackend();
    renderNotes();
    expect(status()).toBe('Nothing written yet');
    await type('Ask about agency spend');
    expect(status()).toBe('Not saved yet');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS - 1);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(saves).toEqual([{ packId: 'core', lessonId: 'finance-b', body: 'Ask about agency spend' }]);
    expect(status()).toBe(savedAtText);
  });

  it('says it is saving while a save is under way', async () => {
    let finish!: (note: NoteView) => void;
    noteBackend(() => new Promise<NoteView>((resolve) => (finish = resolve)));
    renderNotes();
    await type('Budget meeting on Tuesday');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS);
    expect(status()).toBe('Saving…');
    finish(stored('Budget meeting on Tuesday'));
    await settle();
    expect(status()).toBe(savedAtText);
  });

  it('saves at once when the learner leaves the field', async () => {
    const saves = noteBackend();
    renderNotes();
    await type('Leaving now');
    await fireEvent.blur(textarea());
    await settle();
    expect(saves).toEqual([{ packId: 'core', lessonId: 'finance-b', body: 'Leaving now' }]);
    expect(status()).toBe(savedAtText);
    // The pause after typing does not save the same text again.
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS * 2);
    expect(saves).toHaveLength(1);
  });

  it('saves what is left when the lesson is closed', async () => {
    const saves = noteBackend();
    const { unmount } = renderNotes();
    await type('Typed just before leaving');
    unmount();
    await settle();
    expect(saves).toEqual([{ packId: 'core', lessonId: 'finance-b', body: 'Typed just before leaving' }]);
  });

  it('previews the note as the app rendered it, and goes back to editing', async () => {
    const saves = noteBackend((body) => ({
      body,
      html: '<p><strong>Agency</strong> spend is up</p>',
      updatedAt: SAVED_AT,
    }));
    renderNotes();
    await type('**Agency** spend is up');
    await fireEvent.click(screen.getByRole('button', { name: 'Preview note' }));
    await settle();
    expect(saves).toHaveLength(1);
    const preview = screen.getByTestId('note-preview');
    expect(preview.querySelector('strong')?.textContent).toBe('Agency');
    expect(preview.textContent).not.toContain('**');
    expect(screen.queryByLabelText('Notes on this lesson, just for you')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Edit note' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');

    await fireEvent.click(toggle);
    await settle();
    expect(textarea().value).toBe('**Agency** spend is up');
  });

  it('says plainly when a note was not saved, and clears that once a save works', async () => {
    let fail = true;
    noteBackend((body) => {
      if (fail) throw { kind: 'io', message: 'the disk is full' };
      return stored(body);
    });
    renderNotes();
    await type('Important');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS);
    await settle();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Your note was not saved');
    expect(alert.textContent).toContain('the disk is full');
    expect(status()).toBe('Not saved');
    expect(textarea().value).toBe('Important');

    fail = false;
    await fireEvent.blur(textarea());
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(status()).toBe(savedAtText);
  });
});
