import { call, sendFile } from './call';
import type { EditorOptions } from './bindings/EditorOptions';
import type { EntryDraft } from './bindings/EntryDraft';
import type { EntryPage } from './bindings/EntryPage';
import type { EntryQuery } from './bindings/EntryQuery';
import type { EntryView } from './bindings/EntryView';
import type { TagCount } from './bindings/TagCount';
import type { UploadView } from './bindings/UploadView';
import type { VersionSummary } from './bindings/VersionSummary';
import type { PrivacyFinding } from './bindings/PrivacyFinding';

export type { EditorOptions, EntryDraft, EntryPage, EntryQuery, EntryView, TagCount, UploadView, VersionSummary, PrivacyFinding };
export type { EntryKind } from './bindings/EntryKind';
export type { EntrySort } from './bindings/EntrySort';
export type { EntrySummary } from './bindings/EntrySummary';
export type { ReflectionTemplate } from './bindings/ReflectionTemplate';
export type { Reflection } from './bindings/Reflection';
export type { FeedbackSource } from './bindings/FeedbackSource';
export type { BehaviourRating } from './bindings/BehaviourRating';
export type { AttachmentView } from './bindings/AttachmentView';
export type { FrameworkOutline } from './bindings/FrameworkOutline';
export type { TemplateInfo } from './bindings/TemplateInfo';
export type { LessonChoice } from './bindings/LessonChoice';

/** A query that matches every entry outside the bin, newest first. */
export function emptyQuery(): EntryQuery {
  return { text: '', kinds: [], from: null, to: null, behaviour: null, tag: null, sort: 'newest', inBin: false, offset: 0, limit: 0 };
}

export const getEditorOptions = () => call<EditorOptions>('get_editor_options');

export const findEntries = (query: EntryQuery) => call<EntryPage>('find_entries', { query });

export const listEntryTags = () => call<TagCount[]>('list_entry_tags');

export const countBin = () => call<number>('count_bin');

/** The current version, or an earlier one. */
export const getEntry = (id: number, version: number | null = null) => call<EntryView>('get_entry', { id, version });

/** Saves a new entry (id null) or a new version of one, refused if it moved on from `expectedVersion`. */
export const saveEntry = (id: number | null, expectedVersion: number | null, draft: EntryDraft) =>
  call<EntryView>('save_entry', { id, expectedVersion, draft });

export const listEntryVersions = (id: number) => call<VersionSummary[]>('list_entry_versions', { id });

export const restoreEntryVersion = (id: number, version: number) => call<EntryView>('restore_entry_version', { id, version });

export const deleteEntry = (id: number) => call<null>('delete_entry', { id });

export const restoreEntryFromBin = (id: number) => call<null>('restore_entry_from_bin', { id });

/** Deletes every entry in the bin for good; returns how many. */
export const emptyBin = () => call<number>('empty_bin');

/** Sends a file's bytes as the raw body, its name in a header; the file waits until the entry is saved. */
export const uploadAttachment = (file: File) => sendFile<UploadView>('upload_attachment', file);

/** Asks where to save a copy; returns the path, or null when cancelled. */
export const saveAttachmentCopy = (id: number) => call<string | null>('save_attachment_copy', { id });

/** A picture attachment as a data: address; null for other files. */
export const getAttachmentPreview = (id: number) => call<string | null>('get_attachment_preview', { id });

export type { EditorDraft } from './bindings/EditorDraft';
import type { EditorDraft } from './bindings/EditorDraft';

/** Keeps the editor's unsaved work (its own JSON) for an entry, or for a new entry (null). */
export const keepEditorDraft = (entry: number | null, json: string) => call<null>('keep_editor_draft', { entry, json });

export const getEditorDraft = (entry: number | null) => call<EditorDraft | null>('get_editor_draft', { entry });

export const discardEditorDraft = (entry: number | null) => call<null>('discard_editor_draft', { entry });

/** Markdown rendered and sanitised by the app, for the editor's preview. */
export const previewMarkdown = (text: string) => call<string>('preview_markdown', { text });

/** Likely patient-identifiable text: NHS numbers, dates of birth, postcodes. */
export const checkPrivacy = (text: string) => call<PrivacyFinding[]>('check_privacy', { text });

export type { Leap2aPreview } from './bindings/Leap2aPreview';
export type { PreviewEntry } from './bindings/PreviewEntry';
export type { Leap2aWarning } from './bindings/Leap2aWarning';
export type { ExportedLeap2a } from './bindings/ExportedLeap2a';
export type { Leap2aImported } from './bindings/Leap2aImported';
import type { Leap2aPreview } from './bindings/Leap2aPreview';
import type { ExportedLeap2a } from './bindings/ExportedLeap2a';
import type { Leap2aImported } from './bindings/Leap2aImported';

/** Writes the whole portfolio as a Leap2A zip for Mahara into the data folder's exports/. */
export const exportForMahara = () => call<ExportedLeap2a>('export_for_mahara');

/** Opens the file picker for a Mahara Leap2A export; null when cancelled. */
export const chooseMaharaFile = () => call<string | null>('choose_mahara_file');

/** What importing the chosen Leap2A file would create; nothing is written. */
export const previewMaharaImport = (path: string) => call<Leap2aPreview>('preview_mahara_import', { path });

/** Saves every new entry of the chosen Leap2A file, all or nothing. */
export const importMaharaPortfolio = (path: string) => call<Leap2aImported>('import_mahara_portfolio', { path });
