// The editor's working copy of an entry, and the rules for turning it into the draft the app
// saves: hours typed as text become minutes, empty optional parts are left out, and an error
// from the app is tied back to the field it names.
import type {
  BehaviourRating,
  EntryDraft,
  EntryKind,
  FeedbackSource,
  ReflectionTemplate,
  TemplateInfo,
  UploadView,
} from '../../../ipc/portfolio';
import type { EntryLesson } from '../../../ipc/bindings/EntryLesson';
import type { Shadowing } from '../../../ipc/bindings/Shadowing';

export type EditorForm = {
  kind: EntryKind;
  date: string;
  title: string;
  body: string;
  template: ReflectionTemplate | null;
  /** Section text by section id: switching form keeps text in sections the forms share. */
  sections: Record<string, string>;
  codeThemes: string[];
  tags: string[];
  clinicalHours: string;
  managementHours: string;
  participatory: boolean;
  shadowing: Shadowing;
  feedbackSource: FeedbackSource | null;
  behaviours: BehaviourRating[];
  lessons: EntryLesson[];
  keepAttachments: number[];
  uploads: UploadView[];
};

/** A problem to show in the error summary; `target` is the id of the field to go to. */
export type FieldError = { target: string | null; text: string };

export function emptyForm(today: string): EditorForm {
  return {
    kind: 'reflection',
    date: today,
    title: '',
    body: '',
    template: null,
    sections: {},
    codeThemes: [],
    tags: [],
    clinicalHours: '',
    managementHours: '',
    participatory: false,
    shadowing: { partnerRole: '', iLearned: '', theyLearned: '' },
    feedbackSource: null,
    behaviours: [],
    lessons: [],
    keepAttachments: [],
    uploads: [],
  };
}

/** The editor's copy of a saved entry's draft. */
export function formFromDraft(draft: EntryDraft): EditorForm {
  return {
    kind: draft.kind,
    date: draft.date,
    title: draft.title,
    body: draft.body,
    template: draft.reflection?.template ?? null,
    sections: Object.fromEntries((draft.reflection?.sections ?? []).map((s) => [s.id, s.text])),
    codeThemes: [...(draft.reflection?.codeThemes ?? [])],
    tags: [...draft.tags],
    clinicalHours: hoursText(draft.cpd.clinicalMinutes),
    managementHours: hoursText(draft.cpd.managementMinutes),
    participatory: draft.cpd.participatory,
    shadowing: draft.shadowing ? { ...draft.shadowing } : { partnerRole: '', iLearned: '', theyLearned: '' },
    feedbackSource: draft.feedbackSource,
    behaviours: draft.behaviours.map((b) => ({ ...b })),
    lessons: draft.lessons.map((l) => ({ ...l })),
    keepAttachments: [...draft.keepAttachments],
    uploads: [],
  };
}

/**
 * Minutes from hours as people type them: "1.5", "1,5", "1:30" or "2". Blank is none;
 * anything else is null.
 */
export function parseHours(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (!/^(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  return Math.round(Number(t.replace(',', '.')) * 60);
}

/** Hours as the editor shows them: 90 minutes is "1.5", none is blank. Round-trips whole minutes. */
export function hoursText(minutes: number): string {
  if (minutes <= 0) return '';
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** Titles of sections with text that a switch to `next` (or to no form) would drop. */
export function textLostBySwitch(form: EditorForm, templates: TemplateInfo[], next: ReflectionTemplate | null): string[] {
  const current = templates.find((t) => t.template === form.template);
  if (!current) return [];
  const kept = new Set(templates.find((t) => t.template === next)?.sections.map((s) => s.id) ?? []);
  return current.sections.filter((s) => !kept.has(s.id) && (form.sections[s.id] ?? '').trim() !== '').map((s) => s.title);
}

/** Switches form, keeping only text in sections the new form also has. */
export function switchTemplate(form: EditorForm, templates: TemplateInfo[], next: ReflectionTemplate | null) {
  const kept = new Set(templates.find((t) => t.template === next)?.sections.map((s) => s.id) ?? []);
  form.sections = Object.fromEntries(Object.entries(form.sections).filter(([id]) => kept.has(id)));
  if (next !== 'nmc') form.codeThemes = [];
  form.template = next;
}

/** The draft to save, or what must be put right first. */
export function draftFromForm(
  form: EditorForm,
  templates: TemplateInfo[],
): { draft: EntryDraft; errors: [] } | { draft: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clinical = parseHours(form.clinicalHours);
  const management = parseHours(form.managementHours);
  if (clinical === null) {
    errors.push({ target: 'cpd-clinical-hours', text: 'CPD time: enter clinical hours as a number, like 1.5 for an hour and a half' });
  }
  if (management === null) {
    errors.push({ target: 'cpd-management-hours', text: 'CPD time: enter management hours as a number, like 1.5 for an hour and a half' });
  }
  if (clinical === null || management === null) return { draft: null, errors };

  const template = templates.find((t) => t.template === form.template);
  const shadowing = form.shadowing;
  const hasShadowing = [shadowing.partnerRole, shadowing.iLearned, shadowing.theyLearned].some((t) => t.trim() !== '');
  const draft: EntryDraft = {
    kind: form.kind,
    title: form.title.trim(),
    date: form.date,
    body: form.body,
    reflection: template
      ? {
          template: template.template,
          sections: template.sections
            .map((s) => ({ id: s.id, text: form.sections[s.id] ?? '' }))
            .filter((s) => s.text.trim() !== ''),
          codeThemes: template.template === 'nmc' ? [...form.codeThemes] : [],
        }
      : null,
    tags: [...form.tags],
    cpd: { clinicalMinutes: clinical, managementMinutes: management, participatory: form.participatory },
    shadowing: form.kind === 'shadowing' && hasShadowing ? { ...shadowing } : null,
    feedbackSource: form.kind === 'feedback' ? form.feedbackSource : null,
    behaviours: form.behaviours.map((b) => ({ ...b, justification: b.justification.trim() })),
    lessons: form.lessons.map((l) => ({ ...l })),
    keepAttachments: [...form.keepAttachments],
    newUploads: form.uploads.map((u) => u.id),
  };
  return { draft, errors: [] };
}

/** The app's messages start with the field they are about ("Title: give the entry a title"). */
const FIELDS: [string, string][] = [
  ['Title:', 'entry-title'],
  ['Date:', 'entry-date-day'],
  ['Reflection:', 'template-choice'],
  ['Tags:', 'tag-input'],
  ['CPD time:', 'cpd-clinical-hours'],
  ['Behaviours:', 'behaviour-select'],
  ['Lessons:', 'lesson-select'],
  ['Attachments:', 'attach-files'],
  ["The entry's text", 'entry-body'],
];

/** Where the error summary should take the learner for a message from the app. */
export function errorTarget(message: string): string | null {
  const named = FIELDS.find(([prefix]) => message.startsWith(prefix))?.[1];
  if (named) return named;
  // Problems with files kept or uploaded say "attachment" or "attached file".
  return /\battach/i.test(message) ? 'attach-files' : null;
}
