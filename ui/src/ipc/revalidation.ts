import { call } from './call';
import type { Revalidation } from './bindings/Revalidation';
import type { RevalidationSettings } from './bindings/RevalidationSettings';

export type { Revalidation, RevalidationSettings };
export type { RevalidationPeriod } from './bindings/RevalidationPeriod';
export type { Counter } from './bindings/Counter';
export type { ClinicalCurrency } from './bindings/ClinicalCurrency';
export type { PracticeHours } from './bindings/PracticeHours';

/** `today` is the learner's local date (lib/clock localDate). */
export const getRevalidation = (today: string) => call<Revalidation>('get_revalidation', { today });

export const setRevalidationSettings = (settings: RevalidationSettings) => call<null>('set_revalidation_settings', { settings });

export const addPracticeHours = (start: string, end: string, hours: number, role: string) =>
  call<null>('add_practice_hours', { start, end, hours, role });

export const deletePracticeHours = (id: number) => call<null>('delete_practice_hours', { id });

import type { DocumentRequest } from './bindings/DocumentRequest';
import type { DocumentCheck } from './bindings/DocumentCheck';
import type { WrittenDocument } from './bindings/WrittenDocument';

export type { DocumentRequest, DocumentCheck, WrittenDocument };
export type { CheckItem } from './bindings/CheckItem';
export type { DocumentKind } from './bindings/DocumentKind';
export type { DocumentFormat } from './bindings/DocumentFormat';

/** The completeness check and privacy findings for a regulator's document; nothing is written. */
export const checkRevalidationDocument = (request: DocumentRequest) =>
  call<DocumentCheck>('check_revalidation_document', { request });

/** Writes the document into the exports folder of the data folder. */
export const writeRevalidationDocument = (request: DocumentRequest) =>
  call<WrittenDocument>('write_revalidation_document', { request });

/** Shows a written document in the system's file manager. */
export const showDocumentFolder = (fileName: string) => call<null>('show_document_folder', { fileName });
