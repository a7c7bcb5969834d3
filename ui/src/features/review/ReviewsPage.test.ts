import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { InvokeArgs } from '@tauri-apps/api/core';
import ReviewsPage from './ReviewsPage.svelte';
import type { ReviewView } from '../../ipc/review';
import { sampleReview, sampleSignOff } from '../../test/reviews-fixtures';

type Handler = (cmd: string, args?: InvokeArgs) => unknown;

/** A back end holding `reviews`; `handler` answers first when it returns anything. */
function reviewsBackend(reviews: ReviewView[], handler: Handler = () => undefined) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const reply = handler(cmd, args);
    if (reply !== undefined) return reply;
    if (cmd === 'list_reviews') return reviews;
    return null;
  });
  return calls;
}

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const reviewFile = (text = '{"format":"ward-to-board-review"}') => new File([text], 'review-priya.w2breview');
const choose = (file: File) => fireEvent.change(screen.getByTestId('import-review'), { target: { files: [file] } });

describe('reviews from the appraiser', () => {
  it('offers a labelled file input that takes only review files', async () => {
    reviewsBackend([]);
    render(ReviewsPage);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Reviews from your appraiser');
    const input = screen.getByTestId('import-review') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept, 'only .w2breview files are offered').toBe('.w2breview');
    expect(screen.getByLabelText('Choose the review file your appraiser sent you'), 'the input has a real label').toBe(input);
    expect(screen.getByRole('navigation', { name: 'Portfolio' }), 'the portfolio sections are at the top').toBeTruthy();
  });

  it('explains what a review is and how it arrives when there is none yet', async () => {
    reviewsBackend([]);
    render(ReviewsPage);
    const empty = await screen.findByTestId('reviews-empty');
    expect(words(empty)).toContain('No reviews yet.');
    expect(words(empty), 'it says where the export is').toContain('Share for appraisal');
    expect(within(empty).getByRole('link', { name: 'Share for appraisal' }).getAttribute('href')).toBe('#/export');
    expect(words(empty), 'it says what file comes back').toContain('.w2breview');
    expect(screen.queryAllByTestId('review-card')).toHaveLength(0);
  });

  it('lists each review with its sign-off as a coloured, labelled tag', async () => {
    reviewsBackend([
      sampleReview(),
      sampleReview({ id: 2, reviewerName: 'Sam Okoro', reviewerRole: 'Matron', signOff: sampleSignOff('satisfactory_with_development'), comments: 1 }),
      sampleReview({ id: 3, reviewerName: 'Ann Lee', signOff: sampleSignOff('not_yet'), comments: 0 }),
      sampleReview({ id: 4, reviewerName: 'Joe Bloggs', signOff: null, summary: '' }),
    ]);
    render(ReviewsPage);
    await waitFor(() => expect(screen.getAllByTestId('review-card')).toHaveLength(4));
    const [first, second, third, fourth] = screen.getAllByTestId('review-card') as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];

    const text = words(first);
    expect(text).toContain('Dr Priya Shah');
    expect(text).toContain('Clinical director');
    expect(text, 'the review date is in words').toContain('Reviewed 20 November 2026');
    expect(text, 'the export date is in words').toContain('Bundle exported 10 November 2026');
    expect(text, 'the sign-off names who signed and when').toContain('Signed by Dr Priya Shah, Clinical director, on 20 November 2026');
    expect(text).toContain('3 comments on entries');
    const summary = within(first).getByTestId('review-summary');
    expect(summary.textContent, 'line breaks in the summary are kept as written').toBe('A thoughtful year.\nMore on budgets next time.');
    expect(summary.classList.contains('w2b-pre'), 'the line breaks are shown').toBe(true);

    const tag = (card: HTMLElement) => within(card).getByTestId('sign-off-tag');
    expect(tag(first).textContent).toBe('Satisfactory');
    expect(tag(first).classList.contains('nhsuk-tag--green'), 'satisfactory is green').toBe(true);
    expect(tag(second).textContent).toBe('Satisfactory, with development needs');
    expect(tag(second).classList.contains('nhsuk-tag--blue'), 'with development is blue').toBe(true);
    expect(words(second)).toContain('1 comment on entries');
    expect(tag(third).textContent).toBe('Not yet signed off: more evidence needed');
    expect(tag(third).classList.contains('nhsuk-tag--orange'), 'not yet is orange').toBe(true);
    expect(tag(fourth).textContent, 'a review without a sign-off says so in words').toBe('Not signed off');
    expect(tag(fourth).classList.contains('nhsuk-tag--grey')).toBe(true);
    expect(within(fourth).getByTestId('review-summary').textContent).toBe('No summary written.');
  });

  it("imports a review file's bytes and shows what came in", async () => {
    const reviews: ReviewView[] = [];
    const imported = sampleReview({ comments: 2 });
    const calls = reviewsBackend(reviews, (cmd) => {
      if (cmd === 'import_review') {
        reviews.push(imported);
        return imported;
      }
    });
    render(ReviewsPage);
    await screen.findByTestId('reviews-empty');
    await choose(reviewFile('{"review":1}'));

    const done = await screen.findByTestId('review-imported');
    expect(words(done)).toContain('Imported the review by Dr Priya Shah (Clinical director): 2 comments');
    expect(words(done), 'the sign-off outcome is shown').toContain('Sign-off: Satisfactory.');
    const sent = calls.find(([c]) => c === 'import_review')?.[1];
    expect(new TextDecoder().decode(sent as Uint8Array), "the file's bytes are sent as they are").toBe('{"review":1}');
    await waitFor(() => expect(screen.getAllByTestId('review-card'), 'the list is refreshed with the new review').toHaveLength(1));
    expect(screen.queryByTestId('import-error')).toBeNull();
    await waitFor(() => expect(document.activeElement, 'focus moves to the result').toBe(done));
  });

  it('shows a refused review in an error summary, in the words given, and changes nothing', async () => {
    const message =
      'This review is for a changed copy of your bundle: its contents do not match what you exported. Ask the appraiser to review the bundle exactly as you sent it; nothing was changed.';
    const calls = reviewsBackend([sampleReview()], (cmd) => {
      if (cmd === 'import_review') throw { kind: 'conflict', message };
    });
    render(ReviewsPage);
    await screen.findByTestId('review-card');
    await choose(reviewFile());

    const summary = await screen.findByTestId('import-error');
    expect(words(summary)).toContain('The review was not imported');
    const link = within(summary).getByRole('link');
    expect(link.textContent, 'the message is shown as given').toBe(message);
    expect(link.getAttribute('href'), 'the summary leads to the file field').toBe('#import-review');
    expect(screen.getByTestId('import-review').getAttribute('aria-describedby')).toContain('import-review-error');
    expect(screen.queryByTestId('review-imported')).toBeNull();
    expect(screen.getAllByTestId('review-card'), 'the list is as it was').toHaveLength(1);
    expect(calls.filter(([c]) => c === 'list_reviews'), 'nothing new to list after a refusal').toHaveLength(1);
    await waitFor(() => expect(document.activeElement, 'focus moves to the error summary').toBe(summary));
  });

  it('clears an earlier refusal when the next file is imported', async () => {
    let attempt = 0;
    reviewsBackend([], (cmd) => {
      if (cmd === 'import_review') {
        attempt += 1;
        if (attempt === 1) throw { kind: 'conflict', message: 'This review has already been imported; its comments are on your entries.' };
        return sampleReview({ signOff: null, comments: 1 });
      }
    });
    render(ReviewsPage);
    await choose(reviewFile());
    expect(words(await screen.findByTestId('import-error'))).toContain('already been imported');
    await choose(reviewFile());
    const done = await screen.findByTestId('review-imported');
    expect(words(done)).toContain('1 comment');
    expect(words(done), 'an unsigned review says so').toContain('did not sign off');
    expect(screen.queryByTestId('import-error')).toBeNull();
  });

  it('says when the reviews cannot be loaded', async () => {
    reviewsBackend([], (cmd) => {
      if (cmd === 'list_reviews') throw { kind: 'internal', message: 'The database is locked.' };
    });
    render(ReviewsPage);
    expect(words(await screen.findByTestId('reviews-error'))).toContain('The database is locked.');
  });
});

describe('a review file opened from the file manager', () => {
  it('is previewed, imported only when the learner confirms, then listed', async () => {
    const previewed = sampleReview({ reviewerName: 'Dr Jo Okafor', comments: 2 });
    let stored: ReviewView[] = [];
    const calls = reviewsBackend([], (cmd) => {
      if (cmd === 'list_reviews') return stored;
      if (cmd === 'preview_review_file') return previewed;
      if (cmd === 'import_review_file') {
        stored = [previewed];
        return previewed;
      }
      return undefined;
    });
    render(ReviewsPage, { launchFile: '/home/sam/Downloads/review-jo.w2breview' });
    const panel = await screen.findByTestId('review-preview');
    expect(words(panel)).toContain('Import this review?');
    expect(words(panel), 'it names the file').toContain('review-jo.w2breview');
    expect(words(panel)).toContain('Dr Jo Okafor');
    expect(words(panel)).toContain('Nothing is saved until you import it');
    expect(calls.some(([c]) => c === 'import_review_file'), 'nothing imported yet').toBe(false);
    expect(calls.find(([c]) => c === 'preview_review_file')?.[1]).toEqual({ path: '/home/sam/Downloads/review-jo.w2breview' });

    await fireEvent.click(screen.getByTestId('confirm-review-import'));
    expect(words(await screen.findByTestId('review-imported'))).toContain('Review imported');
    expect(screen.queryByTestId('review-preview'), 'the question is gone').toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('review-card')).toHaveLength(1));
  });

  it('says why a review that cannot be imported was refused, and keeps nothing', async () => {
    const calls = reviewsBackend([], (cmd) => {
      if (cmd === 'preview_review_file') throw { kind: 'conflict', message: 'This review is for a bundle that was not exported from this portfolio' };
      return undefined;
    });
    render(ReviewsPage, { launchFile: '/home/sam/other.w2breview' });
    expect(words(await screen.findByTestId('import-error'))).toContain('was not exported from this portfolio');
    expect(screen.queryByTestId('review-preview')).toBeNull();
    expect(calls.some(([c]) => c === 'import_review_file')).toBe(false);
  });
});
