// Words shared by screens of several areas: counts, file sizes and kinds, kinds of feedback and change.
// Dates and times are in lib/format.ts.
import type { FeedbackSource, VersionSummary } from '../ipc/portfolio';
import { number } from './format';

/** "1 entry", "3 entries"; "1 attachment", "2 attachments". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${number(n)} ${n === 1 ? one : many}`;
}

/** "840 KB", "2.5 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const fileKinds: Record<string, string> = {
  'application/pdf': 'PDF document',
  'image/png': 'PNG picture',
  'image/jpeg': 'JPEG picture',
  'image/gif': 'GIF picture',
  'image/webp': 'WebP picture',
  'text/plain': 'Text file',
  'text/markdown': 'Text file',
  'text/csv': 'Spreadsheet (CSV)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
};

/** What a file is, in words where the type is a common one. */
export function fileKind(mediaType: string): string {
  return fileKinds[mediaType] ?? mediaType;
}

export const feedbackSourceWords: Record<FeedbackSource, string> = {
  colleague: 'A colleague',
  patient: 'A patient',
  compliment_or_complaint: 'A compliment or complaint',
  other: 'Somewhere else',
};

/** "Created", "Edited", "Restored from version 1". */
export function changeWords(version: VersionSummary): string {
  if (version.change === 'created') return 'Created';
  if (version.change === 'edited') return 'Edited';
  return version.restoredFrom === null ? 'Restored' : `Restored from version ${version.restoredFrom}`;
}
