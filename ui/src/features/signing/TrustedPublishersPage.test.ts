import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import TrustedPublishersPage from './TrustedPublishersPage.svelte';
import type { TrustedPublisher } from '../../ipc/signing';

const LINE = 'w2b-key-1 2n3kQ2bV1mS8YJ8XrM2Qd0x4m7dGZyW9o1oTqJ2Zx0= North West CLF';
const nw: TrustedPublisher = {
  name: 'North West CLF', fingerprint: '3F2A 9C01 77DE 0B12 44A0', publicKey: 'AAAA', addedAt: '2026-12-04T21:30:00.000Z',
};

describe('trusted publishers', () => {
  it('adds a pasted key and lists it with its fingerprint', async () => {
    const calls: [string, unknown][] = [];
    let list: TrustedPublisher[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'list_trusted_publishers') return list;
      if (cmd === 'add_trusted_publisher') {
        list = [nw];
        return nw;
      }
    });
    render(TrustedPublishersPage, {});
    expect(await screen.findByTestId('no-publishers')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('publisher-key'), { target: { value: LINE } });
    await fireEvent.click(screen.getByTestId('add-publisher-button'));
    expect((await screen.findByTestId('publisher-done')).textContent).toContain(
      'North West CLF is now trusted (fingerprint 3F2A 9C01 77DE 0B12 44A0)',
    );
    expect(calls.find(([c]) => c === 'add_trusted_publisher')?.[1]).toEqual({ text: LINE });
    expect((await screen.findByTestId('publisher-fingerprint')).textContent).toBe('3F2A 9C01 77DE 0B12 44A0');
  });

  it('shows a malformed key beside the box, from the field the core names', async () => {
    mockIPC((cmd) => {
      if (cmd === 'list_trusted_publishers') return [];
      throw {
        kind: 'invalid_input',
        message: 'publicKey: not a Ward to Board public key',
        fields: [{ field: 'publicKey', message: 'this is not a Ward to Board public key: it should start with `w2b-key-1`' }],
        problems: [],
      };
    });
    render(TrustedPublishersPage, {});
    await screen.findByTestId('no-publishers');
    await fireEvent.input(screen.getByTestId('publisher-key'), { target: { value: 'ssh-ed25519 AAAA me@host' } });
    await fireEvent.click(screen.getByTestId('add-publisher-button'));
    const summary = await screen.findByTestId('error-summary');
    expect(summary.textContent).toContain('it should start with `w2b-key-1`');
    expect(summary.querySelector('a')?.getAttribute('href')).toBe('#publisher-key');
    expect(screen.getByTestId('publisher-key').getAttribute('aria-describedby')).toContain('publisher-key-error');
  });

  it('asks for a key before sending an empty box', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return [];
    });
    render(TrustedPublishersPage, {});
    await screen.findByTestId('no-publishers');
    await fireEvent.click(screen.getByTestId('add-publisher-button'));
    expect((await screen.findByTestId('error-summary')).textContent).toContain('Paste the public key');
    expect(calls).not.toContain('add_trusted_publisher');
  });

  it('removes a publisher only after confirming', async () => {
    const calls: [string, unknown][] = [];
    let list = [nw];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'list_trusted_publishers') return list;
      if (cmd === 'remove_trusted_publisher') list = [];
    });
    render(TrustedPublishersPage, {});
    await fireEvent.click(await screen.findByTestId('remove-publisher'));
    expect(calls.some(([c]) => c === 'remove_trusted_publisher')).toBe(false);
    await fireEvent.click(screen.getByTestId('confirm-remove-publisher'));
    await waitFor(() => expect(screen.getByTestId('no-publishers')).toBeTruthy());
    expect(calls.find(([c]) => c === 'remove_trusted_publisher')?.[1]).toEqual({ publicKey: 'AAAA' });
  });
});
