// Typed sample data for the coverage, plan and revalidation screens: if the Rust types change,
// these stop compiling.
import type { Coverage } from '../ipc/coverage';
import type { GoalView } from '../ipc/plan';
import type { Counter, Revalidation } from '../ipc/revalidation';
import type { EditorOptions } from '../ipc/portfolio';
import type { BehaviourCoverage } from '../ipc/bindings/BehaviourCoverage';

/** The date the samples are drawn up for. */
export const SAMPLE_TODAY = '2026-11-23';

function behaviour(id: string, statement: string, rest: Partial<BehaviourCoverage> = {}): BehaviourCoverage {
  return { id, elementTitle: 'Element', statement, entries: 0, recent: 0, lastDate: null, stale: false, latestRating: null, lessons: [], ...rest };
}

/**
 * Two domains of the Clinician-Manager Practice Framework. People: one-to-ones has recent
 * evidence, sickness absence only evidence from 2025, recruitment is a gap taught by one
 * installed lesson (and one from a removed pack). Money: no evidence at all, and the one
 * lesson that taught it has been removed.
 */
export function sampleCoverage(): Coverage {
  return {
    frameworkId: 'cmpf',
    frameworkTitle: 'Clinician-Manager Practice Framework',
    frameworks: [
      { id: 'cmpf', title: 'Clinician-Manager Practice Framework' },
      { id: 'hlm', title: 'Healthcare Leadership Model' },
    ],
    today: SAMPLE_TODAY,
    domains: [
      {
        id: 'cmpf.people',
        title: 'Leading and managing people',
        entries: 3,
        recent: 2,
        behavioursCovered: 2,
        behaviours: [
          behaviour('cmpf.people.one-to-ones', 'I hold regular one-to-ones with each person I manage.', {
            entries: 2,
            recent: 2,
            lastDate: '2026-10-01',
            latestRating: 3,
          }),
          behaviour('cmpf.people.sickness-absence', 'I manage sickness absence by the policy.', {
            entries: 1,
            recent: 0,
            lastDate: '2025-11-23',
            stale: true,
            latestRating: 2,
          }),
          behaviour('cmpf.people.recruitment', 'I make sure every pre-employment check is complete.', {
            lessons: [
              { packId: 'core', lessonId: 'people-a', title: 'Safe recruitment' },
              { packId: 'old-pack', lessonId: 'gone', title: null },
            ],
          }),
        ],
      },
      {
        id: 'cmpf.money',
        title: 'Managing resources and budgets',
        entries: 0,
        recent: 0,
        behavioursCovered: 0,
        behaviours: [
          behaviour('cmpf.money.variance', 'I explain the variances on my budget statement.', {
            lessons: [{ packId: 'old-pack', lessonId: 'budgets', title: null }],
          }),
        ],
      },
    ],
    itemsTotal: 4,
    itemsCovered: 2,
  };
}

/** What the entry editor offers, cut down to the frameworks a goal can link to. */
export function sampleEditorOptions(): EditorOptions {
  return {
    kinds: [{ kind: 'reflection', label: 'Reflection' }],
    templates: [],
    codeThemes: [],
    frameworks: [
      {
        id: 'cmpf',
        title: 'Clinician-Manager Practice Framework',
        scaleName: 'Self-rating',
        retired: [],
        scale: [
          { value: 1, label: 'Starting out', description: '' },
          { value: 2, label: 'Developing', description: '' },
          { value: 3, label: 'Established', description: '' },
          { value: 4, label: 'Leading others', description: '' },
        ],
        domains: [
          {
            id: 'cmpf.people',
            title: 'Leading and managing people',
            items: [
              { id: 'cmpf.people.one-to-ones', elementTitle: 'Line management', statement: 'I hold regular one-to-ones with each person I manage.' },
              { id: 'cmpf.people.recruitment', elementTitle: 'Line management', statement: 'I make sure every pre-employment check is complete.' },
            ],
          },
          {
            id: 'cmpf.money',
            title: 'Managing resources and budgets',
            items: [{ id: 'cmpf.money.variance', elementTitle: 'Budgets', statement: 'I explain the variances on my budget statement.' }],
          },
        ],
      },
      {
        id: 'hlm',
        title: 'Healthcare Leadership Model',
        scaleName: 'Healthcare Leadership Model scale',
        retired: [],
        scale: [{ value: 1, label: 'Essential', description: '' }],
        domains: [
          { id: 'hlm.dimensions', title: 'The nine dimensions', items: [{ id: 'hlm.inspiring', elementTitle: 'Inspiring shared purpose', statement: 'Inspiring shared purpose' }] },
        ],
      },
    ],
    lessons: [],
    acceptedExtensions: ['pdf'],
    maxAttachmentBytes: 1024,
  };
}

/** Goal 1 is under way and past due with one review; goal 2 is achieved. */
export function sampleGoals(): GoalView[] {
  return [
    {
      id: 1,
      draft: {
        title: 'Run my first budget meeting with finance',
        measure: 'The meeting happens and I can explain each variance.',
        achievable: 'My matron will sit in; an hour a week of protected time.',
        relevant: 'I hold the ward budget from April.',
        dueDate: '2026-10-31',
        status: 'in_progress',
        behaviours: [{ frameworkId: 'cmpf', behaviourId: 'cmpf.money.variance' }],
      },
      behaviourStatements: ['I explain the variances on my budget statement.'],
      overdue: true,
      reviews: [{ id: 7, date: '2026-09-15', note: 'Booked the meeting for October.' }],
      createdAt: '2026-06-01T10:00:00Z',
      updatedAt: '2026-09-15T10:00:00Z',
    },
    {
      id: 2,
      draft: {
        title: 'Hold monthly one-to-ones',
        measure: 'Every band 5 has had three.',
        achievable: 'Rota time agreed.',
        relevant: 'Retention.',
        dueDate: '2026-12-31',
        status: 'achieved',
        behaviours: [],
      },
      behaviourStatements: [],
      overdue: false,
      reviews: [],
      createdAt: '2026-06-01T10:00:00Z',
      updatedAt: '2026-06-01T10:00:00Z',
    },
  ];
}

/** An NMC counter as the core sends it: done once the value reaches the target, else what is left. */
export function nmcCounter(id: string, label: string, value: number, target: number, unit: string): Counter {
  const done = value >= target;
  return { id, label, value, target, unit, done, toGo: done ? null : target - value, hint: null };
}

/** What the core says each of the GMC's six types of supporting information is. */
const GMC_HINTS: Record<string, string> = {
  cpd: 'Learning you have done and what you took from it for your practice.',
  qi: 'Audits, quality improvement projects and reviews of your own practice or outcomes.',
  significant_events: 'Incidents you were involved in that did or could have harmed patients, and what you learned.',
  colleague_feedback: 'Feedback from the people you work with, such as a multi-source feedback round. Needed at least once in each 5-year cycle.',
  patient_feedback: 'Feedback from patients, or the people you provide medical services to. Needed at least once in each 5-year cycle.',
  compliments: 'Compliments and complaints about your work, and how you reflected on them.',
};

function gmcCounter(id: string, label: string, value: number, unit = 'entries'): Counter {
  return { id, label, value, target: null, unit, done: false, toGo: null, hint: GMC_HINTS[id] ?? null };
}

/**
 * Both regulators' periods. NMC: CPD and feedback met, the rest not. Two stretches of
 * practice hours. Currency: eight quarters, clinical CPD well behind, with the core's flag.
 */
export function sampleRevalidation(withDates = true): Revalidation {
  const quarters = ['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3', '2026 Q4'].map((label, i) => ({
    label,
    clinicalMinutes: i === 7 ? 90 : 0,
    managementMinutes: i === 7 ? 600 : i === 6 ? 330 : 0,
    clinicalHours: i === 7 ? 1.5 : 0,
    managementHours: i === 7 ? 10 : i === 6 ? 5.5 : 0,
  }));
  return {
    settings: withDates ? { nmcExpiry: '2027-03-31', gmcAppraisal: '2027-01-15' } : { nmcExpiry: null, gmcAppraisal: null },
    nmc: withDates
      ? {
          start: '2024-04-01',
          end: '2027-03-31',
          daysLeft: 128,
          counters: [
            nmcCounter('cpd', 'CPD', 36.5, 35, 'hours'),
            nmcCounter('participatory', 'Participatory CPD', 12.25, 20, 'hours'),
            nmcCounter('feedback', 'Practice-related feedback', 5, 5, 'pieces'),
            nmcCounter('reflections', 'Written reflective accounts', 1, 5, 'accounts'),
            nmcCounter('practice', 'Practice hours', 300, 450, 'hours'),
          ],
        }
      : null,
    gmc: withDates
      ? {
          start: '2026-01-16',
          end: '2027-01-15',
          daysLeft: 53,
          counters: [
            gmcCounter('cpd', 'Continuing professional development', 11.5, 'hours'),
            gmcCounter('qi', 'Quality improvement activity', 1),
            gmcCounter('significant_events', 'Significant events', 0),
            gmcCounter('colleague_feedback', 'Feedback from colleagues', 2),
            gmcCounter('patient_feedback', 'Feedback from patients', 0),
            gmcCounter('compliments', 'Compliments and complaints', 1),
          ],
        }
      : null,
    practiceHours: withDates
      ? [
          { id: 4, startDate: '2026-04-01', endDate: '2026-06-30', hours: 180, role: 'Ward manager, acute medicine' },
          { id: 3, startDate: '2025-04-01', endDate: '2025-06-30', hours: 120, role: 'Staff nurse' },
        ]
      : [],
    currency: {
      quarters,
      lastYearClinicalMinutes: 90,
      lastYearManagementMinutes: 930,
      lastYearClinicalHours: 1.5,
      lastYearManagementHours: 15.5,
      flag: withDates
        ? 'In the last 12 months 1.5 of your 17 CPD hours were clinical. If you still practise clinically, or mean to return, it may be worth planning some clinical learning so your practice stays current.'
        : null,
    },
  };
}
