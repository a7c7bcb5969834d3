// Saves a note shortly after the learner stops typing, and at once when they leave the field
// or the window. Saves never overlap and the newest text always wins, so a slow save cannot
// write an older version over a newer one.

/** Quiet time after the last keystroke before saving. */
export const SAVE_AFTER_MS = 400;

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export class NoteSaver<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: string;
  private savedText: string;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    initial: string,
    private readonly save: (text: string) => Promise<T>,
    private readonly onState: (state: SaveState, result?: T, error?: string) => void,
    private readonly delayMs: number = SAVE_AFTER_MS,
  ) {
    this.latest = initial;
    this.savedText = initial;
  }

  /** The learner typed: remember the text and save when they pause. */
  changed(text: string): void {
    this.latest = text;
    this.onState(text === this.savedText ? 'saved' : 'unsaved');
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  get dirty(): boolean {
    return this.latest !== this.savedText;
  }

  /** Saves now if anything is unsaved; resolves when the newest text is stored (or failed). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(async () => {
      const text = this.latest;
      if (text === this.savedText) return;
      this.onState('saving');
      try {
        const result = await this.save(text);
        this.savedText = text;
        this.onState(this.latest === text ? 'saved' : 'unsaved', result);
      } catch (e) {
        this.onState('failed', undefined, (e as Error).message);
      }
    });
    return this.chain;
  }
}
