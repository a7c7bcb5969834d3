import { call } from './call';
import type { QuizState } from './bindings/QuizState';
import type { NoteView } from './bindings/NoteView';
import type { StudySummary } from './bindings/StudySummary';
import type { CpdRecordView } from './bindings/CpdRecordView';
import type { Settings } from './bindings/Settings';
import type { TextSize } from './bindings/TextSize';

export type { QuizState, NoteView, StudySummary, CpdRecordView, Settings, TextSize };
export type { QuestionView } from './bindings/QuestionView';
export type { AnswerFeedback } from './bindings/AnswerFeedback';
export type { StudyDay } from './bindings/StudyDay';

export const answerQuestion = (packId: string, lessonId: string, questionId: string, selected: number[]) =>
  call<QuizState>('answer_question', { packId, lessonId, questionId, selected });

export const restartQuiz = (packId: string, lessonId: string) =>
  call<QuizState>('restart_quiz', { packId, lessonId });

export const saveNote = (packId: string, lessonId: string, body: string) =>
  call<NoteView | null>('save_note', { packId, lessonId, body });

export const saveReadingPosition = (packId: string, lessonId: string, permille: number) =>
  call<null>('save_reading_position', { packId, lessonId, permille });

/** Adds active reading time to a sitting; returns the sitting id to pass next time. */
export const recordStudy = (packId: string, lessonId: string, sitting: number | null, seconds: number, localDate: string) =>
  call<number>('record_study', { packId, lessonId, sitting, seconds, localDate });

export const getStudySummary = (today: string) => call<StudySummary>('get_study_summary', { today });

export const logStudyAsCpd = (localDate: string) => call<CpdRecordView>('log_study_as_cpd', { localDate });

export const getSettings = () => call<Settings>('get_settings');

export const setTextSize = (textSize: TextSize) => call<Settings>('set_text_size', { textSize });
