import { call } from './call';
import type { Coverage } from './bindings/Coverage';
import type { GoalDraft } from './bindings/GoalDraft';
import type { GoalView } from './bindings/GoalView';
import type { Revalidation } from './bindings/Revalidation';
import type { RevalidationSettings } from './bindings/RevalidationSettings';

export type { Coverage, GoalDraft, GoalView, Revalidation, RevalidationSettings };
export type { DomainCoverage } from './bindings/DomainCoverage';
export type { BehaviourCoverage } from './bindings/BehaviourCoverage';
export type { GoalStatus } from './bindings/GoalStatus';
export type { RevalidationPeriod } from './bindings/RevalidationPeriod';
export type { Counter } from './bindings/Counter';
export type { ClinicalCurrency } from './bindings/ClinicalCurrency';
export type { PracticeHours } from './bindings/PracticeHours';

/** `today` is the learner's local date (lib/dates localDate). */
export const getCoverage = (frameworkId: string | null, today: string) => call<Coverage>('get_coverage', { frameworkId, today });

export const listGoals = (today: string) => call<GoalView[]>('list_goals', { today });

export const saveGoal = (id: number | null, draft: GoalDraft, today: string) => call<GoalView>('save_goal', { id, draft, today });

export const deleteGoal = (id: number) => call<null>('delete_goal', { id });

export const addGoalReview = (goalId: number, date: string, note: string, today: string) =>
  call<GoalView>('add_goal_review', { goalId, date, note, today });

export const getRevalidation = (today: string) => call<Revalidation>('get_revalidation', { today });

export const setRevalidationSettings = (settings: RevalidationSettings) => call<null>('set_revalidation_settings', { settings });

export const addPracticeHours = (start: string, end: string, hours: number, role: string) =>
  call<null>('add_practice_hours', { start, end, hours, role });

export const deletePracticeHours = (id: number) => call<null>('delete_practice_hours', { id });
