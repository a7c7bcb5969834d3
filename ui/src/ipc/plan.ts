import { call } from './call';
import type { GoalDraft } from './bindings/GoalDraft';
import type { GoalView } from './bindings/GoalView';

export type { GoalDraft, GoalView };
export type { GoalStatus } from './bindings/GoalStatus';

/** `today` is the learner's local date (lib/clock localDate). */
export const listGoals = (today: string) => call<GoalView[]>('list_goals', { today });

export const saveGoal = (id: number | null, draft: GoalDraft, today: string) => call<GoalView>('save_goal', { id, draft, today });

export const deleteGoal = (id: number) => call<null>('delete_goal', { id });

export const addGoalReview = (goalId: number, date: string, note: string, today: string) =>
  call<GoalView>('add_goal_review', { goalId, date, note, today });
