import { call } from './call';
import type { LearningPath } from './bindings/LearningPath';
import type { LessonProgress } from './bindings/LessonProgress';
import type { LessonView } from './bindings/LessonView';
import type { SearchHit } from './bindings/SearchHit';

export type { LearningPath, LessonProgress, LessonView, SearchHit };
export type { ModulePath } from './bindings/ModulePath';
export type { LessonSummary } from './bindings/LessonSummary';
export type { LessonLink } from './bindings/LessonLink';

export const getLearningPath = () => call<LearningPath>('get_learning_path');

export const openLesson = (packId: string, lessonId: string) =>
  call<LessonView>('open_lesson', { packId, lessonId });

export const setLessonComplete = (packId: string, lessonId: string, complete: boolean) =>
  call<LessonProgress>('set_lesson_complete', { packId, lessonId, complete });

export const searchLessons = (query: string) => call<SearchHit[]>('search_lessons', { query });
