// The editor's working copy of an entry, and the rules for turning it into the draft the app
// saves: hours typed as text become minutes, empty optional parts are left out, and the fields
// an error from the app names (`IpcError.fields`) are tied back to the inputs.
import type {
  BehaviourRating,
  EntryDraft,
  EntryKind,
  FeedbackSource,
  ReflectionTemplate,
  TemplateInfo,
  UploadView,
} from '../../../ipc/portfolio';
import type { IpcError } from '../../../ipc/call';
import type { FormError } from '../../../components/form-errors';
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
): { draft: EntryDraft; errors: [] } | { draft: null; errors: FormError[] } {
  const errors: FormError[] = [];
  const clinical = parseHours(form.clinicalHours);
  const management = parseHours(form.managementHours);
  if (clinical === null) {
    errors.push({ field: 'cpd-clinical-hours', text: 'CPD time: enter clinical hours as a number, like 1.5 for an hour and a half' });
  }
  if (management === null) {
    errors.push({ field: 'cpd-management-hours', text: 'CPD time: enter management hours as a number, like 1.5 for an hour and a half' });
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

/**
 * The input each of the app's field names (documented on `EntryDraft`) belongs to: the error
 * summary links there. The date goes to its first box, CPD time to the clinical hours.
 */
export const FIELD_INPUTS: Record<string, string> = {
  title: 'entry-title',
  date: 'entry-date-day',
  body: 'entry-body',
  reflection: 'template-choice',
  tags: 'tag-input',
  cpd: 'cpd-clinical-hours',
  behaviours: 'behaviour-select',
  lessons: 'lesson-select',
  attachments: 'attach-files',
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a refused save says, for the summary: each field the app named, linked to its input. */
export function saveErrors(failure: IpcError): FormError[] {
  if (failure.fields.length === 0) return [{ text: sentence(failure.message) }];
  return failure.fields.map((f) => ({ field: FIELD_INPUTS[f.field], text: sentence(f.message) }));
}
