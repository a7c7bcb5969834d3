// Typed sample data for UI tests: if the Rust types change, these stop compiling.
import type { LearningPath } from '../ipc/bindings/LearningPath';
import type { LessonView } from '../ipc/bindings/LessonView';
import type { QuizState } from '../ipc/bindings/QuizState';
import type { StudySummary } from '../ipc/bindings/StudySummary';
import type { AnswerFeedback } from '../ipc/bindings/AnswerFeedback';
import type { Section } from '../ipc/bindings/Section';
import type { CpdRecordView } from '../ipc/bindings/CpdRecordView';
import type { InvokeArgs } from '@tauri-apps/api/core';

/**
 * Three lessons in two modules: finance-a, finance-b (Budgets and finance), gov-a (Accountability
 * and governance). `mastered` lessons must also be in `completed`. `pastReview` lessons were due
 * for review before the test clock's today (TEST_TODAY); the rest are due a year on.
 */
export function samplePath(completed: string[] = [], lastOpened: string | null = null, mastered: string[] = [], pastReview: string[] = []): LearningPath {
  const lesson = (id: string, title: string) => ({
    id,
    title,
    minutes: 15,
    reviewBy: pastReview.includes(id) ? '2026-11-30' : '2027-12-04',
    completed: completed.includes(id),
    mastered: completed.includes(id) && mastered.includes(id),
    opened: completed.includes(id) || lastOpened === id,
  });
  const finance = [lesson('finance-a', 'How money flows'), lesson('finance-b', 'Reading a budget statement')];
  const governance = [lesson('gov-a', 'From ward to board')];
  const done = (ls: { completed: boolean }[]) => ls.filter((l) => l.completed).length;
  const masteredIn = (ls: { mastered: boolean }[]) => ls.filter((l) => l.mastered).length;
  const all = [...finance, ...governance];
  const last = all.find((l) => l.id === lastOpened);
  return {
    packs: [
      {
        id: 'core',
        title: 'Core pack',
        version: '1.0.0',
        publisher: 'Ward to Board',
        modules: [
          { id: 'finance', title: 'Budgets and finance', summary: 'Money.', lessons: finance, lessonsCompleted: done(finance), lessonsMastered: masteredIn(finance), minutes: 30 },
          { id: 'gov', title: 'Accountability and governance', summary: 'Boards.', lessons: governance, lessonsCompleted: done(governance), lessonsMastered: masteredIn(governance), minutes: 15 },
        ],
      },
    ],
    lessonsTotal: 3,
    lessonsCompleted: done(all),
    lessonsMastered: masteredIn(all),
    lastOpened: last ? { packId: 'core', id: last.id, title: last.title } : null,
  };
}

export function sampleQuiz(): QuizState {
  return {
    questions: [
      { id: 'q1', multiple: false, prompt: 'Spending more than budget is', options: ['adverse', 'favourable'] },
      { id: 'q2', multiple: true, prompt: 'Which are pay lines?', options: ['Band 5 nurses', 'Dressings', 'Agency staff'] },
    ],
    current: null,
    roundsFinished: 0,
    bestScore: null,
    passMark: 80,
    passed: false,
    mastered: false,
  };
}

/** Which options of sampleQuiz() are right, and why each option is right or wrong. */
export const sampleAnswerKey: Record<string, { right: number[]; why: string[] }> = {
  q1: {
    right: [0],
    why: ['Spending more than planned is an adverse variance.', 'Favourable means spending less than planned.'],
  },
  q2: {
    right: [0, 2],
    why: ['Substantive staff are paid from the pay budget.', 'Dressings are non-pay: goods and services.', 'Agency staff are a pay cost.'],
  },
};

/** The feedback the back end gives for an answer to one of sampleQuiz()'s questions. */
export function feedbackFor(questionId: string, selected: number[]): AnswerFeedback {
  const question = sampleQuiz().questions.find((q) => q.id === questionId);
  const key = sampleAnswerKey[questionId];
  if (!question || !key) throw new Error(`no sample question ${questionId}`);
  const options = question.options.map((text, i) => ({
    text,
    correct: key.right.includes(i),
    selected: selected.includes(i),
    explanation: key.why[i] ?? '',
  }));
  return { questionId, correct: options.every((o) => o.correct === o.selected), options };
}

/**
 * sampleQuiz() with the current round holding these answers, in the order given. The round is
 * finished once every question has an answer; `earlier` describes rounds finished before it.
 */
export function quizWithAnswers(
  answers: [questionId: string, selected: number[]][],
  earlier: { roundsFinished: number; bestScore: number | null } = { roundsFinished: 0, bestScore: null },
): QuizState {
  const quiz = sampleQuiz();
  const feedback = answers.map(([id, selected]) => feedbackFor(id, selected));
  const score = feedback.filter((f) => f.correct).length;
  const finished = feedback.length === quiz.questions.length;
  const roundsFinished = earlier.roundsFinished + (finished ? 1 : 0);
  const bestScore = finished ? Math.max(score, earlier.bestScore ?? 0) : earlier.bestScore;
  return {
    ...quiz,
    current:
      answers.length === 0
        ? null
        : {
            number: earlier.roundsFinished + 1,
            startedAt: '2026-11-23T20:00:00.000Z',
            finishedAt: finished ? '2026-11-23T20:05:00.000Z' : null,
            score,
            questions: quiz.questions.length,
            passed: finished && score * 100 >= quiz.passMark * quiz.questions.length,
            answers: feedback,
          },
    roundsFinished,
    bestScore,
    passed: bestScore !== null && bestScore * 100 >= quiz.passMark * quiz.questions.length,
  };
}

/** `count` lesson sections, as the back end lists a lesson's `##` headings. */
export function sampleSections(count: number): Section[] {
  return Array.from({ length: count }, (_, i) => ({ id: `section-${i + 1}`, title: `Part ${i + 1}` }));
}

/** Replies to the commands every lesson screen makes in the background (settings, study time, position). */
export const backgroundReplies: Record<string, unknown> = {
  get_settings: { textSize: 'standard' },
  record_study: 1,
  save_reading_position: null,
  report_ready: null,
};

/**
 * Wraps a test's IPC handler so that background commands it does not answer itself get a
 * sensible reply instead of `undefined`.
 */
export function withBackground(handler: (cmd: string, args?: InvokeArgs) => unknown) {
  return (cmd: string, args?: InvokeArgs): unknown => {
    const reply = handler(cmd, args);
    return reply === undefined && cmd in backgroundReplies ? backgroundReplies[cmd] : reply;
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
    checked: '2026-11-02',
    reviewBy: '2027-04-01',
    html: '<p>Body text with <a href="https://www.england.nhs.uk/" rel="noopener noreferrer">a link</a>.</p>',
    sections: [],
    reflection: 'What drives your ward’s variances?',
    activity: 'Sit in on a budget meeting.',
    completedAt,
    previous: { packId: 'core', id: 'finance-a', title: 'How money flows' },
    next: { packId: 'core', id: 'gov-a', title: 'From ward to board' },
    quiz: sampleQuiz(),
    note: null,
    scrollPermille: 0,
    studiedSeconds: 0,
  };
}

/** Study time: 25 minutes today, 1 hour 35 minutes this week, 14 hours this year; `day` is waiting to be logged. */
export function sampleSummary(day = '2026-11-23'): StudySummary {
  return {
    todaySeconds: 25 * 60,
    weekSeconds: 95 * 60,
    yearSeconds: 14 * 3600,
    modules: [{ packId: 'core', moduleId: 'finance', seconds: 40 * 60 }],
    unloggedDays: [
      {
        date: day,
        seconds: 25 * 60,
        lessons: [{ packId: 'core', lessonId: 'finance-b', title: 'Reading a budget statement', seconds: 25 * 60 }],
      },
    ],
    cpdRecords: [],
  };
}

/** The CPD record logging sampleSummary()'s day makes. */
export function sampleCpdRecord(day = '2026-11-23'): CpdRecordView {
  return {
    id: 1,
    title: 'Self-directed study: Reading a budget statement',
    activityDate: day,
    minutes: 25,
    participatory: false,
    category: 'management',
    lessons: [{ packId: 'core', lessonId: 'finance-b', title: 'Reading a budget statement', seconds: 25 * 60 }],
    createdAt: '2026-11-23T21:30:00.000Z',
  };
}
