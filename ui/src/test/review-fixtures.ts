// Typed sample bundles for the review-mode tests: if the Rust types change, these stop compiling.
import type { BundleEntry, PortfolioDocument } from '../ipc/bundle';
import type { ReviewSession } from '../ipc/review';

/** A 64-hex token, as open_bundle names the kept copy. */
export const SAMPLE_TOKEN = 'a'.repeat(64);
export const SAMPLE_MANIFEST_SHA = 'b'.repeat(64);
export const SAMPLE_BUNDLE_ID = '0f8e7c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

export function sampleBundleEntry(rest: Partial<BundleEntry> = {}): BundleEntry {
  return {
    uid: 'entry-1',
    version: 2,
    kind: 'reflection',
    kindLabel: 'Reflection',
    title: 'Rota gap on ward 7',
    date: '2026-10-14',
    body: 'Two nurses off sick.\nI rang the bank office.\n\nNext time: escalate sooner.',
    reflection: {
      template: 'gibbs',
      templateTitle: 'Gibbs reflective cycle',
      sections: [
        { title: 'Description', text: 'The night rota had two gaps.' },
        { title: 'Feelings', text: '' },
      ],
      codeThemes: ['Prioritise people'],
    },
    tags: ['staffing', 'rota'],
    clinicalMinutes: 30,
    managementMinutes: 90,
    participatory: true,
    feedbackSource: null,
    shadowing: null,
    behaviours: [
      {
        frameworkId: 'cmpf',
        frameworkTitle: 'Clinician-Manager Practice Framework',
        behaviourId: 'people-1',
        statement: 'Plans safe staffing for the shift',
        domainTitle: 'People',
        rating: 3,
        ratingLabel: 'Consistently',
        justification: 'Filled both gaps before 8 pm.',
      },
    ],
    lessons: [],
    attachments: [
      { fileName: 'rota.png', mediaType: 'image/png', size: 20480, sha256: 'c'.repeat(64), path: 'attachments/1-rota.png' },
      { fileName: 'minutes.pdf', mediaType: 'application/pdf', size: 4096, sha256: 'd'.repeat(64), path: 'attachments/2-minutes.pdf' },
    ],
    fromStudy: false,
    ...rest,
  };
}

/** Two entries, one framework, one goal, from a learner called Sam Patel. */
export function sampleDocument(rest: Partial<PortfolioDocument> = {}): PortfolioDocument {
  return {
    formatVersion: 1,
    frameworks: [],
    bundleId: SAMPLE_BUNDLE_ID,
    createdAt: '2026-11-20T18:30:00.000Z',
    learner: 'Sam Patel',
    periodFrom: '2026-04-01',
    periodTo: '2026-11-20',
    entries: [
      sampleBundleEntry(),
      sampleBundleEntry({
        uid: 'entry-2',
        version: 1,
        kind: 'cpd',
        kindLabel: 'CPD activity',
        title: 'Finance for managers course',
        date: '2026-09-02',
        body: 'Read the budget pack.',
        reflection: null,
        tags: [],
        behaviours: [],
        attachments: [],
      }),
    ],
    coverage: [
      {
        frameworkId: 'cmpf',
        frameworkTitle: 'Clinician-Manager Practice Framework',
        itemsTotal: 12,
        itemsCovered: 1,
        domains: [
          { title: 'People', entries: 1, behavioursCovered: 1, behavioursTotal: 6 },
          { title: 'Money', entries: 0, behavioursCovered: 0, behavioursTotal: 6 },
        ],
      },
    ],
    goals: [
      {
        title: 'Run the ward budget meeting',
        measure: 'Chair two meetings',
        achievable: 'Matron will support',
        relevant: 'Band 7 post',
        dueDate: '2027-01-31',
        status: 'in_progress',
        behaviours: ['Understands the ward budget'],
        reviews: [{ date: '2026-11-01', note: 'Chaired one.' }],
      },
    ],
    ...rest,
  };
}

export function sampleSession(rest: Partial<ReviewSession> = {}): ReviewSession {
  return {
    token: SAMPLE_TOKEN,
    fileName: 'sam-patel-2026-11-20.w2bbundle',
    manifestSha256: SAMPLE_MANIFEST_SHA,
    appVersion: '0.7.0',
    document: sampleDocument(),
    draft: null,
    signature: { kind: 'not_signed' },
    ...rest,
  };
}
