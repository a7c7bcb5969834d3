import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ReviewPage from './ReviewPage.svelte';
import ReviewsPage from './ReviewsPage.svelte';
import { sampleSession } from '../../test/review-fixtures';
import { sampleReview } from '../../test/reviews-fixtures';
import type { ReviewSession } from '../../ipc/review';

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const KEY_FILE = '{"format":"w2b-secret-key-1","name":"Dr Jo Okafor"}';
const JO = { name: 'Dr Jo Okafor', fingerprint: '3F2A 9C01 77DE 0B12 44A0' };

function backend(session: ReviewSession, saveReview: (args: unknown) => unknown) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'open_bundle') return session;
    if (cmd === 'describe_key_file') return JO;
    if (cmd === 'save_review') return saveReview(args);
    return null;
  });
  return calls;
}

async function open() {
  render(ReviewPage);
  const file = new File([new Uint8Array([80, 75, 3, 4])], 'sam.w2bbundle');
  await fireEvent.change(screen.getByTestId('open-bundle'), { target: { files: [file] } });
  await screen.findByTestId('bundle-verified');
}

describe('signatures in review mode', () => {
  it('says at the top of the bundle who signed it, or that no one did', async () => {
    backend(sampleSession({ signature: { kind: 'unknown', claimedName: 'Sam Patel', fingerprint: 'AAAA BBBB CCCC DDDD EEEE' } }), () => null);
    await open();
    expect(words(screen.getByTestId('bundle-signature'))).toBe(
      'Key not added Signed by Sam Patel (fingerprint AAAA BBBB CCCC DDDD EEEE), a key you have not added: check the fingerprint with the learner, then add their key to your trusted keys.',
    );
  });

  it('says an unsigned bundle is not signed', async () => {
    backend(sampleSession(), () => null);
    await open();
    expect(words(screen.getByTestId('bundle-signature'))).toBe('Not signed Not signed');
  });

  it('signs the review with the appraiser’s key and says so when saved', async () => {
    const calls = backend(sampleSession(), () => ({ fileName: 'review-sam.w2breview', signer: JO }));
    await open();
    await fireEvent.input(screen.getByTestId('reviewer-name'), { target: { value: 'Dr Jo Okafor' } });
    await fireEvent.click(screen.getByTestId('sign-with-key'));
    await fireEvent.change(screen.getByTestId('sign-key-file'), { target: { files: [new File([KEY_FILE], 'jo.key')] } });
    expect(words(await screen.findByTestId('sign-key-owner'))).toBe('Key of Dr Jo Okafor, fingerprint 3F2A 9C01 77DE 0B12 44A0');
    await fireEvent.input(screen.getByTestId('sign-passphrase'), { target: { value: 'kettle on the ward' } });
    await fireEvent.click(screen.getByTestId('save-review'));
    expect(words(await screen.findByTestId('review-signed'))).toContain('Signed with your key: Dr Jo Okafor (fingerprint 3F2A 9C01 77DE 0B12 44A0)');
    const sent = calls.filter(([c]) => c === 'save_review').map(([, a]) => (a as { signing: unknown }).signing);
    expect(sent).toEqual([{ keyFile: KEY_FILE, passphrase: 'kettle on the ward' }]);
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('sign-passphrase').value, 'forgotten once used').toBe(''));
  });

  it('shows a wrong passphrase beside its box and saves nothing', async () => {
    const message = 'Passphrase: wrong passphrase: this key file does not open with it (or the file was altered). Nothing was signed; try again';
    backend(sampleSession(), () => {
      throw { kind: 'invalid_input', message, fields: [{ field: 'passphrase', message }], problems: [] };
    });
    await open();
    await fireEvent.input(screen.getByTestId('reviewer-name'), { target: { value: 'Dr Jo Okafor' } });
    await fireEvent.click(screen.getByTestId('sign-with-key'));
    await fireEvent.change(screen.getByTestId('sign-key-file'), { target: { files: [new File([KEY_FILE], 'jo.key')] } });
    await screen.findByTestId('sign-key-owner');
    await fireEvent.input(screen.getByTestId('sign-passphrase'), { target: { value: 'not it' } });
    await fireEvent.click(screen.getByTestId('save-review'));
    const summary = await screen.findByTestId('error-summary');
    expect(summary.querySelector('a')?.getAttribute('href')).toBe('#review-passphrase');
    await waitFor(() => expect(document.getElementById('review-passphrase-error')?.textContent).toContain('wrong passphrase'));
    expect(screen.queryByTestId('review-saved')).toBeNull();
  });
});

describe('signatures on imported reviews', () => {
  it('names a trusted signer, an unknown one with what to do, and an unsigned review', async () => {
    mockIPC((cmd) =>
      cmd === 'list_reviews'
        ? [
            sampleReview({ id: 1, signature: { kind: 'trusted', name: 'Dr Jo Okafor', fingerprint: '3F2A 9C01 77DE 0B12 44A0' } }),
            sampleReview({ id: 2, signature: { kind: 'unknown', claimedName: 'Dr A', fingerprint: '1111 2222 3333 4444 5555' } }),
            sampleReview({ id: 3 }),
          ]
        : null,
    );
    render(ReviewsPage);
    await waitFor(() => expect(screen.getAllByTestId('review-signature')).toHaveLength(3));
    const [trusted, unknown, unsigned] = screen.getAllByTestId('review-signature').map(words);
    expect(trusted).toBe('Trusted Signed by Dr Jo Okafor (fingerprint 3F2A 9C01 77DE 0B12 44A0), trusted');
    expect(unknown).toContain('Signed by Dr A (fingerprint 1111 2222 3333 4444 5555), a key you have not added: check the fingerprint with your appraiser');
    expect(unsigned).toBe('Not signed Not signed');
  });
});
