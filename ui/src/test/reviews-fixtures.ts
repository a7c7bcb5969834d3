// Typed sample reviews for UI tests: if the Rust types change, these stop compiling.
import type { EntryComment } from '../ipc/bindings/EntryComment';
import type { ReviewView } from '../ipc/bindings/ReviewView';
import type { SignOffView } from '../ipc/bindings/SignOffView';
import type { SignOffOutcome } from '../ipc/bindings/SignOffOutcome';

const labels: Record<SignOffOutcome, string> = {
  satisfactory: 'Satisfactory',
  satisfactory_with_development: 'Satisfactory, with development needs',
  not_yet: 'Not yet signed off: more evidence needed',
};

/** A sign-off as the Rust side describes it, with the label it gives each outcome. */
export function sampleSignOff(outcome: SignOffOutcome = 'satisfactory'): SignOffView {
  return { outcome, outcomeLabel: labels[outcome], name: 'Dr Priya Shah', role: 'Clinical director', date: '2026-11-20' };
}

/** A review imported from Dr Shah, with three comments and a satisfactory sign-off. */
export function sampleReview(overrides: Partial<ReviewView> = {}): ReviewView {
  return {
    id: 1,
    bundleId: 'b-2026-11',
    exportedAt: '2026-11-10T09:00:00Z',
    reviewerName: 'Dr Priya Shah',
    reviewerRole: 'Clinical director',
    summary: 'A thoughtful year.\nMore on budgets next time.',
    reviewedAt: '2026-11-20T14:30:00Z',
    signOff: sampleSignOff('satisfactory'),
    comments: 3,
    importedAt: '2026-11-21T08:00:00Z',
    signature: { kind: 'not_signed' },
    ...overrides,
  };
}

/** A comment on version `entryVersion` of an entry. */
export function sampleEntryComment(overrides: Partial<EntryComment> = {}): EntryComment {
  return {
    reviewId: 1,
    reviewerName: 'Dr Priya Shah',
    reviewerRole: 'Clinical director',
    reviewedAt: '2026-11-20T14:30:00Z',
    entryVersion: 3,
    comment: 'Good use of the team.\nTry asking the ward clerk too.',
    signOff: sampleSignOff('satisfactory_with_development'),
    ...overrides,
  };
}
