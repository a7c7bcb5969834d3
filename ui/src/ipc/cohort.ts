import { Channel } from '@tauri-apps/api/core';
import { call } from './call';
import type { CohortReport } from './bindings/CohortReport';
import type { CohortProgress } from './bindings/CohortProgress';
import type { SavedCohortReport } from './bindings/SavedCohortReport';

export type { CohortReport, CohortProgress, SavedCohortReport };
export type { LearnerReport } from './bindings/LearnerReport';
export type { CohortFramework } from './bindings/CohortFramework';
export type { RefusedBundle } from './bindings/RefusedBundle';

/** Opens the system's dialog for several bundle files, or for one folder of them; null when cancelled. */
export const chooseCohortBundles = (folder: boolean) => call<string[] | null>('choose_cohort_bundles', { folder });

/**
 * Checks every bundle in the chosen files and folders and reports on the cohort, calling
 * `progress` after each bundle. `frameworkId`: an installed framework for the heat map, or
 * null for the frameworks the bundles carry.
 */
export function runCohortReport(
  paths: string[],
  frameworkId: string | null,
  progress: (p: CohortProgress) => void,
): Promise<CohortReport> {
  const onProgress = new Channel<CohortProgress>();
  onProgress.onmessage = progress;
  return call<CohortReport>('run_cohort_report', { paths, frameworkId, onProgress });
}

/** Writes the last report's page and CSV to the data folder's exports/; "Save a copy" puts them anywhere. */
export const saveCohortReport = () => call<SavedCohortReport>('save_cohort_report');
