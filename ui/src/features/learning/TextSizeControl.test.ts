import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import TextSizeControl from './TextSizeControl.svelte';

const radio = (name: string) => screen.getByRole<HTMLInputElement>('radio', { name });

describe('text size control', () => {
  afterEach(() => {
    document.documentElement.className = '';
  });

  it('shows the size the learner chose before', async () => {
    mockIPC((cmd) => (cmd === 'get_settings' ? { textSize: 'larger' } : undefined));
    render(TextSizeControl);
    await waitFor(() => expect(radio('Larger').checked).toBe(true));
    expect(radio('Standard').checked).toBe(false);
  });

  it('applies a new size at once and saves it', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'get_settings') return { textSize: 'standard' };
      if (cmd === 'set_text_size') return { textSize: 'largest' };
    });
    render(TextSizeControl);
    await waitFor(() => expect(radio('Standard').checked).toBe(true));
    await fireEvent.click(radio('Largest'));
    expect(document.documentElement.classList.contains('w2b-text-largest')).toBe(true);
    await waitFor(() => expect(calls).toContainEqual(['set_text_size', { textSize: 'largest' }]));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('goes back to the size before, and says so, when the new one cannot be saved', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_settings') return { textSize: 'large' };
      throw { kind: 'io', message: 'the disk is full' };
    });
    render(TextSizeControl);
    await waitFor(() => expect(radio('Large').checked).toBe(true));
    await fireEvent.click(radio('Largest'));
    expect((await screen.findByRole('alert')).textContent).toContain('The text size was not saved: the disk is full');
    expect(radio('Large').checked).toBe(true);
    expect(document.documentElement.classList.contains('w2b-text-largest')).toBe(false);
    expect(document.documentElement.classList.contains('w2b-text-large')).toBe(true);
  });
});
