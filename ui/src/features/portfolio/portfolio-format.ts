// Words for portfolio screens: entry dates, save times, file sizes and kinds, counts.
import type { FeedbackSource, VersionSummary } from '../../ipc/portfolio';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const whenFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });

/**
 * "15 March 2026" from a YYYY-MM-DD entry date. The date is the person's own calendar day, so it
 * is read as local time: `new Date('2026-03-15')` would be UTC midnight, a day early in the west.
 */
export function dateInWords(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number);
  if (!y || !m || !d) return localDate;
  return dayFormat.format(new Date(y, m - 1, d));
}

/** "17 March 2026 at 09:30" from an RFC 3339 instant, in the person's own time zone. */
export function savedWhen(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : whenFormat.format(date);
}

/** "1 entry", "3 entries"; "1 attachment", "2 attachments". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
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

export type DateParts = { day: string; month: string; year: string };
export type ParsedDate = { kind: 'empty' } | { kind: 'valid'; date: string } | { kind: 'invalid'; problem: string };

/**
 * Day, month and year boxes (the NHS date input) as a YYYY-MM-DD date. `problem` finishes the
 * sentence "<field name> …", so the error can name the field.
 */
export function parseDateParts({ day, month, year }: DateParts): ParsedDate {
  const parts = { day: day.trim(), month: month.trim(), year: year.trim() };
  const missing = (['day', 'month', 'year'] as const).filter((p) => parts[p] === '');
  if (missing.length === 3) return { kind: 'empty' };
  if (missing.length > 0) return { kind: 'invalid', problem: `must include a ${missing.join(' and a ')}` };
  if (![parts.day, parts.month, parts.year].every((p) => /^\d+$/.test(p)) || parts.year.length !== 4) {
    return { kind: 'invalid', problem: 'must be a real date, with a 4-digit year' };
  }
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(y, m - 1, d);
  if (m < 1 || m > 12 || date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) {
    return { kind: 'invalid', problem: 'must be a real date' };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'valid', date: `${y}-${pad(m)}-${pad(d)}` };
}
