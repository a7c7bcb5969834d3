import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Home from './Home.svelte';
import { sampleCpdRecord, samplePath, sampleSummary } from '../../test/fixtures';
import { localDate } from '../../lib/clock';
import { dayName } from '../../lib/format';
import type { LearningPath } from '../../ipc/learning';
import type { StudySummary } from '../../ipc/study';

function homeBackend(path: LearningPath, summary: StudySummary = sampleSummary()) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'get_learning_path') return path;
    if (cmd === 'get_study_summary') return summary;
    if (cmd === 'report_ready') return null;
  });
  return calls;
}

/** What the learner reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const figure = (term: string) => within(screen.getByTestId('study-time')).getByText(term).nextElementSibling?.textContent;

describe('home', () => {
  it('welcomes a first-time learner and starts them on the first lesson', async () => {
    const calls = homeBackend(samplePath());
    render(Home);
    const start = await screen.findByTestId('continue');
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Ward to Board' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What to do next' })).toBeTruthy();
    expect(start.textContent?.trim()).toBe('Start with: How money flows');
    expect(start.getAttribute('href')).toBe('#/lesson/core/finance-a');
    expect(calls.find(([c]) => c === 'get_study_summary')?.[1]).toEqual({ today: localDate() });
  });

  it('tells the app it is ready once, after the page has loaded', async () => {
    const calls = homeBackend(samplePath());
    render(Home);
    await screen.findByTestId('continue');
    await waitFor(() => expect(calls.filter(([c]) => c === 'report_ready')).toHaveLength(1));
    const order = calls.map(([c]) => c);
    expect(order.indexOf('report_ready')).toBeGreaterThan(order.indexOf('get_learning_path'));
    expect(order.indexOf('report_ready')).toBeGreaterThan(order.indexOf('get_study_summary'));
  });

  it('offers to continue the lesson last opened when it is not finished', async () => {
    homeBackend(samplePath(['finance-a'], 'gov-a'));
    render(Home);
    const resume = await screen.findByTestId('continue');
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome back' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Continue where you left off' })).toBeTruthy();
    expect(resume.textContent?.trim()).toBe('Continue: From ward to board');
    expect(resume.getAttribute('href')).toBe('#/lesson/core/gov-a');
    expect(words(screen.getByTestId('home-next'))).toContain('Accountability and governance · about 15 minutes');
  });

  it('moves on to the next unfinished lesson when the last one opened is complete', async () => {
    homeBackend(samplePath(['finance-a'], 'finance-a'));
    render(Home);
    const next = await screen.findByTestId('continue');
    expect(next.textContent?.trim()).toBe('Next: Reading a budget statement');
    expect(next.getAttribute('href')).toBe('#/lesson/core/finance-b');
  });

  it('lists completed lessons that are not yet mastered', async () => {
    homeBackend(samplePath(['finance-a', 'finance-b'], 'finance-b', ['finance-a']));
    render(Home);
    const list = await screen.findByTestId('to-master');
    expect(screen.getByRole('heading', { name: 'Not yet mastered' })).toBeTruthy();
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Reading a budget statement', '#/lesson/core/finance-b'],
    ]);
    expect(words(screen.getByTestId('home-progress'))).toContain('1 of 3 lessons mastered.');
  });

  it('congratulates a learner who has finished every lesson', async () => {
    const all = ['finance-a', 'finance-b', 'gov-a'];
    homeBackend(samplePath(all, 'gov-a', all));
    render(Home);
    expect(await screen.findByRole('heading', { name: 'You have finished the path' })).toBeTruthy();
    expect(screen.queryByTestId('continue')).toBeNull();
    expect(screen.queryByTestId('to-master')).toBeNull();
  });

  it('shows time studied today, this week and this year in words', async () => {
    homeBackend(samplePath(['finance-a']));
    render(Home);
    await screen.findByTestId('study-time');
    expect(figure('Today')).toBe('25 minutes');
    expect(figure('This week')).toBe('1 hour 35 minutes');
    expect(figure('This year')).toBe('14 hours');
    // Time per module appears beside that module's progress.
    expect(words(screen.getByTestId('home-progress'))).toContain('40 minutes studied');
  });

  it("logs today's study as CPD and shows what was logged", async () => {
    const today = localDate();
    let summary = sampleSummary(today);
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'get_learning_path') return samplePath(['finance-a']);
      if (cmd === 'get_study_summary') return summary;
      if (cmd === 'log_study_as_cpd') {
        summary = { ...summary, unloggedDays: [], cpdRecords: [sampleCpdRecord(today)] };
        return sampleCpdRecord(today);
      }
      return null;
    });
    render(Home);
    const cpd = await screen.findByTestId('cpd');
    expect(words(cpd)).toContain('Today: 25 minutes on Reading a budget statement');
    await fireEvent.click(within(cpd).getByRole('button', { name: "Log today's study as CPD" }));

    const status = await within(cpd).findByRole('status');
    expect(words(status)).toContain(
      `Logged 25 minutes of study on ${dayName(today)} as CPD. It is now an entry in your portfolio.`,
    );
    expect(within(status).getByRole('link', { name: 'See your portfolio' }).getAttribute('href'), 'the entry is one click away').toBe('#/portfolio');
    const made = calls.map(([c]) => c).filter((c) => c !== 'report_ready');
    expect(made.slice(-2)).toEqual(['log_study_as_cpd', 'get_study_summary']);
    expect(calls.find(([c]) => c === 'log_study_as_cpd')?.[1]).toEqual({ localDate: today });
    // The refreshed summary has nothing left to log, and the new record is listed.
    expect(within(cpd).queryByTestId('log-cpd')).toBeNull();
    expect(words(cpd)).toContain('Nothing waiting to be logged.');
    expect(words(within(cpd).getByTestId('cpd-records'))).toContain('Self-directed study: Reading a budget statement (25 minutes)');
  });

  it('names an earlier day waiting to be logged, and will not log less than a minute', async () => {
    const summary = sampleSummary('2025-03-03');
    summary.unloggedDays.push({ date: '2025-02-28', seconds: 40, lessons: [] });
    homeBackend(samplePath(['finance-a']), summary);
    render(Home);
    const buttons = await screen.findAllByTestId('log-cpd');
    expect(words(screen.getByTestId('cpd'))).toContain('Monday 3 March: 25 minutes on Reading a budget statement');
    expect(words(screen.getByTestId('cpd'))).toContain('Friday 28 February: under a minute');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Log this study as CPD', 'Log this study as CPD']);
    expect((buttons[0] as HTMLButtonElement).disabled).toBe(false);
    expect((buttons[1] as HTMLButtonElement).disabled).toBe(true);
  });

  it('explains when the study could not be logged and keeps the offer', async () => {
    const today = localDate();
    mockIPC((cmd) => {
      if (cmd === 'get_learning_path') return samplePath(['finance-a']);
      if (cmd === 'get_study_summary') return sampleSummary(today);
      if (cmd === 'log_study_as_cpd') throw { kind: 'io', message: 'the disk is full' };
      return null;
    });
    render(Home);
    await fireEvent.click(await screen.findByTestId('log-cpd'));
    expect((await screen.findByRole('alert')).textContent).toContain('the disk is full');
    expect(screen.queryByRole('status')).toBeNull();
    expect((screen.getByTestId('log-cpd') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says plainly when progress cannot be loaded', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_learning_path') throw { kind: 'internal', message: 'the database failed: disk I/O error' };
      return sampleSummary();
    });
    render(Home);
    expect(await screen.findByText('Your progress could not be loaded')).toBeTruthy();
    expect(screen.getByText('the database failed: disk I/O error')).toBeTruthy();
  });
});
