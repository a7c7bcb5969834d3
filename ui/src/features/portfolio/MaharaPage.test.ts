import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import MaharaPage from './MaharaPage.svelte';
import MaharaImport from './MaharaImport.svelte';
import type { ExportedLeap2a, Leap2aImported, Leap2aPreview, PreviewEntry } from '../../ipc/portfolio';

const huddle: PreviewEntry = {
  uid: 'leap2a-1', title: 'Running the safety huddle on Ward 14', date: '2026-10-02', kind: 'reflection',
  tags: ['safety', 'huddle'], attachments: ['huddle-script.txt'],
};
const budget: PreviewEntry = {
  uid: 'leap2a-2', title: 'Ward budget review with finance', date: '2026-10-20', kind: 'reflection',
  tags: [], attachments: [],
};
const preview: Leap2aPreview = {
  file: 'mahara-export.zip', feedTitle: 'Journal: Ward sister development', entries: [huddle], alreadyImported: [budget],
  warnings: [{ at: 'My CV (portfolio:artefact42)', message: 'is Mahara\'s resume item "employmenthistory": not imported' }],
};
const imported: Leap2aImported = { entryIds: [41], alreadyImported: 1, preview };
const noop = () => {};

describe('Mahara import', () => {
  it('shows what would be added, what is here already and what is left out, and writes nothing', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'preview_mahara_import') return preview;
    });
    render(MaharaImport, { path: '/home/me/mahara-export.zip', onchooseanother: noop, onclose: noop });
    const added = await screen.findByTestId('mahara-new-entries');
    const row = within(added).getByTestId('mahara-entry');
    expect(row.textContent).toContain('Running the safety huddle on Ward 14');
    expect(row.textContent).toContain('2 October 2026');
    expect(row.textContent).toContain('safety, huddle');
    expect(row.textContent).toContain('huddle-script.txt');
    expect(within(screen.getByTestId('mahara-already')).getByText('Ward budget review with finance')).toBeTruthy();
    expect(screen.getByTestId('mahara-warnings').textContent).toContain('My CV (portfolio:artefact42)');
    expect(screen.getByTestId('mahara-import-confirm').textContent).toContain('Import 1 entry');
    expect(calls).toEqual(['preview_mahara_import']);
  });

  it('imports only when confirmed, then links to the portfolio', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'import_mahara_portfolio' ? imported : preview;
    });
    render(MaharaImport, { path: '/home/me/mahara-export.zip', onchooseanother: noop, onclose: noop });
    await fireEvent.click(await screen.findByTestId('mahara-import-confirm'));
    const success = await screen.findByTestId('mahara-import-success');
    expect(success.textContent).toContain('1 entry added to your portfolio');
    expect(success.textContent).toContain('1 entry was there already');
    expect(screen.getByTestId('mahara-go-to-portfolio').getAttribute('href')).toBe('#/portfolio');
    expect(calls.at(-1)).toEqual(['import_mahara_portfolio', { path: '/home/me/mahara-export.zip' }]);
  });

  it('lists each place at fault when the file is refused', async () => {
    mockIPC(() => {
      throw {
        kind: 'invalid_input',
        message: 'evil.zip was refused as unsafe to open, and nothing in it was imported',
        fields: [],
        problems: [{ where: 'evil.zip', message: 'an entry links to ../../etc/passwd, outside the archive' }],
      };
    });
    render(MaharaImport, { path: '/home/me/evil.zip', onchooseanother: noop, onclose: noop });
    expect((await screen.findByTestId('import-error')).textContent).toContain('evil.zip cannot be imported');
    expect(screen.getByTestId('import-problems').textContent).toContain('evil.zip: an entry links to ../../etc/passwd');
    expect(screen.queryByTestId('mahara-import-confirm')).toBeNull();
  });
});

describe('Mahara page', () => {
  it('makes the Leap2A file and saves a copy where the learner chooses', async () => {
    const made: ExportedLeap2a = {
      path: '/data/exports/portfolio-leap2a-2026-12-07-160000.zip', fileName: 'portfolio-leap2a-2026-12-07-160000.zip',
      entries: 3, files: 1, bytes: 4096,
    };
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'export_for_mahara') return made;
      if (cmd === 'save_copy_as') return '/media/usb/portfolio.zip';
    });
    render(MaharaPage, {});
    await fireEvent.click(screen.getByTestId('mahara-export-button'));
    expect((await screen.findByTestId('mahara-export-done')).textContent).toContain('3 entries and 1 attached file');
    await fireEvent.click(screen.getByTestId('mahara-save-copy'));
    expect((await screen.findByTestId('mahara-copy-saved')).textContent).toContain('/media/usb/portfolio.zip');
    expect(calls.at(-1)).toEqual(['save_copy_as', { fileName: made.fileName, kind: 'leap2a' }]);
  });

  it('opens the preview of the file the learner chose', async () => {
    mockIPC((cmd) => {
      if (cmd === 'choose_mahara_file') return '/home/me/mahara-export.zip';
      if (cmd === 'preview_mahara_import') return preview;
    });
    render(MaharaPage, {});
    await fireEvent.click(screen.getByTestId('mahara-choose'));
    expect((await screen.findByTestId('mahara-preview')).textContent).toContain('Import from mahara-export.zip');
  });
});
