// Typed sample portfolio data for UI tests: if the Rust types change, these stop compiling.
import type { EditorOptions } from '../ipc/bindings/EditorOptions';
import type { EntrySummary } from '../ipc/bindings/EntrySummary';
import type { EntryView } from '../ipc/bindings/EntryView';
import type { TagCount } from '../ipc/bindings/TagCount';
import type { VersionSummary } from '../ipc/bindings/VersionSummary';

/** Two kinds, one framework with two domains, and the other editor choices. */
export function sampleOptions(): EditorOptions {
  return {
    kinds: [
      { kind: 'reflection', label: 'Reflection' },
      { kind: 'cpd', label: 'CPD activity' },
      { kind: 'shadowing', label: 'Shadowing' },
    ],
    templates: [{ template: 'gibbs', title: 'Gibbs reflective cycle', sections: [] }],
    codeThemes: [{ id: 'prioritise-people', title: 'Prioritise people' }],
    frameworks: [
      {
        id: 'nhs-leadership',
        title: 'NHS Leadership Framework',
        scaleName: 'Level',
        retired: [],
        scale: [
          { value: 1, label: 'Essential', description: '' },
          { value: 3, label: 'Strong', description: '' },
        ],
        domains: [
          {
            id: 'vision',
            title: 'Sharing the vision',
            items: [{ id: 'vision-1', elementTitle: 'Vision', statement: 'Communicates a compelling vision' }],
          },
          {
            id: 'team',
            title: 'Engaging the team',
            items: [
              { id: 'team-1', elementTitle: 'Team', statement: 'Involves the team in decisions' },
              { id: 'team-2', elementTitle: 'Recognition', statement: '' },
            ],
          },
        ],
      },
    ],
    lessons: [],
    acceptedExtensions: ['pdf', 'png', 'jpg'],
    maxAttachmentBytes: 20 * 1024 * 1024,
  };
}

export function sampleTags(): TagCount[] {
  return [
    { tag: 'finance', entries: 3 },
    { tag: 'rota', entries: 1 },
  ];
}

/** An entry as a list shows it; `overrides` change any field. */
export function sampleSummary(overrides: Partial<EntrySummary> = {}): EntrySummary {
  return {
    id: 7,
    kind: 'cpd',
    kindLabel: 'CPD activity',
    title: 'Budget-holder training',
    date: '2026-03-15',
    tags: ['finance', 'budgets'],
    cpdMinutes: 90,
    behaviours: 2,
    attachments: 1,
    fromStudy: false,
    snippet: [],
    deletedAt: null,
    ...overrides,
  };
}

/** `count` entries with ids from `firstId`, titled "Entry 1", "Entry 2"… */
export function sampleSummaries(count: number, firstId = 1): EntrySummary[] {
  return Array.from({ length: count }, (_, i) =>
    sampleSummary({ id: firstId + i, title: `Entry ${firstId + i}`, cpdMinutes: 0, behaviours: 0, attachments: 0, tags: [] }),
  );
}

/**
 * Entry 5, "Rota meeting with the matron", at `version` of 3, with a reflection, a rated
 * behaviour, two linked lessons (one no longer installed) and two attachments (one a picture).
 */
export function sampleEntry(version = 3, overrides: Partial<EntryView> = {}): EntryView {
  return {
    id: 5,
    uid: '0f5d2c1e-aaaa-4bbb-8ccc-123456789abc',
    version,
    latestVersion: 3,
    kind: 'reflection',
    kindLabel: 'Reflection',
    title: version === 3 ? 'Rota meeting with the matron' : `Rota meeting (draft ${version})`,
    date: '2026-03-15',
    body: 'We **agreed** the rota.',
    bodyHtml: '<p>We <strong>agreed</strong> the rota.</p>',
    draft: {
      kind: 'reflection',
      title: 'Rota meeting with the matron',
      date: '2026-03-15',
      body: 'We **agreed** the rota.',
      reflection: null,
      tags: ['rota', 'leadership'],
      cpd: { clinicalMinutes: 30, managementMinutes: 60, participatory: true },
      shadowing: null,
      feedbackSource: null,
      behaviours: [],
      lessons: [],
      keepAttachments: [11, 12],
      newUploads: [],
    },
    reflection: {
      template: 'gibbs',
      templateTitle: 'Gibbs reflective cycle',
      sections: [
        { id: 'description', title: 'Description', text: 'What happened', html: '<p>What happened</p>' },
        { id: 'feelings', title: 'Feelings', text: 'Nervous', html: '<p>I felt <em>nervous</em></p>' },
      ],
      codeThemes: ['Prioritise people', 'Practise effectively'],
    },
    tags: ['rota', 'leadership'],
    cpd: { clinicalMinutes: 30, managementMinutes: 60, participatory: true },
    shadowing: { partnerRole: 'Matron', iLearned: 'How rotas are signed off', theyLearned: 'What juniors worry about' },
    feedbackSource: 'colleague',
    behaviours: [
      {
        frameworkId: 'nhs-leadership',
        frameworkTitle: 'NHS Leadership Framework',
        behaviourId: 'team-1',
        statement: 'Involves the team in decisions',
        domainTitle: 'Engaging the team',
        rating: 3,
        ratingLabel: 'Strong',
        justification: 'I asked every nurse first',
        removedIn: null,
      },
    ],
    lessons: [
      { packId: 'core', lessonId: 'finance-b', title: 'Reading a budget statement' },
      { packId: 'old', lessonId: 'gone', title: null },
    ],
    attachments: [
      { id: 11, fileName: 'rota.pdf', mediaType: 'application/pdf', size: 250 * 1024, sha256: 'aa' },
      { id: 12, fileName: 'whiteboard.png', mediaType: 'image/png', size: Math.round(2.5 * 1024 * 1024), sha256: 'bb' },
    ],
    fromStudy: false,
    createdAt: '2026-03-15T20:00:00Z',
    updatedAt: version === 3 ? '2026-03-17T09:30:00Z' : '2026-03-16T08:00:00Z',
    deletedAt: null,
    ...overrides,
  };
}

/** Versions 1 to 3 of sampleEntry(), oldest first, the third restored from the first. */
export function sampleVersions(): VersionSummary[] {
  return [
    { version: 1, savedAt: '2026-03-15T20:00:00Z', change: 'created', restoredFrom: null, title: 'Rota meeting (draft 1)' },
    { version: 2, savedAt: '2026-03-16T08:00:00Z', change: 'edited', restoredFrom: null, title: 'Rota meeting (draft 2)' },
    { version: 3, savedAt: '2026-03-17T09:30:00Z', change: 'restored', restoredFrom: 1, title: 'Rota meeting with the matron' },
  ];
}
