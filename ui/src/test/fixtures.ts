// Typed sample data for UI tests: if the Rust types change, these stop compiling.
import type { LearningPath } from '../ipc/bindings/LearningPath';
import type { LessonView } from '../ipc/bindings/LessonView';

export function samplePath(completed: string[] = []): LearningPath {
  const lesson = (id: string, title: string) => ({ id, title, minutes: 15, completed: completed.includes(id) });
  const finance = [lesson('finance-a', 'How money flows'), lesson('finance-b', 'Reading a budget statement')];
  const governance = [lesson('gov-a', 'From ward to board')];
  const done = (ls: { completed: boolean }[]) => ls.filter((l) => l.completed).length;
  return {
    packs: [
      {
        id: 'core',
        title: 'Core pack',
        version: '1.0.0',
        publisher: 'Ward to Board',
        modules: [
          { id: 'finance', title: 'Budgets and finance', summary: 'Money.', lessons: finance, lessonsCompleted: done(finance), minutes: 30 },
          { id: 'gov', title: 'Accountability and governance', summary: 'Boards.', lessons: governance, lessonsCompleted: done(governance), minutes: 15 },
        ],
      },
    ],
    lessonsTotal: 3,
    lessonsCompleted: done(finance) + done(governance),
  };
}

export function sampleLesson(completedAt: string | null = null): LessonView {
  return {
    packId: 'core',
    id: 'finance-b',
    title: 'Reading a budget statement',
    minutes: 16,
    moduleId: 'finance',
    moduleTitle: 'Budgets and finance',
    numberInModule: 2,
    lessonsInModule: 2,
    outcomes: ['Explain a variance'],
    html: '<p>Body text with <a href="https://www.england.nhs.uk/" rel="noopener noreferrer">a link</a>.</p>',
    reflection: 'What drives your ward’s variances?',
    activity: 'Sit in on a budget meeting.',
    completedAt,
    previous: { packId: 'core', id: 'finance-a', title: 'How money flows' },
    next: { packId: 'core', id: 'gov-a', title: 'From ward to board' },
  };
}
