// Typed sample data for the entry editor's tests: if the Rust types change, these stop compiling.
// The words follow the app's own (kinds, reflection forms, Code themes, framework scales).
import type { EditorOptions } from '../ipc/bindings/EditorOptions';
import type { EntryDraft } from '../ipc/bindings/EntryDraft';
import type { EntryKind } from '../ipc/bindings/EntryKind';
import type { EntryView } from '../ipc/bindings/EntryView';
import type { PrivacyFinding } from '../ipc/bindings/PrivacyFinding';
import type { UploadView } from '../ipc/bindings/UploadView';
import { mockIPC } from '@tauri-apps/api/mocks';

/**
 * Core's words for every kind of entry. Keyed by the generated `EntryKind`, so a kind added in
 * core fails to compile here until the fixture offers it too.
 */
const KIND_LABELS: Record<EntryKind, string> = {
  reflection: 'Reflection',
  cpd: 'CPD activity',
  shadowing: 'Shadowing or paired learning',
  qi_project: 'Quality-improvement project',
  feedback: 'Feedback received',
  significant_event: 'Significant event',
  management_task: 'Management task or achievement',
};

/** Every kind, three reflection forms, two frameworks (one with a 4-level scale), three lessons. */
export function sampleEditorOptions(): EditorOptions {
  return {
    kinds: Object.entries(KIND_LABELS).map(([kind, label]) => ({ kind: kind as EntryKind, label })),
    templates: [
      {
        template: 'gibbs',
        title: "Gibbs' reflective cycle",
        sections: [
          { id: 'description', title: 'Description', prompt: 'What happened? Set the scene.' },
          { id: 'feelings', title: 'Feelings', prompt: 'What were you thinking and feeling?' },
          { id: 'evaluation', title: 'Evaluation', prompt: 'What went well, and what went less well?' },
          { id: 'analysis', title: 'Analysis', prompt: 'Why did it go that way?' },
          { id: 'conclusion', title: 'Conclusion', prompt: 'What have you learned?' },
          { id: 'action_plan', title: 'Action plan', prompt: 'What will you do next, and by when?' },
        ],
      },
      {
        template: 'what_so_what',
        title: 'What? So what? Now what?',
        sections: [
          { id: 'what', title: 'What?', prompt: 'Describe the event plainly.' },
          { id: 'so_what', title: 'So what?', prompt: 'Why does it matter?' },
          { id: 'now_what', title: 'Now what?', prompt: 'What will you do differently?' },
        ],
      },
      {
        template: 'nmc',
        title: 'NMC written reflective account',
        sections: [
          { id: 'nature', title: 'The activity, feedback or experience', prompt: 'What was it?' },
          { id: 'learning', title: 'What you learned', prompt: 'What did you learn from it?' },
          { id: 'change', title: 'How your practice changed', prompt: 'What did you change?' },
          { id: 'code', title: 'How it relates to the Code', prompt: 'How is this relevant to the Code?' },
        ],
      },
    ],
    codeThemes: [
      { id: 'prioritise_people', title: 'Prioritise people' },
      { id: 'practise_effectively', title: 'Practise effectively' },
      { id: 'preserve_safety', title: 'Preserve safety' },
      { id: 'promote_professionalism', title: 'Promote professionalism and trust' },
    ],
    frameworks: [
      {
        id: 'cmpf',
        title: 'Clinician-Manager Practice Framework',
        scaleName: 'Self-rating',
        retired: [],
        scale: [
          { value: 1, label: 'Starting out', description: 'I am new to this and need guidance or support to do it.' },
          { value: 2, label: 'Developing', description: 'I do this in familiar situations but not yet consistently.' },
          { value: 3, label: 'Established', description: 'I do this reliably in my role.' },
          { value: 4, label: 'Leading others', description: 'I help others to do this well.' },
        ],
        domains: [
          {
            id: 'cmpf.people',
            title: 'Leading and managing people',
            items: [
              {
                id: 'cmpf.people.one-to-ones',
                elementTitle: 'Line management and fair process',
                statement: 'I hold regular, protected one-to-ones with each person I manage and keep a short note of what we agreed.',
              },
              {
                id: 'cmpf.people.wellbeing',
                elementTitle: 'A just and caring team culture',
                statement: 'I notice when my team is under strain, check in with individuals and change what I can, such as breaks, rotas or support.',
              },
            ],
          },
          {
            id: 'cmpf.money',
            title: 'Managing money',
            items: [
              {
                id: 'cmpf.money.budget',
                elementTitle: 'Budgets',
                statement: 'I read my budget statement each month and can explain the main variances to my manager.',
              },
            ],
          },
        ],
      },
      {
        id: 'clcf',
        title: 'Clinical Leadership Competency Framework',
        scaleName: 'Ward to Board self-rating',
        retired: [],
        scale: [
          { value: 1, label: 'Not yet', description: 'I have had little chance to show this yet.' },
          { value: 2, label: 'Developing', description: 'I show this in familiar situations.' },
          { value: 3, label: 'Confident', description: 'I show this consistently, including under pressure.' },
        ],
        domains: [
          {
            id: 'clcf.personal-qualities',
            title: 'Demonstrating personal qualities',
            items: [{ id: 'clcf.personal-qualities.self-awareness', elementTitle: 'Developing self awareness', statement: 'Developing self awareness' }],
          },
        ],
      },
    ],
    lessons: [
      { packId: 'core', lessonId: 'finance-a', title: 'How money flows', moduleTitle: 'Budgets and finance' },
      { packId: 'core', lessonId: 'finance-b', title: 'Reading a budget statement', moduleTitle: 'Budgets and finance' },
      { packId: 'core', lessonId: 'gov-a', title: 'From ward to board', moduleTitle: 'Accountability and governance' },
    ],
    acceptedExtensions: ['pdf', 'png', 'jpg', 'docx'],
    maxAttachmentBytes: 20 * 1024 * 1024,
  };
}

/** A saved entry's draft: a reflection with Gibbs text, a rated behaviour, a lesson and a file. */
export function sampleDraft(): EntryDraft {
  return {
    kind: 'reflection',
    title: 'First budget meeting',
    date: '2026-11-20',
    body: 'Went through the **ward budget** with finance.',
    reflection: {
      template: 'gibbs',
      sections: [
        { id: 'description', text: 'Met the finance business partner.' },
        { id: 'feelings', text: 'Nervous at first.' },
      ],
      codeThemes: [],
    },
    tags: ['budget'],
    cpd: { clinicalMinutes: 0, managementMinutes: 90, participatory: true },
    shadowing: null,
    feedbackSource: null,
    behaviours: [{ frameworkId: 'cmpf', behaviourId: 'cmpf.money.budget', rating: 2, justification: 'I explained two variances.' }],
    lessons: [{ packId: 'core', lessonId: 'finance-b' }],
    keepAttachments: [7],
    newUploads: [],
  };
}

/** Version 3 of entry 12, built from `sampleDraft()`. */
export function sampleEntry(draft: EntryDraft = sampleDraft()): EntryView {
  return {
    id: 12,
    uid: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    version: 3,
    latestVersion: 3,
    kind: draft.kind,
    kindLabel: 'Reflection',
    title: draft.title,
    date: draft.date,
    body: draft.body,
    bodyHtml: '<p>Went through the <strong>ward budget</strong> with finance.</p>',
    draft,
    reflection: null,
    tags: draft.tags,
    cpd: draft.cpd,
    shadowing: draft.shadowing,
    feedbackSource: draft.feedbackSource,
    behaviours: [],
    lessons: [{ packId: 'core', lessonId: 'finance-b', title: 'Reading a budget statement' }],
    attachments: [{ id: 7, fileName: 'budget-statement.pdf', mediaType: 'application/pdf', size: 245_760, sha256: 'ab'.repeat(32) }],
    fromStudy: false,
    createdAt: '2026-11-20T20:00:00Z',
    updatedAt: '2026-11-21T21:30:00Z',
    deletedAt: null,
  };
}

/** A valid NHS number (its check digit is right), as the privacy check reports it. */
export const NHS_NUMBER = '943 476 5919';

export function nhsNumberFinding(text: string): PrivacyFinding[] {
  const start = text.indexOf(NHS_NUMBER);
  if (start < 0) return [];
  return [
    {
      kind: 'nhs-number',
      start,
      end: start + NHS_NUMBER.length,
      text: NHS_NUMBER,
      message: 'This looks like an NHS number. Remove it: refer to the patient as "patient A".',
    },
  ];
}

export function sampleUpload(id: number, fileName: string, size = 1024): UploadView {
  return { id, fileName, mediaType: 'application/pdf', size };
}

/** Every command the editor made, with its arguments (for upload_attachment, the raw bytes). */
export type EditorCall = [command: string, args: unknown];

type Handler = (args: never) => unknown;

/**
 * A backend for the editor: options, entry 12, saves that answer with the saved entry (a new
 * one becomes entry 42), and a privacy check that finds `NHS_NUMBER`. `handlers` replace any
 * of these, and add `upload_attachment`. Unsaved work is never found, and keeping it succeeds.
 */
export function editorBackend(handlers: Record<string, Handler> = {}): EditorCall[] {
  const calls: EditorCall[] = [];
  const defaults: Record<string, Handler> = {
    get_editor_options: () => sampleEditorOptions(),
    get_entry: () => sampleEntry(),
    save_entry: (args: { id: number | null; draft: EntryDraft }) => ({ ...sampleEntry(args.draft), id: args.id ?? 42 }),
    check_privacy: (args: { text: string }) => nhsNumberFinding(args.text),
    // Stands in for the app's renderer: enough to tell rendered from raw text.
    preview_markdown: (args: { text: string }) => `<p>${args.text.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`,
    // No unsaved work from last time; keeping and discarding work succeed.
    get_editor_draft: () => null,
    keep_editor_draft: () => null,
    discard_editor_draft: () => null,
  };
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const handler = handlers[cmd] ?? defaults[cmd];
    if (!handler) throw { kind: 'internal', message: `no mock for ${cmd}` };
    return handler(args as never);
  });
  return calls;
}

/** The arguments of the last call of `command`. */
export function lastCall<T>(calls: EditorCall[], command: string): T | undefined {
  return calls.filter(([c]) => c === command).at(-1)?.[1] as T | undefined;
}
