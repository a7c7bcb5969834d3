import { dateAndTime } from '../../lib/format';
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { InvokeArgs } from '@tauri-apps/api/core';
import EntryPage from './EntryPage.svelte';
import { leaveNotice, takeNotice } from './notice';
import type { EntryView } from '../../ipc/portfolio';
import { sampleEntry, sampleVersions } from '../../test/portfolio-fixtures';

type Handler = (cmd: string, args?: InvokeArgs) => unknown;

/**
 * A back end holding sampleEntry() at every version; `handler` answers first when it returns
 * anything. Returns every command made, with its arguments.
 */
function entryBackend(handler: Handler = () => undefined, entry: (version: number | null) => EntryView = (v) => sampleEntry(v ?? 3)) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const reply = handler(cmd, args);
    if (reply !== undefined) return reply;
    if (cmd === 'get_entry') return entry((args as { version: number | null }).version);
    if (cmd === 'list_entry_versions') return sampleVersions();
    if (cmd === 'get_attachment_preview') return 'data:image/png;base64,iVBORw0KGgo=';
    if (cmd === 'get_entry_comments') return [];
    return null;
  });
  return calls;
}

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const made = (calls: [string, unknown][], command: string) => calls.filter(([c]) => c === command).map(([, a]) => a);

describe('an entry', () => {
  afterEach(() => {
    window.location.hash = '';
    takeNotice();
  });

  it('shows everything the entry records', async () => {
    const calls = entryBackend();
    render(EntryPage, { id: 5 });
    const title = await screen.findByTestId('entry-title');
    expect(made(calls, 'get_entry'), 'the current version is asked for').toEqual([{ id: 5, version: null }]);
    expect(words(title)).toBe('Reflection Rota meeting with the matron');

    const details = words(screen.getByTestId('entry-details'));
    expect(details).toContain('Date 15 March 2026');
    expect(details).toContain('1 hour 30 minutes in all');
    expect(details).toContain('Clinical: 30 minutes');
    expect(details).toContain('Management: 1 hour');
    expect(details).toContain('Learning with other people (participatory) Yes');
    expect(details).toContain('Feedback from A colleague');
    expect(details).toContain('rota');

    const body = screen.getByTestId('entry-body');
    expect(body.querySelector('strong')?.textContent, 'the sanitised body is shown as formatted text').toBe('agreed');

    const reflection = screen.getByTestId('entry-reflection');
    expect(words(reflection)).toContain('Gibbs reflective cycle');
    expect(within(reflection).getByRole('heading', { name: 'Feelings' })).toBeTruthy();
    expect(reflection.querySelector('em')?.textContent).toBe('nervous');
    expect(within(screen.getByTestId('code-themes')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Prioritise people',
      'Practise effectively',
    ]);

    expect(words(screen.getByTestId('entry-shadowing'))).toContain('Who you worked with Matron');

    const behaviour = words(screen.getByTestId('entry-behaviour'));
    expect(behaviour).toContain('Involves the team in decisions');
    expect(behaviour).toContain('NHS Leadership Framework · Engaging the team');
    expect(behaviour, 'the rating shows its number and its label').toContain('Rating: 3 – Strong');
    expect(behaviour).toContain('I asked every nurse first');

    const lessons = screen.getByTestId('entry-lessons');
    expect(within(lessons).getByRole('link', { name: 'Reading a budget statement' }).getAttribute('href')).toBe('#/lesson/core/finance-b');
    expect(words(lessons), 'a lesson whose pack was removed says so').toContain('gone (no longer installed)');

    const files = screen.getAllByTestId('attachment');
    expect(words(files[0]!)).toContain('rota.pdf');
    expect(words(files[0]!)).toContain('PDF document, 250 KB');
    expect(words(files[1]!)).toContain('PNG picture, 2.5 MB');

    expect(screen.getByTestId('edit-entry').getAttribute('href')).toBe('#/portfolio/5/edit');
    expect(screen.queryByTestId('older-version')).toBeNull();
  });

  it('lists the versions newest first, in words, with a way to view each earlier one', async () => {
    entryBackend();
    render(EntryPage, { id: 5 });
    const rows = await screen.findAllByTestId('version-row');
    expect(rows.map((r) => within(r).getAllByRole('cell')[2]!.textContent?.replace('Change', '').trim())).toEqual([
      'Restored from version 1',
      'Edited',
      'Created',
    ]);
    expect(words(rows[0]!)).toContain(dateAndTime('2026-03-17T09:30:00Z'));
    expect(words(rows[0]!), 'the version shown is marked, not linked').toContain('Showing');
    expect(within(rows[0]!).queryByRole('link')).toBeNull();
    expect(within(rows[1]!).getByRole('link', { name: 'View version 2' }).getAttribute('href')).toBe('#/portfolio/5/version/2');
    expect(within(rows[2]!).getByRole('link', { name: 'View version 1' }).getAttribute('href')).toBe('#/portfolio/5/version/1');
  });

  it('restores an earlier version as a new one and opens it with a message', async () => {
    const calls = entryBackend((cmd) => (cmd === 'restore_entry_version' ? sampleEntry(4, { latestVersion: 4 }) : undefined));
    render(EntryPage, { id: 5, version: 1 });
    const callout = await screen.findByTestId('older-version');
    expect(made(calls, 'get_entry')).toEqual([{ id: 5, version: 1 }]);
    expect(words(callout)).toContain(`You are looking at version 1 of 3, saved ${dateAndTime('2026-03-16T08:00:00Z')}`);
    expect(within(callout).getByRole('link', { name: 'Back to the current version' }).getAttribute('href')).toBe('#/portfolio/5');
    expect(screen.queryByTestId('edit-entry'), 'an old version is not edited in place').toBeNull();
    expect(screen.queryByTestId('delete-entry')).toBeNull();
    const current = screen.getAllByTestId('version-row')[0]!;
    expect(within(current).getByRole('link', { name: 'View version 3' }).getAttribute('href'), 'the newest version links to the entry itself').toBe('#/portfolio/5');

    await fireEvent.click(screen.getByTestId('restore-version'));
    await waitFor(() => expect(window.location.hash).toBe('#/portfolio/5'));
    expect(made(calls, 'restore_entry_version')).toEqual([{ id: 5, version: 1 }]);
    expect(takeNotice(), 'the next screen says what happened').toBe('Version 1 restored as version 4 — nothing was overwritten.');
  });

  it('keeps the person on the old version when the restore fails', async () => {
    entryBackend((cmd) => {
      if (cmd === 'restore_entry_version') throw { kind: 'conflict', message: 'the entry changed meanwhile' };
    });
    window.location.hash = '#/portfolio/5/version/1';
    render(EntryPage, { id: 5, version: 1 });
    await fireEvent.click(await screen.findByTestId('restore-version'));
    expect(words(await screen.findByRole('alert'))).toContain('The version was not restored: the entry changed meanwhile');
    expect(window.location.hash).toBe('#/portfolio/5/version/1');
    expect(takeNotice()).toBeNull();
  });

  it('asks before moving the entry to the bin, and can be cancelled', async () => {
    const calls = entryBackend();
    render(EntryPage, { id: 5 });
    await fireEvent.click(await screen.findByTestId('delete-entry'));
    const confirm = screen.getByTestId('delete-confirm');
    expect(within(confirm).getByRole('heading', { name: 'Important: Move to bin?' })).toBeTruthy();
    expect(words(confirm), 'the person is told it can be undone').toContain('you can put it back from the bin');
    expect(made(calls, 'delete_entry'), 'nothing is deleted before the person confirms').toEqual([]);

    await fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('delete-confirm')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('delete-entry'));

    await fireEvent.click(screen.getByTestId('delete-entry'));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, move it to the bin' }));
    await waitFor(() => expect(window.location.hash).toBe('#/portfolio'));
    expect(made(calls, 'delete_entry')).toEqual([{ id: 5 }]);
    expect(takeNotice()).toContain('“Rota meeting with the matron” was moved to the bin.');
  });

  it('saves a copy of an attachment where the person chooses, and shows pictures', async () => {
    const calls = entryBackend((cmd, args) => {
      if (cmd === 'save_attachment_copy') return (args as { id: number }).id === 11 ? '/home/sam/Documents/rota.pdf' : null;
    });
    render(EntryPage, { id: 5 });
    const [pdf, picture] = await screen.findAllByTestId('attachment');
    const preview = await within(picture!).findByTestId('attachment-preview');
    expect(preview.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(preview.getAttribute('alt')).toBe('Preview of whiteboard.png');
    expect(made(calls, 'get_attachment_preview'), 'only pictures are previewed').toEqual([{ id: 12 }]);

    await fireEvent.click(within(pdf!).getByRole('button', { name: 'Save a copy of rota.pdf' }));
    expect(words(await within(pdf!).findByText(/Saved to/))).toBe('Saved to /home/sam/Documents/rota.pdf');
    expect(made(calls, 'save_attachment_copy')).toEqual([{ id: 11 }]);

    await fireEvent.click(within(picture!).getByRole('button', { name: 'Save a copy of whiteboard.png' }));
    await waitFor(() => expect(made(calls, 'save_attachment_copy')).toHaveLength(2));
    expect(within(picture!).queryByText(/Saved to/), 'a cancelled save says nothing').toBeNull();
  });

  it('shows an entry in the bin as such, and puts it back', async () => {
    let deletedAt: string | null = '2026-03-18T10:00:00Z';
    const calls = entryBackend(
      (cmd) => {
        if (cmd === 'restore_entry_from_bin') {
          deletedAt = null;
          return null;
        }
      },
      () => sampleEntry(3, { deletedAt }),
    );
    render(EntryPage, { id: 5 });
    const callout = await screen.findByTestId('in-bin');
    expect(words(callout)).toContain('This entry is in the bin');
    expect(screen.queryByTestId('edit-entry'), 'an entry in the bin is put back before it is edited').toBeNull();

    await fireEvent.click(within(callout).getByRole('button', { name: 'Put it back' }));
    expect(words(await screen.findByTestId('entry-notice'))).toContain('This entry is back in your portfolio.');
    expect(made(calls, 'restore_entry_from_bin')).toEqual([{ id: 5 }]);
    expect(screen.queryByTestId('in-bin')).toBeNull();
    expect(screen.getByTestId('edit-entry')).toBeTruthy();
  });

  it('shows the message left by a restore on the version it opens', async () => {
    entryBackend();
    leaveNotice('Version 1 restored as version 4 — nothing was overwritten.');
    render(EntryPage, { id: 5 });
    expect(words(await screen.findByTestId('entry-notice'))).toContain('Version 1 restored as version 4 — nothing was overwritten.');
  });

  it('says so when the entry no longer exists', async () => {
    entryBackend((cmd) => {
      if (cmd === 'get_entry') throw { kind: 'not_found', message: 'no entry 5' };
    });
    render(EntryPage, { id: 5 });
    expect(await screen.findByRole('heading', { level: 1, name: 'This entry could not be found' })).toBeTruthy();
    expect(words(screen.getByTestId('entry-error'))).toContain('deleted for good when the bin was emptied');
    expect(screen.getByRole('link', { name: 'Go back to your portfolio' }).getAttribute('href')).toBe('#/portfolio');
  });
});
