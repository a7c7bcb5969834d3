import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import LessonReader from './LessonReader.svelte';
import { backgroundReplies, quizWithAnswers, sampleLesson, sampleSections, withBackground } from '../../test/fixtures';

const lessonCommands = (calls: [string, unknown][]) => calls.filter(([c]) => !(c in backgroundReplies));


describe('lesson reader', () => {
  it('marks a lesson complete through the real command names and shows when', async () => {
    const calls: [string, unknown][] = [];
    mockIPC(
      withBackground((cmd, args) => {
        calls.push([cmd, args]);
        if (cmd === 'open_lesson') return sampleLesson();
        if (cmd === 'set_lesson_complete') return { packId: 'core', lessonId: 'finance-b', completedAt: '2026-11-23T21:00:00.000Z' };
      }),
    );
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Reading a budget statement' })).toBeTruthy();
    await fireEvent.click(screen.getByTestId('mark-complete'));
    expect((await screen.findByTestId('completed-panel')).textContent).toContain('23 November 2026');
    const made = lessonCommands(calls);
    expect(made.map(([c]) => c)).toEqual(['open_lesson', 'set_lesson_complete']);
    expect(made[1]![1]).toEqual({ packId: 'core', lessonId: 'finance-b', complete: true });
    expect(screen.getByRole('heading', { name: 'Lesson complete' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Next lesson: From ward to board/ }).getAttribute('href')).toBe('#/lesson/core/gov-a');
  });

  it('says when the facts were checked, and gives a calm notice once the lesson is past review', async () => {
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? sampleLesson() : undefined)));
    const { unmount } = render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect((await screen.findByTestId('facts-checked')).textContent?.trim()).toBe('Facts checked 2 November 2026');
    expect(screen.queryByTestId('review-overdue'), 'due 1 April 2027: not yet').toBeNull();
    unmount();

    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? { ...sampleLesson(), reviewBy: '2026-12-03' } : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    const notice = await screen.findByTestId('review-overdue');
    expect(notice.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Information: This lesson was due for review on 3 December 2026, so some figures or rules in it may have changed. Check with the team at work who own them (finance, HR or governance) or the sources under Further reading.',
    );
  });

  it('shows no dates for a lesson from a pack that gives none', async () => {
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? { ...sampleLesson(), checked: null, reviewBy: null } : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    await screen.findByRole('heading', { level: 1, name: 'Reading a budget statement' });
    expect(screen.queryByTestId('facts-checked')).toBeNull();
    expect(screen.queryByTestId('review-overdue')).toBeNull();
  });

  it('offers previous and next lessons', async () => {
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? sampleLesson() : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect((await screen.findByTestId('previous-lesson')).getAttribute('href')).toBe('#/lesson/core/finance-a');
    expect(screen.getByTestId('next-lesson').getAttribute('href')).toBe('#/lesson/core/gov-a');
  });

  it('keeps the lesson on screen and explains when saving fails', async () => {
    mockIPC((cmd) => {
      if (cmd === 'open_lesson') return sampleLesson();
      throw { kind: 'io', message: 'the disk is full' };
    });
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    await fireEvent.click(await screen.findByTestId('mark-complete'));
    expect(await screen.findByText('Your progress was not saved')).toBeTruthy();
    expect(screen.getByText('the disk is full')).toBeTruthy();
    expect(screen.getByTestId('mark-complete')).toBeTruthy();
  });

  it('opens outside links in the browser instead of navigating the window', async () => {
    const opened: unknown[] = [];
    mockIPC(
      withBackground((cmd, args) => {
        if (cmd === 'open_lesson') return sampleLesson();
        if (cmd === 'open_external_link') opened.push(args);
      }),
    );
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    const link = await screen.findByRole('link', { name: 'a link' });
    const notCancelled = await fireEvent.click(link);
    expect(notCancelled).toBe(false);
    expect(opened).toEqual([{ url: 'https://www.england.nhs.uk/' }]);
  });

  it('lets links to other lessons navigate inside the app', async () => {
    const opened: unknown[] = [];
    mockIPC(
      withBackground((cmd, args) => {
        if (cmd === 'open_lesson') return { ...sampleLesson(), html: '<p><a href="#/lesson/core/gov-a">see governance</a></p>' };
        if (cmd === 'open_external_link') opened.push(args);
      }),
    );
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    const link = await screen.findByRole('link', { name: 'see governance' });
    const notCancelled = await fireEvent.click(link);
    expect(notCancelled).toBe(true);
    expect(opened).toEqual([]);
  });

  it('explains a lesson that no longer exists', async () => {
    mockIPC(() => {
      throw { kind: 'not_found', message: 'lesson `x` in pack `core` was not found' };
    });
    render(LessonReader, { packId: 'core', lessonId: 'x' });
    expect(await screen.findByRole('heading', { name: 'This lesson could not be opened' })).toBeTruthy();
  });

  it('lists the sections only when a lesson has four or more, and jumps to one without changing the address', async () => {
    const withSections = (count: number) => ({
      ...sampleLesson(),
      sections: sampleSections(count),
      html: sampleSections(count).map((s) => `<h2 id="${s.id}">${s.title}</h2><p>Text of ${s.title}.</p>`).join(''),
    });
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? withSections(3) : undefined)));
    const short = render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    await screen.findByRole('heading', { level: 1, name: 'Reading a budget statement' });
    expect(screen.queryByTestId('contents')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'On this page' })).toBeNull();
    short.unmount();

    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? withSections(4) : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    const contents = await screen.findByRole('navigation', { name: 'On this page' });
    // The reader first puts focus on the lesson's title, as any new screen does.
    const title = screen.getByRole('heading', { level: 1, name: 'Reading a budget statement' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    const links = Array.from(contents.querySelectorAll('a'));
    expect(links.map((a) => a.textContent)).toEqual(['Part 1', 'Part 2', 'Part 3', 'Part 4']);
    window.location.hash = '#/lesson/core/finance-b';
    const followed = await fireEvent.click(links[2]!);
    expect(followed).toBe(false);
    expect(window.location.hash).toBe('#/lesson/core/finance-b');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Part 3' }));
  });

  it('says a lesson is mastered when it is complete and its questions are passed', async () => {
    const passed = quizWithAnswers([['q1', [0]], ['q2', [0, 2]]]);
    expect(passed.passed).toBe(true);
    mockIPC(
      withBackground((cmd) =>
        cmd === 'open_lesson' ? { ...sampleLesson('2026-11-23T21:00:00.000Z'), quiz: passed } : undefined,
      ),
    );
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect(await screen.findByRole('heading', { name: 'Lesson mastered' })).toBeTruthy();
    expect(screen.getByTestId('lesson-meta').textContent).toContain('Mastered');
    expect(screen.getByTestId('completed-panel').textContent).not.toContain('To master it');
  });

  it('calls a completed lesson complete, not mastered, until its questions are passed', async () => {
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? sampleLesson('2026-11-23T21:00:00.000Z') : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect(await screen.findByRole('heading', { name: 'Lesson complete' })).toBeTruthy();
    expect(screen.getByTestId('lesson-meta').textContent).not.toContain('Mastered');
    expect(screen.getByTestId('completed-panel').textContent).toContain('To master it, reach 80% in one round');
  });

  it('becomes mastered as soon as a passing round is finished on a completed lesson', async () => {
    let answers: [string, number[]][] = [];
    mockIPC(
      withBackground((cmd, args) => {
        if (cmd === 'open_lesson') return sampleLesson('2026-11-23T21:00:00.000Z');
        if (cmd === 'answer_question') {
          const { questionId, selected } = args as { questionId: string; selected: number[] };
          answers = [...answers, [questionId, selected]];
          return quizWithAnswers(answers);
        }
      }),
    );
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    await screen.findByRole('heading', { name: 'Lesson complete' });
    await fireEvent.click(screen.getByLabelText('adverse'));
    await fireEvent.click(screen.getAllByTestId('check-answer')[0]!);
    await screen.findByText('1 of 1 answered correctly so far.');
    await fireEvent.click(screen.getByLabelText('Band 5 nurses'));
    await fireEvent.click(screen.getByLabelText('Agency staff'));
    await fireEvent.click(screen.getByTestId('check-answer'));
    expect(await screen.findByRole('heading', { name: 'Lesson mastered' })).toBeTruthy();
    expect(screen.getByTestId('score').textContent).toContain('You scored 2 out of 2 (100%)');
    expect(screen.getByTestId('lesson-meta').textContent).toContain('Mastered');
  });

  it('shows the reading time already spent on the lesson', async () => {
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? { ...sampleLesson(), studiedSeconds: 12 * 60 } : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect((await screen.findByTestId('lesson-meta')).textContent).toContain('you have spent 12 minutes on it');
  });

  it('offers no self-check on a lesson without questions, and such a lesson is mastered once complete', async () => {
    const noQuestions = { ...sampleLesson('2026-11-23T21:00:00.000Z'), quiz: { ...sampleLesson().quiz, questions: [] } };
    mockIPC(withBackground((cmd) => (cmd === 'open_lesson' ? noQuestions : undefined)));
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect(await screen.findByRole('heading', { name: 'Lesson mastered' })).toBeTruthy();
    expect(screen.queryByTestId('self-check')).toBeNull();
    expect(screen.getByTestId('notes')).toBeTruthy();
  });
});
