import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import FrameworksPage from './FrameworksPage.svelte';
import InstallFrameworkPanel from './InstallFrameworkPanel.svelte';
import type { FrameworkPreview, InstalledFramework, UpgradePlan } from '../../ipc/frameworks';

const cmpf: InstalledFramework = {
  id: 'cmpf', version: '1.0.0', title: 'Clinician-Manager Practice Framework', publisher: 'Ward to Board',
  licence: 'CC-BY-4.0', description: '', source: null, installedFrom: 'built in', installedAt: '2026-12-07T09:00:00.000Z',
  items: 48, levels: ['Domain', 'Element', 'Behaviour'], entries: 3,
};
const scheme: InstalledFramework = {
  ...cmpf, id: 'nct-wm', title: 'Ward Manager Programme standards', publisher: 'North Coast NHS Trust (example)',
  installedFrom: 'ward-manager-1.toml', items: 11, entries: 0,
};

function plan(over: Partial<UpgradePlan> = {}): UpgradePlan {
  return {
    frameworkId: 'nct-wm', title: 'Ward Manager Programme standards', fromVersion: null, toVersion: '1.0.0',
    unchanged: false, itemsTotal: 11, added: 11, kept: 0, renamed: [], moved: [], removed: [], ...over,
  };
}

function preview(p: UpgradePlan): FrameworkPreview {
  return {
    fileName: 'ward-manager-1.toml', source: 'framework_file', sourceLabel: 'framework file',
    publisher: 'North Coast NHS Trust (example)', licence: 'CC-BY-4.0', descriptionHtml: '<p>What the trust expects.</p>',
    levels: ['Standard', 'Capability', 'Indicator'], depth: 3,
    domains: [{ title: 'Safe staffing', items: 3 }, { title: 'People', items: 1 }],
    scale: ['Not yet seen', 'Emerging', 'Secure'], plan: p,
  };
}

const noop = () => {};

describe('frameworks page', () => {
  it('lists what is installed and where each came from', async () => {
    mockIPC((cmd) => (cmd === 'list_frameworks' ? [cmpf, scheme] : null));
    render(FrameworksPage, {});
    const rows = await screen.findAllByTestId('framework-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('built in');
    expect(rows[0]!.textContent).toContain('3 entries rated against it');
    expect(rows[1]!.textContent).toContain('from ward-manager-1.toml');
  });

  it('offers a framework file named at launch straight away', async () => {
    mockIPC((cmd) => (cmd === 'list_frameworks' ? [cmpf] : preview(plan())));
    render(FrameworksPage, { launchImport: '/home/me/Downloads/ward-manager-1.toml' });
    expect((await screen.findByTestId('framework-preview')).textContent).toContain('From ward-manager-1.toml');
  });
});


describe('install framework panel', () => {
  it('shows the structure before installing, then installs on confirm', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return cmd === 'preview_framework' ? preview(plan()) : plan();
    });
    render(InstallFrameworkPanel, { path: '/p/ward-manager-1.toml', onchooseanother: noop, onclose: noop, oninstalled: noop });
    const shown = (await screen.findByTestId('framework-preview')).textContent ?? '';
    expect(shown).toContain('Standard → Capability → Indicator');
    expect(shown).toContain('Safe staffing: 3 items');
    expect(shown).toContain('will be added, with 11 behaviours');
    expect(calls.map(([c]) => c)).toEqual(['preview_framework']);
    await fireEvent.click(screen.getByTestId('framework-confirm'));
    expect((await screen.findByTestId('framework-installed')).textContent).toContain('is installed');
    expect(calls.at(-1)).toEqual(['install_framework', { path: '/p/ward-manager-1.toml' }]);
  });

  it('lists what a new version renames, moves and removes, with the entries each touches', async () => {
    const upgrade = plan({
      fromVersion: '1.0.0', toVersion: '2.0.0', kept: 8, added: 1,
      renamed: [{ id: 'a', title: 'Explains the variance', newId: null, newTitle: 'Explains the monthly variance', entries: 2 }],
      moved: [{ id: 'b', title: 'Completes appraisals', newId: 'c', newTitle: 'Holds appraisals', entries: 1 }],
      removed: [{ id: 'd', title: 'Publishes the rota', newId: null, newTitle: null, entries: 1 }],
    });
    mockIPC(() => preview(upgrade));
    render(InstallFrameworkPanel, { path: '/p/v2.toml', onchooseanother: noop, onclose: noop, oninstalled: noop });
    const changes = (await screen.findByTestId('framework-changes')).textContent ?? '';
    expect(changes).toContain('from version 1.0.0 to 2.0.0');
    expect(changes).toContain('“Explains the variance” becomes “Explains the monthly variance” (2 entries)');
    expect(changes).toContain('“Completes appraisals” moves to “Holds appraisals” (1 entry)');
    expect(screen.getByTestId('framework-removed').textContent).toContain('“Publishes the rota” (1 entry)');
    expect(screen.getByTestId('framework-confirm').textContent).toContain('Update to version 2.0.0');
  });

  it('shows each problem of a broken file where it is, and installs nothing', async () => {
    mockIPC((cmd) => {
      if (cmd === 'preview_framework') {
        throw { kind: 'invalid_input', message: 'The framework file has 1 problem. Nothing was changed.', fields: [], problems: [{ where: 'x.toml:23:10', message: 'parent `x.nowhere` of `x.a` is not in the framework' }] };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(InstallFrameworkPanel, { path: '/p/x.toml', onchooseanother: noop, onclose: noop, oninstalled: noop });
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('x.toml cannot be installed');
    expect(screen.getByTestId('import-problems').textContent).toContain('x.toml:23:10: parent `x.nowhere`');
    expect(screen.queryByTestId('framework-confirm')).toBeNull();
  });
});
