import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import LearningPath from './LearningPath.svelte';
import { samplePath } from '../../test/fixtures';


describe('learning path', () => {
  it('shows every module with its progress and offers the first lesson on first run', async () => {
    mockIPC((cmd) => (cmd === 'get_learning_path' ? samplePath() : undefined));
    render(LearningPath);
    expect(await screen.findByRole('heading', { name: 'Budgets and finance' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Accountability and governance' })).toBeTruthy();
    const start = screen.getByTestId('continue');
    expect(start.textContent).toContain('Start with: How money flows');
    expect(start.getAttribute('href')).toBe('#/lesson/core/finance-a');
    const overall = screen.getByLabelText('Lessons completed overall') as HTMLProgressElement;
    expect([overall.value, overall.max]).toEqual([0, 3]);
  });

  it('continues with the first unfinished lesson and tags finished ones', async () => {
    mockIPC((cmd) => (cmd === 'get_learning_path' ? samplePath(['finance-a']) : undefined));
    render(LearningPath);
    const next = await screen.findByTestId('continue');
    expect(next.textContent).toContain('Continue with: Reading a budget statement');
    expect(screen.getAllByTestId('completed-tag')).toHaveLength(1);
    expect(screen.getByText('1 of 3 complete')).toBeTruthy();
  });

  it('tags mastered lessons apart from ones only completed', async () => {
    mockIPC((cmd) => (cmd === 'get_learning_path' ? samplePath(['finance-a', 'finance-b'], null, ['finance-b']) : undefined));
    render(LearningPath);
    await screen.findByTestId('continue');
    const tags = screen.getAllByTestId('completed-tag').map((t) => t.textContent);
    expect(tags).toEqual(['Completed', 'Mastered']);
  });

  it('marks the lessons past their review date, judged by the clock\'s today', async () => {
    mockIPC((cmd) => (cmd === 'get_learning_path' ? samplePath([], null, [], ['finance-b']) : undefined));
    render(LearningPath);
    await screen.findByTestId('continue');
    const tags = screen.getAllByTestId('review-tag');
    expect(tags.map((t) => t.textContent), 'only the lesson due on 30 November, before 4 December').toEqual(['Due for review']);
    expect(tags[0]!.closest('li')?.textContent).toContain('Reading a budget statement');
    expect(tags[0]!.getAttribute('title')).toBe('Due for review since 30 November 2026');
  });

  it('says plainly when the path cannot be loaded', async () => {
    mockIPC(() => {
      throw { kind: 'internal', message: 'the database failed: disk I/O error' };
    });
    render(LearningPath);
    expect(await screen.findByText('Your learning path could not be loaded')).toBeTruthy();
    expect(screen.getByText('the database failed: disk I/O error')).toBeTruthy();
  });
});
