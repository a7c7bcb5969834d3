// What the learner chose to share, checked and turned into the selection the commands take.
import type { BundleSelection } from '../../ipc/bundle';
import type { FormError } from '../../components/form-errors';

export type ShareMode = 'everything' | 'period' | 'chosen';

export interface ShareChoice {
  mode: ShareMode;
  /** YYYY-MM-DD or null, used only for a period. */
  from: string | null;
  to: string | null;
  /** Ids of the ticked entries, used only for chosen entries. */
  chosen: number[];
  includeGoals: boolean;
  /** Share which lessons are completed (the learning summary); off unless ticked. */
  includeLearning: boolean;
  learner: string;
}

/** The ids the error summary links to: the first box of each date, the entry search. */
export const FIELD = {
  from: 'share-from-day',
  to: 'share-to-day',
  chosen: 'entry-search',
  learner: 'learner-name',
  confirm: 'confirm-checked',
} as const;

/** The bundle selection for a choice, or the problems to fix first, each naming its field. */
export function selectionFor(choice: ShareChoice): { selection: BundleSelection; errors: [] } | { selection: null; errors: FormError[] } {
  const errors: FormError[] = [];
  if (choice.mode === 'period') {
    if (!choice.from && !choice.to) {
      errors.push({ field: FIELD.from, text: 'Enter the first day or the last day of the period, or both' });
    } else if (choice.from && choice.to && choice.from > choice.to) {
      errors.push({ field: FIELD.to, text: 'The last day of the period must be the same as or after the first day' });
    }
  }
  if (choice.mode === 'chosen' && choice.chosen.length === 0) {
    errors.push({ field: FIELD.chosen, text: 'Tick at least one entry to share' });
  }
  if (errors.length > 0) return { selection: null, errors };
  return {
    selection: {
      from: choice.mode === 'period' ? choice.from : null,
      to: choice.mode === 'period' ? choice.to : null,
      entryIds: choice.mode === 'chosen' ? [...choice.chosen].sort((a, b) => a - b) : null,
      includeGoals: choice.includeGoals,
      includeLearning: choice.includeLearning,
      learner: choice.learner.trim(),
    },
    errors: [],
  };
}

/** Two selections are the same when this is: a check of one holds for the other. */
export function selectionKey(selection: BundleSelection): string {
  return JSON.stringify([selection.from, selection.to, selection.entryIds, selection.includeGoals, selection.includeLearning, selection.learner]);
}

/** At most this many entries are listed to tick at once; a search finds the others. */
export const LIST_LIMIT = 100;
