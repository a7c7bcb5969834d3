import { call, sendFile } from './call';
import type { BundleSelection } from './bindings/BundleSelection';
import type { ExportPreview } from './bindings/ExportPreview';
import type { ExportedBundle } from './bindings/ExportedBundle';
import type { ReviewSession } from './bindings/ReviewSession';
import type { ReviewInput } from './bindings/ReviewInput';
import type { ReviewView } from './bindings/ReviewView';
import type { EntryComment } from './bindings/EntryComment';

export type { BundleSelection, ExportPreview, ExportedBundle, ReviewSession, ReviewInput, ReviewView, EntryComment };
export type { DocumentFinding } from './bindings/DocumentFinding';
export type { PortfolioDocument } from './bindings/PortfolioDocument';
export type { BundleEntry } from './bindings/BundleEntry';
export type { SignOff } from './bindings/SignOff';
export type { SignOffOutcome } from './bindings/SignOffOutcome';
export type { SignOffView } from './bindings/SignOffView';
export type { ReviewComment } from './bindings/ReviewComment';


/** What a bundle with this selection would hold, with the privacy check's findings. */
export const previewExport = (selection: BundleSelection) => call<ExportPreview>('preview_export', { selection });

/** Writes the bundle to the data folder's exports/, checks it, and records it for the review that comes back. */
export const exportBundle = (selection: BundleSelection) => call<ExportedBundle>('export_bundle', { selection });

/** Asks where to save a copy of an exported bundle or a saved review; null when cancelled. */
export const saveCopyAs = (fileName: string, kind: 'bundle' | 'review') => call<string | null>('save_copy_as', { fileName, kind });

/** The learner imports the appraiser's review file. */
export const importReview = (file: File) => sendFile<ReviewView>('import_review', file);

export const listReviews = () => call<ReviewView[]>('list_reviews');

export const getEntryComments = (id: number) => call<EntryComment[]>('get_entry_comments', { id });

/** The appraiser opens a bundle: it is checked completely before anything is shown. */
export const openBundle = (file: File) => sendFile<ReviewSession>('open_bundle', file);

export const getBundlePicture = (token: string, path: string, sha256: string, mediaType: string) =>
  call<string | null>('get_bundle_picture', { token, path, sha256, mediaType });

export const keepReviewDraft = (bundleId: string, manifestSha256: string, json: string) =>
  call<null>('keep_review_draft', { bundleId, manifestSha256, json });

/** Opens the exported bundle's readable page in its own window with the system's print dialog (print to a file for a PDF). */
export const printBundlePage = (fileName: string) => call<null>('print_bundle_page', { fileName });

/** Writes the review file to the data folder's reviews/; returns its file name. */
export const saveReview = (token: string, review: ReviewInput) => call<string>('save_review', { token, review });
