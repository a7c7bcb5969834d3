import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ImportPanel from './ImportPanel.svelte';
import type { ImportPreview } from '../../ipc/packs';

const FINGERPRINT = '3F2A 9C01 77DE 0B12 44A0';
const OTHER = '9B10 0C2E 5A77 D3F1 0008';

function preview(extra: Partial<ImportPreview>): ImportPreview {
  return {
    id: 'nw.clf', title: 'Leading a ward', publisher: 'North West CLF', version: '2.0.0', modules: 3, lessons: 9,
    warnings: [], action: { kind: 'upgrade', from: '1.0.0' }, frameworks: [],
    signature: { kind: 'not_signed' }, signerChange: null, ...extra,
  };
}

const noop = () => {};

function show(p: ImportPreview, calls: [string, unknown][] = []) {
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return p;
  });
  render(ImportPanel, { path: '/p/nw.w2bpack', onchooseanother: noop, onclose: noop, onimported: noop });
}

describe('who signed a curriculum, in the import preview', () => {
  it('names a trusted publisher with its fingerprint', async () => {
    show(preview({ signature: { kind: 'trusted', name: 'North West CLF', fingerprint: FINGERPRINT } }));
    const row = await screen.findByTestId('pack-signature');
    expect(row.textContent).toContain(`Signed by North West CLF (fingerprint ${FINGERPRINT}), trusted`);
    expect(screen.getByTestId('import-confirm').textContent).toContain('Update to version 2.0.0');
  });

  it('says a key the learner has not added is only a claim', async () => {
    show(preview({ signature: { kind: 'unknown', claimedName: 'North West CLF', fingerprint: FINGERPRINT } }));
    const row = await screen.findByTestId('pack-signature');
    expect(row.textContent).toContain('Signed by a publisher you have not added');
    expect(row.textContent).toContain('The file says it is from North West CLF');
    expect(row.querySelector('a')?.getAttribute('href')).toBe('#/publishers');
  });

  it('says an unsigned file is not signed', async () => {
    show(preview({}));
    expect((await screen.findByTestId('pack-signature')).textContent).toContain('Not signed');
  });

  it('warns of a changed key and installs only on the explicit confirmation', async () => {
    const calls: [string, unknown][] = [];
    show(
      preview({
        signature: { kind: 'unknown', claimedName: 'North West CLF', fingerprint: OTHER },
        signerChange: {
          installed: { name: 'North West CLF', fingerprint: FINGERPRINT },
          incoming: { name: 'North West CLF', fingerprint: OTHER },
        },
      }),
      calls,
    );
    const warning = await screen.findByTestId('signer-changed');
    expect(warning.textContent).toContain(`fingerprint ${FINGERPRINT}`);
    expect(warning.textContent).toContain(`fingerprint ${OTHER}`);
    expect(warning.textContent).toContain('Do not install it unless they say they did');
    const button = screen.getByTestId('import-confirm');
    expect(button.textContent).toContain('I have checked with my scheme: install anyway');
    await fireEvent.click(button);
    await screen.findByTestId('import-success');
    expect(calls.at(-1)).toEqual(['import_pack', { path: '/p/nw.w2bpack', allowDowngrade: false, acceptNewSigner: true }]);
  });

  it('warns when an update is no longer signed', async () => {
    show(preview({ signerChange: { installed: { name: 'North West CLF', fingerprint: FINGERPRINT }, incoming: null } }));
    expect((await screen.findByTestId('signer-changed')).textContent).toContain('This file is not signed at all');
  });
});
