// The appraiser's review as the page holds it: kept as a draft while they write, and turned into
// the review file's input when they save. The draft is the page's own JSON, so a name typed into
// the sign-off survives choosing "No sign-off yet" and back.
import { dateProblem, type DateCheck } from '../../components/date-input';
import type { ReviewInput, SignOffOutcome } from '../../ipc/review';
import type { FormError } from '../../components/form-errors';

/** Quiet time after the last change before the draft is kept. */
export const KEEP_AFTER_MS = 800;

export type SignOffForm = { outcome: SignOffOutcome | null; name: string; role: string; date: string };

export type ReviewDraft = {
  reviewer: { name: string; role: string };
  summary: string;
  /** Comments by entry uid; empty ones are not sent. */
  comments: Record<string, string>;
  signOff: SignOffForm;
};

export const outcomes: { value: SignOffOutcome; label: string }[] = [
  { value: 'satisfactory', label: 'Satisfactory' },
  { value: 'satisfactory_with_development', label: 'Satisfactory, with development needs' },
  { value: 'not_yet', label: 'Not yet signed off: more evidence needed' },
];

export function emptyDraft(today: string): ReviewDraft {
  return { reviewer: { name: '', role: '' }, summary: '', comments: {}, signOff: { outcome: null, name: '', role: '', date: today } };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * The draft kept for this bundle, read defensively: anything missing or of the wrong type falls
 * back to the empty form rather than breaking the page. Null when there is nothing usable.
 */
export function parseDraft(json: string | null, today: string): ReviewDraft | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = record(raw);
  const reviewer = record(r.reviewer);
  const signOff = record(r.signOff);
  const comments: Record<string, string> = {};
  for (const [uid, comment] of Object.entries(record(r.comments))) {
    if (typeof comment === 'string') comments[uid] = comment;
  }
  const outcome = outcomes.some((o) => o.value === signOff.outcome) ? (signOff.outcome as SignOffOutcome) : null;
  return {
    reviewer: { name: text(reviewer.name), role: text(reviewer.role) },
    summary: text(r.summary),
    comments,
    signOff: { outcome, name: text(signOff.name), role: text(signOff.role), date: text(signOff.date) || today },
  };
}

/** The problems that stop the review being saved, each naming its field; `signOffDate` is what the date boxes hold. */
export function reviewProblems(draft: ReviewDraft, signOffDate: DateCheck): FormError[] {
  const problems: FormError[] = [];
  if (!draft.reviewer.name.trim()) problems.push({ field: 'reviewer-name', text: 'Enter your name' });
  if (draft.signOff.outcome !== null) {
    if (!draft.signOff.name.trim()) {
      problems.push({ field: 'sign-off-name', text: 'Enter the name of the person signing off, or choose "No sign-off yet"' });
    }
    const date = dateProblem('sign-off-date', 'Date of sign-off', signOffDate, 'Enter the date of the sign-off');
    if (date) problems.push({ field: date.box, text: date.text });
  }
  return problems;
}

/** What is sent to save_review: only the comments with words in them, each tied to the version shared. */
export function reviewInput(draft: ReviewDraft, entries: { uid: string; version: number }[]): ReviewInput {
  const { outcome, name, role, date } = draft.signOff;
  return {
    reviewer: { name: draft.reviewer.name.trim(), role: draft.reviewer.role.trim() },
    summary: draft.summary.trim(),
    comments: entries
      .filter((e) => (draft.comments[e.uid] ?? '').trim() !== '')
      .map((e) => ({ entryUid: e.uid, entryVersion: e.version, comment: draft.comments[e.uid]!.trim() })),
    signOff: outcome === null ? null : { outcome, name: name.trim(), role: role.trim(), date },
  };
}
