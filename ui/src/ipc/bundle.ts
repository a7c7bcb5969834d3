import { call } from './call';
import type { BundleSelection } from './bindings/BundleSelection';
import type { ExportPreview } from './bindings/ExportPreview';
import type { ExportedBundle } from './bindings/ExportedBundle';
import type { SigningRequest } from './bindings/SigningRequest';

export type { BundleSelection, ExportPreview, ExportedBundle };
export type { DocumentFinding } from './bindings/DocumentFinding';
export type { PortfolioDocument } from './bindings/PortfolioDocument';
export type { BundleEntry } from './bindings/BundleEntry';

/** What a bundle with this selection would hold, with the privacy check's findings. */
export const previewExport = (selection: BundleSelection) => call<ExportPreview>('preview_export', { selection });

/** Writes the bundle to the data folder's exports/, checks it, and records it for the review that comes back. */
export const exportBundle = (selection: BundleSelection, signing: SigningRequest | null = null) =>
  call<ExportedBundle>('export_bundle', { selection, signing });

/** Asks where to save a copy of an exported bundle, a Leap2A export or a saved review; null when cancelled. */
export const saveCopyAs = (fileName: string, kind: 'bundle' | 'leap2a' | 'review' | 'document') => call<string | null>('save_copy_as', { fileName, kind });

/** Opens the exported bundle's readable page in its own window with the system's print dialog (print to a file for a PDF). */
export const printBundlePage = (fileName: string) => call<null>('print_bundle_page', { fileName });
