import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoteSaver, SAVE_AFTER_MS, type SaveState } from './notes-saver';

/** A save the test finishes by hand, to play out slow saves. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setUp(initial = '', save: (text: string) => Promise<string> = async (text) => `stored:${text}`) {
  const saved: string[] = [];
  const states: [SaveState, string | undefined, string | undefined][] = [];
  const saver = new NoteSaver<string>(
    initial,
    (text) => {
      saved.push(text);
      return save(text);
    },
    (state, result, error) => states.push([state, result, error]),
  );
  return { saver, saved, states, lastState: () => states.at(-1)?.[0] };
}

describe('note saver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once the learner has stopped typing for a moment, with the newest text', async () => {
    const { saver, saved, lastState } = setUp();
    saver.changed('D');
    expect(lastState()).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS - 100);
    saver.changed('Do');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS - 100);
    saver.changed('Do not');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS - 1);
    // Still typing as far as the saver knows: each keystroke restarts the wait.
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['Do not']);
    expect(lastState()).toBe('saved');
    expect(saver.dirty).toBe(false);
  });

  it('passes what the save returned on with the saved state', async () => {
    const { saver, states } = setUp();
    saver.changed('**bold**');
    await saver.flush();
    expect(states).toContainEqual(['saving', undefined, undefined]);
    expect(states.at(-1)).toEqual(['saved', 'stored:**bold**', undefined]);
  });

  it('saves at once on flush, and not again when the wait would have ended', async () => {
    const { saver, saved } = setUp();
    saver.changed('left the field');
    await saver.flush();
    expect(saved).toEqual(['left the field']);
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS * 3);
    expect(saved).toEqual(['left the field']);
  });

  it('does not save text that is already stored', async () => {
    const { saver, saved, lastState } = setUp('already there');
    await saver.flush();
    saver.changed('already there!');
    saver.changed('already there');
    expect(lastState()).toBe('saved');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS);
    expect(saved).toEqual([]);
    expect(saver.dirty).toBe(false);
  });

  it('never runs two saves at once, and the newest text is the one left stored', async () => {
    const pending: { text: string; done: ReturnType<typeof deferred<string>> }[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const { saver, saved, states, lastState } = setUp('', (text) => {
      const done = deferred<string>();
      pending.push({ text, done });
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      return done.promise.finally(() => (running -= 1));
    });

    saver.changed('first');
    const slow = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['first']);

    // More typing while the slow save is still going.
    saver.changed('first draft');
    saver.changed('first draft, finished');
    const second = saver.flush();
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS * 2);
    expect(saved).toEqual(['first']);
    expect(lastState()).toBe('unsaved');

    pending[0]!.done.resolve('stored first');
    await slow;
    await vi.advanceTimersByTimeAsync(0);
    // The first save is done, but newer text was waiting: never "saved" in between.
    expect(states).toContainEqual(['unsaved', 'stored first', undefined]);
    expect(states.some(([state]) => state === 'saved')).toBe(false);
    expect(saved).toEqual(['first', 'first draft, finished']);
    expect(lastState()).toBe('saving');
    pending[1]!.done.resolve('stored newest');
    await second;
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS * 2);

    expect(mostAtOnce).toBe(1);
    expect(saved.at(-1)).toBe('first draft, finished');
    expect(lastState()).toBe('saved');
    expect(saver.dirty).toBe(false);
  });

  it('reports a failed save and tries again on the next flush', async () => {
    let fail = true;
    const { saver, saved, states, lastState } = setUp('', async (text) => {
      if (fail) throw new Error('the disk is full');
      return `stored:${text}`;
    });
    saver.changed('keep me');
    await vi.advanceTimersByTimeAsync(SAVE_AFTER_MS);
    expect(states.at(-1)).toEqual(['failed', undefined, 'the disk is full']);
    expect(saver.dirty).toBe(true);

    fail = false;
    await saver.flush();
    expect(saved).toEqual(['keep me', 'keep me']);
    expect(lastState()).toBe('saved');
    expect(saver.dirty).toBe(false);
  });
});
