import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import PacksPage from './PacksPage.svelte';
import ImportPanel from './ImportPanel.svelte';
import type { ImportAction, ImportPreview, InstalledPack } from '../../ipc/packs';

const builtin: InstalledPack = {
  id: 'ward-to-board.core', title: 'Built-in', publisher: 'Ward to Board', version: '0.1.0', licence: 'CC-BY-4.0',
  builtin: true, modules: 2, lessons: 8, installedAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z',
};
const scheme: InstalledPack = { ...builtin, id: 'nw.scheme', title: 'NW scheme', publisher: 'NW', builtin: false };

function preview(action: ImportAction, warnings: string[] = []): ImportPreview {
  return { id: 'nw.scheme', title: 'NW scheme', publisher: 'NW', version: '2.0.0', modules: 3, lessons: 9, warnings, action, frameworks: [], signature: { kind: 'not_signed' }, signerChange: null };
}

const noop = () => {};

describe('curricula page', () => {
  it('lists installed curricula and removes one only after confirming', async () => {
    const calls: [string, unknown][] = [];
    let installed = [builtin, scheme];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'list_packs') return installed;
      if (cmd === 'remove_pack') installed = [builtin];
    });
    render(PacksPage, {});
    expect(await screen.findAllByTestId('pack-row')).toHaveLength(2);
    expect(screen.getAllByTestId('remove-pack')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('remove-pack'));
    expect(calls.some(([c]) => c === 'remove_pack')).toBe(false);
    await fireEvent.click(screen.getByTestId('confirm-remove'));
    expect(await screen.findByText(/NW scheme was removed/)).toBeTruthy();
    expect(calls.find(([c]) => c === 'remove_pack')?.[1]).toEqual({ packId: 'nw.scheme' });
    await waitFor(() => expect(screen.getAllByTestId('pack-row')).toHaveLength(1));
  });

  it('offers a pack named at launch for import straight away', async () => {
    mockIPC((cmd) => {
      if (cmd === 'list_packs') return [builtin];
      if (cmd === 'preview_pack_import') return preview({ kind: 'install' });
    });
    render(PacksPage, { launchImport: '/home/me/Downloads/nw.w2bpack' });
    expect((await screen.findByTestId('import-preview')).textContent).toContain('Import from nw.w2bpack');
  });
});

describe('import panel', () => {
  it('installs a new curriculum and says where it went', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return preview({ kind: 'install' });
    });
    render(ImportPanel, { path: '/p/nw.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
    await fireEvent.click(await screen.findByTestId('import-confirm'));
    expect((await screen.findByTestId('import-success')).textContent).toContain('NW scheme is installed');
    expect(calls.at(-1)).toEqual(['import_pack', { path: '/p/nw.w2bpack', allowDowngrade: false, acceptNewSigner: false }]);
  });

  it('names an upgrade and promises the progress is kept', async () => {
    mockIPC(() => preview({ kind: 'upgrade', from: '1.0.0' }));
    render(ImportPanel, { path: '/p/nw.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
    expect((await screen.findByTestId('import-confirm')).textContent).toContain('Update to version 2.0.0');
    expect(screen.getByText(/Version 1.0.0 is installed. Updating keeps your progress/)).toBeTruthy();
  });

  it('asks before installing an older version, then confirms it explicitly', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return preview({ kind: 'downgrade', from: '3.0.0' });
    });
    render(ImportPanel, { path: '/p/old.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
    const button = await screen.findByTestId('import-confirm');
    expect(button.textContent).toContain('Install the older version');
    await fireEvent.click(button);
    await screen.findByTestId('import-success');
    expect(calls.at(-1)).toEqual(['import_pack', { path: '/p/old.w2bpack', allowDowngrade: true, acceptNewSigner: false }]);
  });

  it('offers no way to install a refused pack', async () => {
    mockIPC(() => preview({ kind: 'refused', reason: 'a pack cannot take over another publisher\u2019s pack' }));
    render(ImportPanel, { path: '/p/evil.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
    expect((await screen.findByTestId('import-refused')).textContent).toContain('Nothing was changed');
    expect(screen.queryByTestId('import-confirm')).toBeNull();
  });

  it('shows every problem of a broken file and changes nothing', async () => {
    mockIPC(() => {
      throw {
        kind: 'invalid_input',
        message: 'The pack has 1 problem. Nothing was changed.',
        fields: [],
        problems: [{ where: '../evil.md', message: 'has a path that leaves its folder' }],
      };
    });
    render(ImportPanel, { path: '/p/evil.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('evil.w2bpack cannot be imported');
    expect(error.textContent).toContain('Nothing was changed');
    // Each problem is listed from `problems`, with where it is, not read out of the message.
    expect(screen.getByTestId('import-problems').textContent).toContain('../evil.md: has a path that leaves its folder');
  });

  it('lists the warnings for the publisher without blocking the import', async () => {
    mockIPC(() => preview({ kind: 'install' }, ['m/01.md:4:1: warning: raw HTML `<script>` is removed']));
    render(ImportPanel, { path: '/p/nw.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
    expect((await screen.findByText('1 parts will be shown simplified'))).toBeTruthy();
    expect(screen.getByTestId('import-confirm')).toBeTruthy();
  });
});
