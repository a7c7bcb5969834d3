import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDLE_AFTER_MS, MAX_REPORT_SECONDS, StudyTracker, TICK_MS, type Clock } from './study-tracker';
import { localDate } from '../../lib/clock';

/** A clock the test moves by hand; the tracker's interval runs only when the test says so. */
class FakeClock implements Clock {
  time = 1_000_000;
  private intervals = new Map<number, () => void>();
  private nextId = 1;
  now() {
    return this.time;
  }
  setInterval(fn: () => void) {
    const id = this.nextId++;
    this.intervals.set(id, fn);
    return id;
  }
  clearInterval(id: number) {
    this.intervals.delete(id);
  }
  get running() {
    return this.intervals.size;
  }
  /** Moves time on one tick at a time, running the tracker's interval after each. */
  advance(ms: number, step = TICK_MS) {
    for (let left = ms; left > 0; left -= step) {
      this.time += Math.min(step, left);
      for (const fn of this.intervals.values()) fn();
    }
  }
  /** Moves time on in one jump, as when the computer sleeps, then runs the interval once. */
  jump(ms: number) {
    this.time += ms;
    for (const fn of this.intervals.values()) fn();
  }
}

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Does something the tracker counts as the learner being there. */
const act = () => window.dispatchEvent(new Event('keydown'));

/** Lets every report under way settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(reply: (seconds: number, sitting: number | null) => Promise<number> = async () => 7) {
  const clock = new FakeClock();
  const reports: { seconds: number; sitting: number | null; date: string }[] = [];
  const storedTotals: number[] = [];
  const tracker = new StudyTracker(
    (seconds, sitting, date) => {
      reports.push({ seconds, sitting, date });
      return reply(seconds, sitting);
    },
    clock,
    (total) => storedTotals.push(total),
  );
  tracker.start();
  return { clock, tracker, reports, storedTotals, seconds: () => reports.map((r) => r.seconds) };
}

describe('study tracker', () => {
  let trackers: StudyTracker[] = [];
  const track = (t: ReturnType<typeof setUp>) => (trackers.push(t.tracker), t);

  beforeEach(() => {
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  afterEach(async () => {
    for (const t of trackers) await t.stop();
    trackers = [];
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  it('counts time while the lesson is on screen and reports it in whole seconds', async () => {
    const { clock, tracker, reports, storedTotals } = track(setUp());
    clock.advance(20_500);
    await tracker.flush();
    expect(reports).toEqual([{ seconds: 20, sitting: null, date: localDate() }]);
    expect(storedTotals).toEqual([20]);
    expect(tracker.stored).toBe(20);

    // The half second left over is kept, and counts once it makes a whole one.
    await tracker.flush();
    expect(reports).toHaveLength(1);
    clock.advance(500);
    await tracker.flush();
    expect(reports.map((r) => r.seconds)).toEqual([20, 1]);
  });

  it('reports on its own every half minute or so while counting', async () => {
    const { clock, seconds } = track(setUp());
    clock.advance(25_000);
    await settle();
    expect(seconds()).toEqual([]);
    act();
    clock.advance(5_000);
    await settle();
    expect(seconds()).toEqual([30]);
  });

  it('does not count time while the window is hidden, and reports when it is hidden', async () => {
    const { clock, tracker, seconds } = track(setUp());
    clock.advance(10_000);
    setVisibility('hidden');
    await settle();
    expect(seconds()).toEqual([10]);
    clock.advance(60_000);
    setVisibility('visible');
    act();
    clock.advance(5_000);
    await tracker.flush();
    expect(seconds()).toEqual([10, 5]);
  });

  it('stops counting after a spell with no activity, and starts again on the next', async () => {
    const { clock, tracker, seconds } = track(setUp());
    // Reading without touching anything: counted up to the idle limit, not after.
    clock.advance(IDLE_AFTER_MS + 60_000);
    await tracker.flush();
    const counted = seconds().reduce((a, b) => a + b, 0);
    expect(counted).toBe(IDLE_AFTER_MS / 1000 - TICK_MS / 1000);
    act();
    clock.advance(10_000);
    await tracker.flush();
    expect(seconds().reduce((a, b) => a + b, 0)).toBe(counted + 10);
  });

  it('ignores a long gap between ticks, as when the computer slept', async () => {
    const { clock, tracker, seconds } = track(setUp());
    clock.advance(10_000);
    clock.jump(60_000);
    act();
    clock.advance(5_000);
    await tracker.flush();
    expect(seconds().reduce((a, b) => a + b, 0)).toBe(15);
  });

  it('passes the sitting the first report returned to every later report', async () => {
    const { clock, tracker, reports } = track(setUp(async (_s, sitting) => sitting ?? 42));
    clock.advance(10_000);
    await tracker.flush();
    act();
    clock.advance(10_000);
    await tracker.flush();
    expect(reports.map((r) => r.sitting)).toEqual([null, 42]);
  });

  it('keeps the time of a failed report, sends it next time, and never sends more than the store allows at once', async () => {
    let down = true;
    const { clock, tracker, reports, storedTotals } = track(
      setUp(async () => {
        if (down) throw new Error('the database is locked');
        return 5;
      }),
    );
    // Five minutes of reading while every report fails.
    for (let i = 0; i < 5; i++) {
      act();
      clock.advance(60_000);
      await settle();
    }
    expect(reports.length).toBeGreaterThan(0);
    expect(storedTotals).toEqual([]);
    expect(tracker.stored).toBe(0);

    down = false;
    const failedSoFar = reports.length;
    await tracker.flush();
    const sent = reports.slice(failedSoFar).map((r) => r.seconds);
    expect(sent).toEqual([MAX_REPORT_SECONDS, MAX_REPORT_SECONDS, 300 - 2 * MAX_REPORT_SECONDS]);
    expect(tracker.stored).toBe(300);
    expect(storedTotals.at(-1)).toBe(300);
  });

  it('reports what is left and stops counting when stopped', async () => {
    const { clock, tracker, seconds } = setUp();
    clock.advance(12_000);
    await tracker.stop();
    expect(seconds()).toEqual([12]);
    expect(clock.running).toBe(0);
    act();
    clock.time += 10_000;
    await tracker.flush();
    expect(seconds()).toEqual([12]);
  });
});
