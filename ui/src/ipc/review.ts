import { call, sendFile } from './call';
import type { ReviewSession } from './bindings/ReviewSession';
import type { ReviewInput } from './bindings/ReviewInput';
import type { ReviewView } from './bindings/ReviewView';
import type { EntryComment } from './bindings/EntryComment';
import type { SavedReview } from './bindings/SavedReview';
import type { SigningRequest } from './bindings/SigningRequest';

export type { ReviewSession, ReviewInput, ReviewView, EntryComment, SavedReview };
export type { PortfolioDocument } from './bindings/PortfolioDocument';
export type { BundleEntry } from './bindings/BundleEntry';
export type { SignOff } from './bindings/SignOff';
export type { SignOffOutcome } from './bindings/SignOffOutcome';
export type { SignOffView } from './bindings/SignOffView';
export type { ReviewComment } from './bindings/ReviewComment';

/** The learner imports the appraiser's review file. */
export const importReview = (file: File) => sendFile<ReviewView>('import_review', file);

/** What importing a review file opened from the file manager would give; nothing is kept. */
export const previewReviewFile = (path: string) => call<ReviewView>('preview_review_file', { path });

/** The learner confirmed the review file opened from the file manager. */
export const importReviewFile = (path: string) => call<ReviewView>('import_review_file', { path });

export const listReviews = () => call<ReviewView[]>('list_reviews');

export const getEntryComments = (id: number) => call<EntryComment[]>('get_entry_comments', { id });

/** The appraiser opens a bundle: it is checked completely before anything is shown. */
export const openBundle = (file: File) => sendFile<ReviewSession>('open_bundle', file);

/** The appraiser opens a bundle handed over by the file manager, with the same checks. */
export const openBundleFile = (path: string) => call<ReviewSession>('open_bundle_file', { path });

export const getBundlePicture = (token: string, path: string, sha256: string, mediaType: string) =>
  call<string | null>('get_bundle_picture', { token, path, sha256, mediaType });

export const keepReviewDraft = (bundleId: string, manifestSha256: string, json: string) =>
  call<null>('keep_review_draft', { bundleId, manifestSha256, json });

/** Writes the review file to the data folder's reviews/, signed with the appraiser's own key when `signing` is given; returns its file name and signer. */
export const saveReview = (token: string, review: ReviewInput, signing: SigningRequest | null = null) =>
  call<SavedReview>('save_review', { token, review, signing });
