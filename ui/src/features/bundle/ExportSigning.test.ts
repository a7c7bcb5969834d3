import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ExportPage from './ExportPage.svelte';
import { exportBackend, sampleExported, type ExportCall } from '../../test/export-fixtures';

const KEY_FILE = '{"format":"w2b-secret-key-1","name":"Sam Patel"}';
const OWNER = { name: 'Sam Patel', fingerprint: '3F2A 9C01 77DE 0B12 44A0' };
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const sent = (calls: ExportCall[]) => calls.filter(([c]) => c === 'export_bundle').map(([, a]) => (a as { signing: unknown }).signing);

async function chooseKey() {
  await fireEvent.click(screen.getByTestId('sign-with-key'));
  await fireEvent.change(screen.getByTestId('sign-key-file'), { target: { files: [new File([KEY_FILE], 'sam.key')] } });
  await screen.findByTestId('sign-key-owner');
}

describe('signing a bundle at export', () => {
  beforeEach(() => localStorage.clear());

  it('sends no key unless the learner chose to sign', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    await fireEvent.click(screen.getByTestId('export-bundle'));
    expect(words(await screen.findByTestId('export-signed'))).toBe('Not signed.');
    expect(sent(calls)).toEqual([null]);
  });

  it('signs with the chosen key file and passphrase, then forgets the passphrase', async () => {
    const calls = exportBackend({
      describe_key_file: () => OWNER,
      export_bundle: () => ({ ...sampleExported(), signer: OWNER }),
    });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    await chooseKey();
    await fireEvent.input(screen.getByTestId('sign-passphrase'), { target: { value: 'kettle on the ward' } });
    await fireEvent.click(screen.getByTestId('export-bundle'));
    const signed = await screen.findByTestId('export-signed');
    expect(words(signed)).toContain('Signed with your key: Sam Patel (fingerprint 3F2A 9C01 77DE 0B12 44A0)');
    expect(sent(calls), 'the sealed key file and the passphrase go to Rust together').toEqual([
      { keyFile: KEY_FILE, passphrase: 'kettle on the ward' },
    ]);
  });

  it('asks for the key and passphrase before exporting, each on its own field', async () => {
    const calls = exportBackend();
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    await fireEvent.click(screen.getByTestId('sign-with-key'));
    await fireEvent.click(screen.getByTestId('export-bundle'));
    const summary = await screen.findByTestId('error-summary');
    expect([...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#export-key-file', '#export-passphrase']);
    expect(sent(calls), 'nothing is exported').toEqual([]);
  });

  it('shows a wrong passphrase beside the passphrase box and clears it', async () => {
    const message = 'Passphrase: wrong passphrase: this key file does not open with it (or the file was altered). Nothing was signed; try again';
    exportBackend({
      describe_key_file: () => OWNER,
      export_bundle: () => {
        throw { kind: 'invalid_input', message, fields: [{ field: 'passphrase', message }], problems: [] };
      },
    });
    render(ExportPage, {});
    await fireEvent.click(screen.getByTestId('check-privacy'));
    await screen.findByTestId('preview-summary');
    await chooseKey();
    await fireEvent.input(screen.getByTestId('sign-passphrase'), { target: { value: 'not it' } });
    await fireEvent.click(screen.getByTestId('export-bundle'));
    const summary = await screen.findByTestId('error-summary');
    expect(words(summary)).toContain('Passphrase: wrong passphrase');
    expect(summary.querySelector('a')?.getAttribute('href')).toBe('#export-passphrase');
    await waitFor(() => expect(document.getElementById('export-passphrase-error')?.textContent).toContain('wrong passphrase'));
    expect(screen.getByTestId<HTMLInputElement>('sign-passphrase').value, 'the passphrase is not kept').toBe('');
    expect(screen.queryByTestId('export-done')).toBeNull();
  });
});
