import { call } from './call';
import type { Revalidation } from './bindings/Revalidation';
import type { RevalidationSettings } from './bindings/RevalidationSettings';

export type { Revalidation, RevalidationSettings };
export type { RevalidationPeriod } from './bindings/RevalidationPeriod';
export type { Counter } from './bindings/Counter';
export type { ClinicalCurrency } from './bindings/ClinicalCurrency';
export type { PracticeHours } from './bindings/PracticeHours';

/** `today` is the learner's local date (lib/clock localDate). */
export const getRevalidation = (today: string) => call<Revalidation>('get_revalidation', { today });

export const setRevalidationSettings = (settings: RevalidationSettings) => call<null>('set_revalidation_settings', { settings });

export const addPracticeHours = (start: string, end: string, hours: number, role: string) =>
  call<null>('add_practice_hours', { start, end, hours, role });

export const deletePracticeHours = (id: number) => call<null>('delete_practice_hours', { id });
