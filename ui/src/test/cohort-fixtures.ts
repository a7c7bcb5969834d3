// A small cohort report as run_cohort_report returns it: two learners (one who shared their
// lessons, one who did not), one refused bundle, one framework of three elements.
import type { CohortReport, LearnerReport } from '../ipc/cohort';

const KINDS = [
  ['reflection', 'Reflection'],
  ['cpd', 'CPD activity'],
  ['feedback', 'Feedback received'],
] as const;

export function sampleLearner(change: Partial<LearnerReport> = {}): LearnerReport {
  return {
    file: '/home/lead/intake/sam.w2bbundle',
    learner: 'Sam Patel',
    bundleId: '0123456789abcdef0123456789abcdef',
    createdAt: '2026-11-20T09:00:00.000Z',
    formatVersion: 3,
    periodFrom: '2026-09-01',
    periodTo: '2026-11-30',
    firstEntry: '2026-09-03',
    lastEntry: '2026-11-12',
    lastActivity: '2026-11-18',
    entries: 3,
    byKind: KINDS.map(([kind, label], i) => ({ kind, label, count: i === 0 ? 2 : i === 1 ? 1 : 0 })),
    revalidation: { cpdMinutes: 90, participatoryMinutes: 60, feedback: 0, reflectiveAccounts: 1 },
    coverage: [
      {
        frameworkId: 'cmpf',
        domains: [
          { title: 'Leading people', entries: 2, elementsCovered: 1, elementsTotal: 2 },
          { title: 'Managing resources', entries: 1, elementsCovered: 1, elementsTotal: 1 },
        ],
        elements: [2, 0, 1],
      },
    ],
    unplacedRatings: 0,
    learning: [{ packId: 'w2b-essentials', title: 'Ward to Board essentials', version: '1.0.0', lessonsTotal: 12, completed: ['Budgets', 'Rotas'] }],
    alsoIn: [],
    ...change,
  };
}

export function sampleReport(change: Partial<CohortReport> = {}): CohortReport {
  const alex = sampleLearner({
    file: '/home/lead/intake/alex.w2bbundle',
    learner: 'Alex Jones',
    bundleId: 'fedcba9876543210fedcba9876543210',
    entries: 1,
    learning: null,
    coverage: [
      {
        frameworkId: 'cmpf',
        domains: [
          { title: 'Leading people', entries: 0, elementsCovered: 0, elementsTotal: 2 },
          { title: 'Managing resources', entries: 1, elementsCovered: 1, elementsTotal: 1 },
        ],
        elements: [0, 0, 1],
      },
    ],
  });
  return {
    generatedAt: '2026-11-23T09:30:00.000Z',
    bundlesFound: 3,
    learners: [sampleLearner(), alex],
    refused: [
      {
        file: '/home/lead/intake/hostile.w2bbundle',
        reason: 'hostile.w2bbundle was refused as unsafe to open, and nothing in it was saved:\n- ../evil.txt: has a path that leaves its folder\nAsk the learner to export it again from Ward to Board.',
      },
    ],
    notices: ['/home/lead/intake also holds 1 item that is not a .w2bbundle file and was not read: notes.txt'],
    frameworks: [
      {
        id: 'cmpf',
        version: '1.0.0',
        title: 'Clinician-Manager Practice Framework',
        domains: ['Leading people', 'Managing resources'],
        elements: [
          { id: 'lp.dir', title: 'Setting direction', domain: 0, learners: 1, entries: 2 },
          { id: 'lp.team', title: 'Building the team', domain: 0, learners: 0, entries: 0 },
          { id: 'mr.budget', title: 'Managing budgets', domain: 1, learners: 2, entries: 2 },
        ],
      },
    ],
    distribution: {
      fewest: 1,
      median: 3,
      most: 3,
      bands: [
        ['None', 0],
        ['1 to 9', 2],
        ['10 to 24', 0],
      ],
    },
    schemeFramework: false,
    ...change,
  };
}
