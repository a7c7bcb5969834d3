import { call } from './call';

import type { BackupInfo } from './bindings/BackupInfo';
import type { BackupKind } from './bindings/BackupKind';

export type { BackupInfo, BackupKind };

export const listBackups = () => call<BackupInfo[]>('list_backups');

/** Takes a copy now; the app names it as one the learner made. */
export const backupNow = () => call<BackupInfo>('backup_now');

/** Replaces the data with the copy; returns the copy kept of the data it replaced. */
export const restoreBackup = (fileName: string) => call<BackupInfo>('restore_backup', { fileName });
