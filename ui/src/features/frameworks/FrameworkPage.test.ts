import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import FrameworkPage from './FrameworkPage.svelte';
import type { FrameworkDetail } from '../../ipc/frameworks';

const detail: FrameworkDetail = {
  id: 'nct-wm', version: '1.0.0', title: 'Ward Manager Programme standards', publisher: 'North Coast NHS Trust (example)',
  licence: 'CC-BY-4.0', descriptionHtml: '<p>What the trust expects.</p>', source: null,
  levels: ['Standard', 'Capability', 'Indicator'], scaleName: 'Programme rating', scale: ['Not yet seen', 'Emerging', 'Secure'],
  items: [
    { id: 'nct-wm.safe-staffing', depth: 1, level: 'Standard', title: 'Safe staffing', descriptionHtml: '<p>Planning the <strong>numbers</strong>.</p>', refs: [], sourceId: null, rated: false },
    { id: 'nct-wm.safe-staffing.rota', depth: 2, level: 'Capability', title: 'Builds a fair, safe rota', descriptionHtml: '', refs: [], sourceId: null, rated: false },
    { id: 'nct-wm.safe-staffing.rota.acuity', depth: 3, level: 'Indicator', title: 'Adjusts staffing to acuity on the day', descriptionHtml: '', refs: ['Controls bank and agency spending'], sourceId: 'WM-1.1.2', rated: true },
  ],
};

describe('framework page', () => {
  it('shows every item at its level with its description and references', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return detail;
    });
    render(FrameworkPage, { frameworkId: 'nct-wm' });
    const items = await screen.findAllByTestId('framework-item');
    expect(items).toHaveLength(3);
    expect(calls[0]).toEqual(['get_framework', { frameworkId: 'nct-wm' }]);
    expect(items[0]!.className).toContain('w2b-depth-1');
    expect(items[0]!.innerHTML).toContain('<strong>numbers</strong>');
    expect(items[2]!.className).toContain('w2b-depth-3');
    expect(items[2]!.textContent).toContain('Indicator: Adjusts staffing to acuity on the day');
    expect(items[2]!.textContent).toContain('rate evidence');
    expect(items[2]!.textContent).toContain('See also: Controls bank and agency spending');
    expect(screen.getByText(/1 Not yet seen, 2 Emerging, 3 Secure/)).toBeTruthy();
  });

  it('says so when the framework is not installed', async () => {
    mockIPC(() => {
      throw { kind: 'not_found', message: 'framework `gone` is not installed', fields: [], problems: [] };
    });
    render(FrameworkPage, { frameworkId: 'gone' });
    expect(await screen.findByText('Framework not found')).toBeTruthy();
    expect(screen.getByText('framework `gone` is not installed')).toBeTruthy();
  });
});
