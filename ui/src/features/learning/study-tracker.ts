// Active reading time for one open lesson. Time counts only while the window is visible and
// the learner has done something (scrolled, typed, moved the pointer) in the last few
// minutes; it is reported in small steps so closing the window or a crash loses at most one.
import { localDate, now } from '../../lib/clock';

/** With no input for this long, the learner is taken to be away. */
export const IDLE_AFTER_MS = 3 * 60 * 1000;
/** How often time is checked. */
export const TICK_MS = 5 * 1000;
/** How often counted time is sent to be stored. */
export const REPORT_EVERY_MS = 30 * 1000;
/** The most one report may carry (the store refuses more). */
export const MAX_REPORT_SECONDS = 120;

const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'scroll', 'touchstart', 'focusin'] as const;

export type Report = (seconds: number, sitting: number | null, localDate: string) => Promise<number>;

export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): number;
  clearInterval(id: number): void;
}

const realClock: Clock = {
  now: () => now().getTime(),
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (id) => window.clearInterval(id),
};

export class StudyTracker {
  /** Seconds counted and not yet reported (fractional while counting). */
  private pending = 0;
  private sitting: number | null = null;
  private lastTick: number;
  private lastActivity: number;
  private lastReport: number;
  private timer: number | null = null;
  private reporting: Promise<void> = Promise.resolve();
  private readonly onActivity = () => {
    this.lastActivity = this.clock.now();
  };
  private readonly onVisibility = () => {
    // When this fires the window already reads as hidden, but the time up to now was seen.
    const hidden = document.visibilityState === 'hidden';
    this.tick(hidden);
    if (hidden) void this.flush();
  };
  private readonly onPageHide = () => void this.flush();

  /** Seconds reported and stored during this sitting, for showing the learner. */
  stored = 0;

  constructor(
    private readonly report: Report,
    private readonly clock: Clock = realClock,
    private readonly onStored: (total: number) => void = () => {},
  ) {
    const now = clock.now();
    this.lastTick = now;
    this.lastActivity = now;
    this.lastReport = now;
  }

  start(): void {
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, this.onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('pagehide', this.onPageHide);
    this.timer = this.clock.setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops counting and reports what is left. */
  async stop(): Promise<void> {
    this.tick();
    if (this.timer !== null) this.clock.clearInterval(this.timer);
    this.timer = null;
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, this.onActivity, { capture: true });
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('pagehide', this.onPageHide);
    await this.flush();
  }

  /** Counts the time since the last tick if the learner was present for it. */
  tick(justHidden = false): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.lastTick);
    this.lastTick = now;
    const visible = justHidden || document.visibilityState !== 'hidden';
    const present = now - this.lastActivity < IDLE_AFTER_MS;
    // A long gap (the machine slept, the timer was throttled) is not reading time.
    if (visible && present && elapsed <= TICK_MS * 3) this.pending += elapsed / 1000;
    if (now - this.lastReport >= REPORT_EVERY_MS) void this.flush();
  }

  /** Sends whole seconds counted so far, in steps the store accepts. Reports never overlap. */
  flush(): Promise<void> {
    this.reporting = this.reporting.then(async () => {
      this.lastReport = this.clock.now();
      while (this.pending >= 1) {
        const seconds = Math.min(MAX_REPORT_SECONDS, Math.floor(this.pending));
        this.pending -= seconds;
        try {
          this.sitting = await this.report(seconds, this.sitting, localDate());
          this.stored += seconds;
          this.onStored(this.stored);
        } catch {
          // Keep the time for the next attempt rather than lose it.
          this.pending += seconds;
          return;
        }
      }
    });
    return this.reporting;
  }
}
