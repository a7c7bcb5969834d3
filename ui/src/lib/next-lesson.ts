// Where the learner goes next on the learning path: the home page and the path both offer it.
import type { LearningPath, LessonSummary } from '../ipc/learning';

export interface NextLesson {
  packId: string;
  lesson: LessonSummary;
  moduleTitle: string;
  /** True when nothing has been completed yet. */
  first: boolean;
}

/** The first lesson not yet completed, in learning order; null when all are done. */
export function nextLesson(path: LearningPath): NextLesson | null {
  for (const pack of path.packs) {
    for (const module of pack.modules) {
      const lesson = module.lessons.find((l) => !l.completed);
      if (lesson) {
        return { packId: pack.id, lesson, moduleTitle: module.title, first: path.lessonsCompleted === 0 };
      }
    }
  }
  return null;
}
