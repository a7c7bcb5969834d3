// The plan's words and checks: goal statuses, the behaviour picker's groups, and what a goal
// must have before it is sent to be saved.
import type { GoalDraft, GoalStatus } from '../../ipc/plan';
import type { EditorOptions } from '../../ipc/portfolio';
import type { BehaviourRef } from '../../ipc/bindings/BehaviourRef';
import type { FieldIds, FormError } from '../../components/form-errors';

export const STATUSES: { value: GoalStatus; label: string; tag: string }[] = [
  { value: 'not_started', label: 'Not started', tag: 'nhsuk-tag--grey' },
  { value: 'in_progress', label: 'In progress', tag: 'nhsuk-tag--blue' },
  { value: 'achieved', label: 'Achieved', tag: 'nhsuk-tag--green' },
  { value: 'dropped', label: 'Dropped', tag: 'nhsuk-tag--white' },
];

export function statusOf(value: GoalStatus): { label: string; tag: string } {
  return STATUSES.find((s) => s.value === value) ?? { label: value, tag: 'nhsuk-tag--grey' };
}

export function emptyDraft(): GoalDraft {
  return { title: '', measure: '', achievable: '', relevant: '', dueDate: '', status: 'not_started', behaviours: [] };
}

/** A copy the form can change without touching the goal on show. */
export function copyDraft(draft: GoalDraft): GoalDraft {
  return { ...draft, behaviours: draft.behaviours.map((b) => ({ ...b })) };
}

/** The picker's value for a behaviour: framework and behaviour ids never hold a space. */
export const refKey = (ref: BehaviourRef) => `${ref.frameworkId} ${ref.behaviourId}`;

export function refFromKey(key: string): BehaviourRef | null {
  const [frameworkId, behaviourId, ...rest] = key.split(' ');
  return frameworkId && behaviourId && rest.length === 0 ? { frameworkId, behaviourId } : null;
}

export interface BehaviourGroup {
  label: string;
  items: { key: string; statement: string }[];
}

/** One group per framework domain, named "Framework: Domain", as the picker lists them. */
export function behaviourGroups(options: EditorOptions): BehaviourGroup[] {
  return options.frameworks.flatMap((f) =>
    f.domains.map((d) => ({
      label: `${f.title}: ${d.title}`,
      items: d.items.map((i) => ({ key: refKey({ frameworkId: f.id, behaviourId: i.id }), statement: i.statement })),
    })),
  );
}

/** What a linked behaviour says, from the frameworks on offer; `fallback` when unknown. */
export function statementFor(options: EditorOptions | null, ref: BehaviourRef, fallback: string): string {
  const framework = options?.frameworks.find((f) => f.id === ref.frameworkId);
  for (const domain of framework?.domains ?? []) {
    const item = domain.items.find((i) => i.id === ref.behaviourId);
    if (item) return item.statement;
  }
  return fallback;
}

/** The goal form's element ids by the core's field names for a goal (see `GoalDraft`). */
export const GOAL_FIELDS: FieldIds = { title: 'goal-title', dueDate: 'goal-due-day', behaviours: 'goal-behaviour-choice' };

/** What must be filled in before saving; the core checks the rest and says so. */
export function checkDraft(draft: GoalDraft): FormError[] {
  const errors: FormError[] = [];
  if (!draft.title.trim()) errors.push({ field: 'goal-title', text: 'Enter your goal: say specifically what you want to achieve' });
  if (!draft.dueDate) errors.push({ field: 'goal-due-day', text: 'Enter the date you mean to achieve your goal by' });
  return errors;
}
