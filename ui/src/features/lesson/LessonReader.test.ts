import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import LessonReader from './LessonReader.svelte';
import { sampleLesson } from '../../test/fixtures';


describe('lesson reader', () => {
  it('marks a lesson complete through the real command names and shows when', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'open_lesson') return sampleLesson();
      if (cmd === 'set_lesson_complete') return { packId: 'core', lessonId: 'finance-b', completedAt: '2026-11-23T21:00:00.000Z' };
    });
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Reading a budget statement' })).toBeTruthy();
    await fireEvent.click(screen.getByTestId('mark-complete'));
    expect((await screen.findByTestId('completed-panel')).textContent).toContain('23 November 2026');
    expect(calls.map(([c]) => c)).toEqual(['open_lesson', 'set_lesson_complete']);
    expect(calls[1]![1]).toEqual({ packId: 'core', lessonId: 'finance-b', complete: true });
    expect(screen.getByRole('link', { name: /Next lesson: From ward to board/ }).getAttribute('href')).toBe('#/lesson/core/gov-a');
  });

  it('offers previous and next lessons', async () => {
    mockIPC((cmd) => (cmd === 'open_lesson' ? sampleLesson() : undefined));
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
    mockIPC((cmd, args) => {
      if (cmd === 'open_lesson') return sampleLesson();
      if (cmd === 'open_external_link') opened.push(args);
    });
    render(LessonReader, { packId: 'core', lessonId: 'finance-b' });
    const link = await screen.findByRole('link', { name: 'a link' });
    const notCancelled = await fireEvent.click(link);
    expect(notCancelled).toBe(false);
    expect(opened).toEqual([{ url: 'https://www.england.nhs.uk/' }]);
  });

  it('lets links to other lessons navigate inside the app', async () => {
    const opened: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'open_lesson') return { ...sampleLesson(), html: '<p><a href="#/lesson/core/gov-a">see governance</a></p>' };
      if (cmd === 'open_external_link') opened.push(args);
    });
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
});
