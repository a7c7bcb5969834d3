// Unsaved work kept on this computer while the learner types, so leaving the page, closing the
// window or a crash loses nothing. The app stores the JSON whole; its shape is the editor's own.
import type { EditorForm } from './draft';
import { emptyForm } from './draft';
import { now } from '../../../lib/clock';

/** Quiet time after the last change before the work is kept. */
export const KEEP_AFTER_MS = 800;

/** Everything needed to rebuild the editor as the learner left it. */
export type KeptWork = {
  /** The shape of this JSON, so a later editor can tell an older one. */
  format: 1;
  /** The version an edit started from (null for a new entry): a save checks it. */
  expectedVersion: number | null;
  form: EditorForm;
  /** Text in the tag box not yet added as a tag. */
  tagText: string;
};

export function keptJson(work: Omit<KeptWork, 'format'>): string {
  return JSON.stringify({ format: 1, expectedVersion: work.expectedVersion, form: work.form, tagText: work.tagText });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kept work, or null if the JSON is not something this editor wrote. */
export function readKept(json: string, today: string): KeptWork | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isObject(value) || value.format !== 1 || !isObject(value.form)) return null;
  const empty = emptyForm(today);
  const kept = value.form as Partial<EditorForm>;
  const form: EditorForm = { ...empty, ...kept, shadowing: { ...empty.shadowing, ...(isObject(kept.shadowing) ? kept.shadowing : {}) } };
  if (!isObject(form.sections)) form.sections = {};
  for (const key of ['codeThemes', 'tags', 'behaviours', 'lessons', 'keepAttachments', 'uploads'] as const) {
    if (!Array.isArray(form[key])) (form as Record<string, unknown>)[key] = [];
  }
  return {
    format: 1,
    expectedVersion: typeof value.expectedVersion === 'number' ? value.expectedVersion : null,
    form,
    tagText: typeof value.tagText === 'string' ? value.tagText : '',
  };
}

export type KeepEvent = { kind: 'kept'; at: Date } | { kind: 'failed'; during: 'keep' | 'discard'; message: string } | { kind: 'discarded' };

/**
 * Keeps the editor's work shortly after each change and at once when asked (leaving, closing).
 * Calls never overlap and always send the newest work, so a slow call cannot put older work
 * back over newer. Work that matches what was loaded or saved is not kept: `read` returns null
 * for it, and a draft kept earlier is then discarded.
 */
export class DraftKeeper {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** What the app holds, as far as this editor knows; null for nothing. */
  private stored: string | null = null;
  private started = false;
  private finished = false;

  constructor(
    private readonly read: () => string | null,
    private readonly keep: (json: string) => Promise<unknown>,
    private readonly discard: () => Promise<unknown>,
    private readonly onEvent: (event: KeepEvent) => void,
    private readonly delayMs: number = KEEP_AFTER_MS,
  ) {}

  /** Begins keeping, knowing what the app already holds (a draft the learner carried on with). */
  start(stored: string | null): void {
    this.stored = stored;
    this.started = true;
  }

  /** Something changed: keep it once the learner pauses. */
  changed(): void {
    if (!this.started || this.finished) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Keeps the newest work now; resolves once it is kept (or has failed). Never rejects. */
  flush(): Promise<void> {
    this.clearTimer();
    if (!this.started || this.finished) return this.chain;
    let during: 'keep' | 'discard' = 'keep';
    return this.enqueue(async () => {
      if (this.finished) return;
      const json = this.read();
      if (json === this.stored) return;
      if (json === null) {
        during = 'discard';
        await this.discard();
        this.stored = null;
        this.onEvent({ kind: 'discarded' });
        return;
      }
      await this.keep(json);
      this.stored = json;
      this.onEvent({ kind: 'kept', at: now() });
    }, () => during);
  }

  /** Throws the kept work away but goes on keeping new changes ("Discard them"). */
  drop(): Promise<void> {
    this.clearTimer();
    return this.enqueue(this.discardStep, () => 'discard');
  }

  /** The entry was saved, or its changes thrown away: discard the kept work and keep no more. */
  finish(): Promise<void> {
    this.clearTimer();
    this.finished = true;
    return this.enqueue(this.discardStep, () => 'discard');
  }

  private readonly discardStep = async () => {
    await this.discard();
    this.stored = null;
    this.onEvent({ kind: 'discarded' });
  };

  private enqueue(step: () => Promise<void>, during: () => 'keep' | 'discard'): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        await step();
      } catch (e) {
        this.onEvent({ kind: 'failed', during: during(), message: (e as Error)?.message ?? String(e) });
      }
    });
    return this.chain;
  }

  private clearTimer() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
