// Typed sample data for the export page's tests: if the Rust types change, these stop compiling.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { BundleSelection } from '../ipc/bindings/BundleSelection';
import type { DocumentFinding } from '../ipc/bindings/DocumentFinding';
import type { EntryPage } from '../ipc/bindings/EntryPage';
import type { EntryQuery } from '../ipc/bindings/EntryQuery';
import type { ExportPreview } from '../ipc/bindings/ExportPreview';
import type { ExportedBundle } from '../ipc/bindings/ExportedBundle';
import { sampleSummary } from './portfolio-fixtures';

/** Three entries as the chosen-entries list shows them, newest first. */
export function exportEntries(): EntryPage {
  return {
    entries: [
      sampleSummary({ id: 3, kind: 'reflection', kindLabel: 'Reflection', title: 'Handover on the ward', date: '2026-10-02' }),
      sampleSummary({ id: 2, title: 'Budget-holder training', date: '2026-03-15' }),
      sampleSummary({ id: 1, kind: 'shadowing', kindLabel: 'Shadowing', title: 'A day with the matron', date: '2026-02-01' }),
    ],
    total: 3,
    totalEstimated: false,
  };
}

/** A finding of an NHS number in an entry's reflection, in its context. */
export function nhsNumberInEntry(title = 'Handover on the ward', uid = 'uid-3'): DocumentFinding {
  return {
    entryUid: uid,
    entryTitle: title,
    field: 'Reflection: What?',
    finding: {
      kind: 'nhs-number',
      start: 14,
      end: 26,
      text: '943 476 5919',
      message: 'This looks like an NHS number. Remove it: refer to the patient as "patient A".',
    },
    before: 'The patient, ',
    after: ', was moved <b>twice</b>.',
  };
}

/** A finding of a postcode in the same entry's title. */
export function postcodeInEntry(title = 'Handover on the ward', uid = 'uid-3'): DocumentFinding {
  return {
    entryUid: uid,
    entryTitle: title,
    field: 'Description',
    finding: { kind: 'postcode', start: 8, end: 16, text: 'LS1 4AP', message: 'This looks like a postcode. Remove it.' },
    before: 'Went to ',
    after: ' for the visit',
  };
}

/** A finding of a date of birth in the development plan (no entry). */
export function dateOfBirthInPlan(): DocumentFinding {
  return {
    entryUid: null,
    entryTitle: 'Lead the rota review',
    field: 'Goal: measure',
    finding: { kind: 'date-of-birth', start: 4, end: 14, text: 'DOB 01/02/1950', message: 'This looks like a date of birth. Remove it.' },
    before: 'Ask ',
    after: ' about it',
  };
}

export function samplePreview(findings: DocumentFinding[] = []): ExportPreview {
  return { entries: 3, attachments: 2, goals: 4, findings };
}

export function sampleExported(): ExportedBundle {
  return {
    path: '/home/me/.local/share/ward-to-board/exports/sam-patel-2026-11-23.w2bbundle',
    fileName: 'sam-patel-2026-11-23.w2bbundle',
    htmlFileName: 'sam-patel-2026-11-23.html',
    bundleId: 'b-1',
    entries: 3,
    bytes: 1_572_864,
    signer: null,
  };
}

export type ExportCall = [command: string, args: unknown];
type Handler = (args: unknown) => unknown;

/**
 * Answers the export page's commands (entries, preview, export, save a copy), recording each
 * call; `handlers` replace any answer (throw to fail).
 */
export function exportBackend(handlers: Record<string, Handler> = {}): ExportCall[] {
  const calls: ExportCall[] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const handler = handlers[cmd];
    if (handler) return handler(args);
    if (cmd === 'find_entries') return exportEntries();
    if (cmd === 'preview_export') return samplePreview();
    if (cmd === 'export_bundle') return sampleExported();
    if (cmd === 'save_copy_as') return '/home/me/Documents/sam-patel-2026-11-23.w2bbundle';
    return null;
  });
  return calls;
}

/** The selection the last call of `command` was sent. */
export function selectionSent(calls: ExportCall[], command: 'preview_export' | 'export_bundle'): BundleSelection | undefined {
  const found = calls.filter(([c]) => c === command);
  return (found[found.length - 1]?.[1] as { selection: BundleSelection } | undefined)?.selection;
}

/** The query the last find_entries call was sent. */
export function lastEntryQuery(calls: ExportCall[]): EntryQuery | undefined {
  const found = calls.filter(([c]) => c === 'find_entries');
  return (found[found.length - 1]?.[1] as { query: EntryQuery } | undefined)?.query;
}
