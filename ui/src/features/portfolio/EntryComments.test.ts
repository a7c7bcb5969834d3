import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import EntryComments from './EntryComments.svelte';
import type { EntryComment } from '../../ipc/review';
import { sampleEntryComment } from '../../test/reviews-fixtures';

function commentsBackend(comments: EntryComment[]) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'get_entry_comments') return comments;
    return null;
  });
  return calls;
}

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe("an appraiser's comments on an entry", () => {
  it('links a comment on an older version to that version', async () => {
    const calls = commentsBackend([sampleEntryComment({ entryVersion: 2 })]);
    render(EntryComments, { entryId: 7, currentVersion: 4 });
    const section = await screen.findByTestId('entry-comments');
    expect(calls, 'the comments of this entry are asked for').toEqual([['get_entry_comments', { id: 7 }]]);
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe("Appraiser's comments");

    const item = within(section).getByTestId('entry-comment-item');
    expect(words(item)).toContain('Dr Priya Shah, Clinical director');
    expect(words(item), 'the review date is in words').toContain('Reviewed on 20 November 2026');
    expect(within(item).getByTestId('entry-comment-text').textContent, 'the comment is shown as written').toBe(
      'Good use of the team.\nTry asking the ward clerk too.',
    );
    const version = within(item).getByTestId('entry-comment-version');
    expect(words(version)).toContain('About version 2');
    expect(words(version)).toContain('You have changed this entry since: the version they reviewed stays viewable');
    expect(within(version).getByRole('link', { name: 'version 2' }).getAttribute('href'), 'the reviewed version opens').toBe('#/portfolio/7/version/2');
    expect(words(within(item).getByTestId('entry-comment-sign-off'))).toContain('Review sign-off: Satisfactory, with development needs');
    expect(item.querySelector('.nhsuk-tag--blue'), 'the outcome is a blue tag').not.toBeNull();
  });

  it('shows a comment on the current version without a link, and comments as plain text', async () => {
    commentsBackend([
      sampleEntryComment({ entryVersion: 4, comment: '<img src=x onerror=alert(1)> well done', signOff: null }),
      sampleEntryComment({ reviewId: 2, reviewerName: 'Sam Okoro', reviewerRole: 'Matron', entryVersion: 1 }),
    ]);
    render(EntryComments, { entryId: 7, currentVersion: 4 });
    await waitFor(() => expect(screen.getAllByTestId('entry-comment-item')).toHaveLength(2));
    const [now, old] = screen.getAllByTestId('entry-comment-item') as [HTMLElement, HTMLElement];
    expect(within(now).getByTestId('entry-comment-text').textContent, 'markup in a comment is shown, never run').toBe(
      '<img src=x onerror=alert(1)> well done',
    );
    expect(now.querySelector('img'), 'no element is made from the comment').toBeNull();
    expect(words(within(now).getByTestId('entry-comment-version'))).toBe('About version 4, as it is now.');
    expect(within(now).queryByRole('link'), 'the current version needs no link').toBeNull();
    expect(within(now).queryByTestId('entry-comment-sign-off'), 'no sign-off, nothing said').toBeNull();
    expect(within(old).getByRole('link', { name: 'version 1' }).getAttribute('href')).toBe('#/portfolio/7/version/1');
  });

  it('renders nothing when there are no comments', async () => {
    const calls = commentsBackend([]);
    const { container } = render(EntryComments, { entryId: 7, currentVersion: 1 });
    await waitFor(() => expect(calls).toHaveLength(1));
    await Promise.resolve();
    expect(screen.queryByTestId('entry-comments')).toBeNull();
    expect(container.textContent?.trim(), 'no heading or empty box is shown').toBe('');
  });
});
