import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import BackupsPage from './BackupsPage.svelte';
import type { BackupInfo } from '../../ipc/backups';
import type { AppInfo } from '../../ipc/app';

const appInfo: AppInfo = { version: '0.2.0', dataDir: '/home/me/.local/share/ward-to-board', startupError: null, pendingImport: null, pendingImportScreen: null, pendingCohort: [], fixedClock: null };

const daily: BackupInfo = {
  fileName: 'automatic-20261123T090000Z.sqlite3',
  kind: 'automatic',
  createdAt: '2026-11-23T09:00:00.000Z',
  sizeBytes: 1_572_864,
  entries: 12,
};
const older: BackupInfo = {
  fileName: 'before-upgrade-v2-to-v3-20261101T090000Z.sqlite3',
  kind: 'before-upgrade',
  createdAt: '2026-11-01T09:00:00.000Z',
  sizeBytes: 40_960,
  entries: null,
};
const mine: BackupInfo = {
  fileName: 'manual-20261124T100000Z.sqlite3',
  kind: 'manual',
  createdAt: '2026-11-24T10:00:00.000Z',
  sizeBytes: 1_600_000,
  entries: 13,
};
const kept: BackupInfo = {
  fileName: 'before-restore-20261124T110000Z.sqlite3',
  kind: 'before-restore',
  createdAt: '2026-11-24T11:00:00.000Z',
  sizeBytes: 1_600_000,
  entries: 13,
};

/** Answers the page's commands from a list that the commands change, recording each call. */
function fakeBackups(initial: BackupInfo[], overrides: Record<string, (args: unknown) => unknown> = {}) {
  const calls: [string, unknown][] = [];
  let list = [...initial];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (overrides[cmd]) return overrides[cmd](args);
    if (cmd === 'get_app_info') return appInfo;
    if (cmd === 'list_backups') return list;
    if (cmd === 'backup_now') {
      list = [mine, ...list];
      return mine;
    }
    if (cmd === 'restore_backup') {
      list = [kept, ...list];
      return kept;
    }
  });
  return calls;
}

describe('backups page', () => {
  it('explains the copies, says where they are and lists them in words', async () => {
    fakeBackups([daily, older]);
    render(BackupsPage, {});
    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(2);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Backups');
    expect(screen.getByText(/keeps the\s+10 newest daily copies/)).toBeTruthy();
    expect((await screen.findByTestId('backups-folder')).textContent).toBe('/home/me/.local/share/ward-to-board/backups');
    const first = rows[0]!.textContent ?? '';
    expect(first).toContain('23 November 2026');
    expect(first).toContain('Daily copy');
    expect(first).toContain('1.5 MB');
    expect(first).toContain('12');
    const second = rows[1]!.textContent ?? '';
    expect(second).toContain('Kept before an app update');
    expect(second).toContain('40 KB');
    expect(second).toContain('Not counted');
  });

  it('says when there are no copies yet', async () => {
    fakeBackups([]);
    render(BackupsPage, {});
    expect(await screen.findByTestId('no-backups')).toBeTruthy();
    expect(screen.queryByTestId('backups-table')).toBeNull();
  });

  it('makes a copy on request and lists it', async () => {
    const calls = fakeBackups([daily]);
    render(BackupsPage, {});
    await screen.findAllByTestId('backup-row');
    await fireEvent.click(screen.getByTestId('backup-now'));
    expect((await screen.findByTestId('backup-made')).textContent).toContain(mine.fileName);
    expect(calls.find(([c]) => c === 'backup_now')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('backup-row')).toHaveLength(2));
  });

  it('restores only after confirming, then names the copy kept of the data it replaced', async () => {
    const calls = fakeBackups([daily, older]);
    render(BackupsPage, {});
    const buttons = await screen.findAllByTestId('restore-backup');
    await fireEvent.click(buttons[0]!);
    const confirm = screen.getByTestId('restore-confirm');
    expect(confirm.textContent).toContain('23 November 2026');
    expect(calls.some(([c]) => c === 'restore_backup')).toBe(false);

    await fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
    expect(calls.some(([c]) => c === 'restore_backup')).toBe(false);

    await fireEvent.click(screen.getAllByTestId('restore-backup')[0]!);
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, restore' }));
    const success = await screen.findByTestId('restore-success');
    expect(success.textContent).toContain('Backup restored');
    expect(success.textContent).toContain(kept.fileName);
    expect(calls.find(([c]) => c === 'restore_backup')?.[1]).toEqual({ fileName: daily.fileName });
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('backup-row')).toHaveLength(3));
  });

  it('shows a refused restore in an error summary and no success', async () => {
    fakeBackups([daily], {
      restore_backup: () => {
        throw {
          kind: 'invalid_input',
          message: 'automatic-20261123T090000Z.sqlite3 cannot be restored: it is damaged. Nothing was changed.',
        };
      },
    });
    render(BackupsPage, {});
    await fireEvent.click(await screen.findByTestId('restore-backup'));
    await fireEvent.click(screen.getByTestId('confirm-restore'));
    const error = await screen.findByTestId('backups-error');
    expect(error.textContent).toContain('The backup was not restored');
    expect(error.textContent).toContain('Nothing was changed.');
    await waitFor(() => expect(document.activeElement).toBe(error));
    expect(screen.queryByTestId('restore-success')).toBeNull();
  });

  it('shows why the list could not be read', async () => {
    fakeBackups([], {
      list_backups: () => {
        throw { kind: 'io', message: 'cannot read /data/backups: permission denied' };
      },
    });
    render(BackupsPage, {});
    const error = await screen.findByTestId('backups-error');
    expect(error.textContent).toContain('Your backups could not be listed');
    expect(error.textContent).toContain('permission denied');
  });
});
