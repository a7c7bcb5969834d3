import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import BinPage from './BinPage.svelte';
import { emptyQuery, type EntryQuery, type EntrySummary } from '../../ipc/portfolio';
import { sampleSummary } from '../../test/portfolio-fixtures';

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function binned(): EntrySummary[] {
  return [
    sampleSummary({ id: 3, title: 'Old rota notes', deletedAt: '2026-03-18T10:00:00Z' }),
    sampleSummary({ id: 4, title: 'Duplicate CPD', deletedAt: '2026-03-19T10:00:00Z' }),
  ];
}

/** A bin holding binned(); returns every command made, with its arguments. */
function binBackend() {
  let bin = binned();
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'find_entries') return { entries: bin, total: bin.length };
    if (cmd === 'restore_entry_from_bin') {
      bin = bin.filter((e) => e.id !== (args as { id: number }).id);
      return null;
    }
    if (cmd === 'empty_bin') {
      const deleted = bin.length;
      bin = [];
      return deleted;
    }
  });
  return calls;
}

const made = (calls: [string, unknown][], command: string) => calls.filter(([c]) => c === command).map(([, a]) => a);

describe('the bin', () => {
  it('lists the entries in the bin and puts one back', async () => {
    const calls = binBackend();
    render(BinPage);
    const rows = await screen.findAllByTestId('entry-row');
    const query: EntryQuery = { ...emptyQuery(), inBin: true };
    expect(made(calls, 'find_entries'), 'the bin asks for entries in the bin, not the portfolio').toEqual([{ query }]);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Old rota notes', 'Duplicate CPD']);
    expect(words(screen.getByTestId('bin-count'))).toBe('2 entries in the bin');

    await fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Put back “Old rota notes”' }));
    expect(words(await screen.findByTestId('bin-done'))).toBe('“Old rota notes” is back in your portfolio.');
    expect(made(calls, 'restore_entry_from_bin')).toEqual([{ id: 3 }]);
    expect(screen.getAllByTestId('entry-row').map((r) => within(r).getByRole('link').textContent)).toEqual(['Duplicate CPD']);
    expect(words(screen.getByTestId('bin-count'))).toBe('1 entry in the bin');
  });

  it('asks before emptying the bin, explaining it is for good, and can be cancelled', async () => {
    const calls = binBackend();
    render(BinPage);
    await fireEvent.click(await screen.findByTestId('empty-bin'));
    const confirm = screen.getByTestId('empty-confirm');
    expect(within(confirm).getByRole('heading', { name: 'Important: Delete 2 entries for good?' })).toBeTruthy();
    expect(words(confirm)).toContain('You cannot put them back afterwards.');
    expect(made(calls, 'empty_bin'), 'nothing is deleted before the person confirms').toEqual([]);

    await fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('empty-confirm')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('empty-bin'));
    expect(made(calls, 'empty_bin')).toEqual([]);
  });

  it('empties the bin on confirmation and says how many were deleted', async () => {
    const calls = binBackend();
    render(BinPage);
    await fireEvent.click(await screen.findByTestId('empty-bin'));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete them for good' }));
    expect(words(await screen.findByTestId('bin-done'))).toBe('The bin is empty: 2 entries were deleted for good.');
    expect(made(calls, 'empty_bin')).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'The bin is empty' })).toBeTruthy());
    expect(screen.queryAllByTestId('entry-row')).toHaveLength(0);
  });

  it('says when the bin is empty', async () => {
    mockIPC((cmd) => (cmd === 'find_entries' ? { entries: [], total: 0 } : null));
    render(BinPage);
    const empty = await screen.findByTestId('bin-empty');
    expect(words(empty)).toContain('The bin is empty');
    expect(within(empty).getByRole('link', { name: 'Go back to your portfolio' }).getAttribute('href')).toBe('#/portfolio');
    expect(screen.queryByTestId('empty-bin'), 'there is nothing to empty').toBeNull();
  });

  it('explains when emptying the bin fails, and keeps the entries', async () => {
    mockIPC((cmd) => {
      if (cmd === 'find_entries') return { entries: binned(), total: 2 };
      if (cmd === 'empty_bin') throw { kind: 'io', message: 'the disk is full' };
    });
    render(BinPage);
    await fireEvent.click(await screen.findByTestId('empty-bin'));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, delete them for good' }));
    expect(words(await screen.findByRole('alert'))).toContain('The bin was not emptied: the disk is full');
    expect(screen.getAllByTestId('entry-row')).toHaveLength(2);
  });
});
