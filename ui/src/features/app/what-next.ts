import type { LearningPath, LessonSummary } from '../../ipc/learning';
import { nextLesson } from '../../lib/next-lesson';

export interface Suggestion {
  packId: string;
  lesson: LessonSummary;
  moduleTitle: string;
}

export interface Plan {
  /** The lesson to go back to, or to start: the one big button on Home. */
  resume: (Suggestion & { kind: 'continue' | 'start' | 'next' }) | null;
  /** Completed lessons whose self-check is not yet passed, in path order. */
  toMaster: Suggestion[];
}

function find(path: LearningPath, packId: string, lessonId: string): Suggestion | null {
  for (const pack of path.packs) {
    if (pack.id !== packId) continue;
    for (const module of pack.modules) {
      const lesson = module.lessons.find((l) => l.id === lessonId);
      if (lesson) return { packId, lesson, moduleTitle: module.title };
    }
  }
  return null;
}

/**
 * What to do next: go back to the lesson last opened if it is not finished; otherwise the
 * first lesson not yet completed. Completed but unmastered lessons are offered for another go
 * at their questions.
 */
export function whatNext(path: LearningPath): Plan {
  const last = path.lastOpened ? find(path, path.lastOpened.packId, path.lastOpened.id) : null;
  const toMaster = path.packs.flatMap((p) =>
    p.modules.flatMap((m) =>
      m.lessons.filter((l) => l.completed && !l.mastered).map((lesson) => ({ packId: p.id, lesson, moduleTitle: m.title })),
    ),
  );
  if (last && !last.lesson.completed) return { resume: { ...last, kind: 'continue' }, toMaster };
  const next = nextLesson(path);
  if (!next) return { resume: null, toMaster };
  return {
    resume: { packId: next.packId, lesson: next.lesson, moduleTitle: next.moduleTitle, kind: next.first ? 'start' : 'next' },
    toMaster,
  };
}
