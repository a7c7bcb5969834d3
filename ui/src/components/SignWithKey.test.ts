import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SignWithKey from './SignWithKey.svelte';
import {
  forgetPassphrase,
  noSigning,
  signingErrors,
  signingFieldIds,
  signingRequest,
  type SigningChoice,
} from './sign-with-key';

const KEY_FILE = '{"format":"w2b-secret-key-1","name":"Dr Jo Okafor"}';
const keyFile = (text = KEY_FILE, name = 'jo.key') => new File([text], name);

function show(choice: SigningChoice = noSigning(), errors = []) {
  return render(SignWithKey, {
    choice,
    prefix: 'review',
    label: 'Sign it with my key',
    hint: 'The learner sees it comes from you.',
    errors,
  });
}

describe('sign with my key', () => {
  it('shows the key file and passphrase only once the box is ticked', async () => {
    mockIPC(() => undefined);
    show();
    expect(screen.queryByTestId('sign-details')).toBeNull();
    await fireEvent.click(screen.getByTestId('sign-with-key'));
    expect(await screen.findByTestId('sign-details')).toBeTruthy();
    expect(screen.getByTestId('sign-passphrase').getAttribute('type')).toBe('password');
    expect(screen.getByLabelText('Your private key file')).toBe(screen.getByTestId('sign-key-file'));
  });

  it('names whose key was chosen, read in Rust without the passphrase', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'describe_key_file') return { name: 'Dr Jo Okafor', fingerprint: '3F2A 9C01 77DE 0B12 44A0' };
    });
    show({ ...noSigning(), sign: true });
    await fireEvent.change(screen.getByTestId('sign-key-file'), { target: { files: [keyFile()] } });
    const owner = await screen.findByTestId('sign-key-owner');
    expect(owner.textContent).toContain('Key of Dr Jo Okafor, fingerprint');
    expect(owner.textContent).toContain('3F2A 9C01 77DE 0B12 44A0');
    expect(calls).toEqual([['describe_key_file', { keyFile: KEY_FILE }]]);
  });

  it('says beside the box when the file is not a private key', async () => {
    mockIPC(() => {
      throw {
        kind: 'invalid_input',
        message: 'Your private key file: this is not a Ward to Board private key file',
        fields: [{ field: 'keyFile', message: 'Your private key file: this is not a Ward to Board private key file' }],
        problems: [],
      };
    });
    show({ ...noSigning(), sign: true });
    await fireEvent.change(screen.getByTestId('sign-key-file'), { target: { files: [keyFile('{}', 'scheme.pub')] } });
    await waitFor(() => expect(document.getElementById('review-key-file-error')?.textContent).toContain('not a Ward to Board private key file'));
    expect(screen.getByTestId('sign-key-file').getAttribute('aria-describedby')).toContain('review-key-file-error');
    expect(screen.queryByTestId('sign-key-owner')).toBeNull();
  });

  it('shows a wrong passphrase from the core beside the passphrase box', async () => {
    mockIPC(() => undefined);
    show({ ...noSigning(), sign: true }, [
      { field: 'review-passphrase', text: 'Passphrase: wrong passphrase: this key file does not open with it' },
    ] as never);
    const error = document.getElementById('review-passphrase-error');
    expect(error?.textContent).toContain('wrong passphrase');
    expect(screen.getByTestId('sign-passphrase').getAttribute('aria-describedby')).toBe('review-passphrase-error');
  });
});

describe('the signing choice', () => {
  it('asks for what is missing, field by field, only when signing', () => {
    expect(signingErrors(noSigning(), 'x')).toEqual([]);
    expect(signingErrors({ ...noSigning(), sign: true }, 'x')).toEqual([
      { field: 'x-key-file', text: 'Choose your private key file (it ends in .key)' },
      { field: 'x-passphrase', text: 'Type the passphrase of your key' },
    ]);
  });

  it('sends the sealed file and passphrase only when signing, and forgets the passphrase after', () => {
    const choice: SigningChoice = { sign: true, keyFile: KEY_FILE, owner: null, passphrase: 'kettle on the ward' };
    expect(signingRequest(choice)).toEqual({ keyFile: KEY_FILE, passphrase: 'kettle on the ward' });
    expect(signingRequest({ ...choice, sign: false })).toBeNull();
    expect(forgetPassphrase(choice).passphrase).toBe('');
    expect(signingFieldIds('x')).toEqual({ keyFile: 'x-key-file', passphrase: 'x-passphrase' });
  });
});
