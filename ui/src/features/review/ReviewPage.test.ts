import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { tick } from 'svelte';
import ReviewPage from './ReviewPage.svelte';
import { takeCohortInputs } from '../cohort/cohort-inputs';
import { KEEP_AFTER_MS } from './review-draft';
import { TEST_TODAY } from '../../test/clock';
import { dateIn, fillDate } from '../../test/date-boxes';
import { SAMPLE_BUNDLE_ID, SAMPLE_MANIFEST_SHA, SAMPLE_TOKEN, sampleBundleEntry, sampleDocument, sampleSession } from '../../test/review-fixtures';
import type { ReviewInput, ReviewSession } from '../../ipc/review';

/** What a person reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });

type Calls = [string, unknown][];
type Reply = (cmd: string, args: unknown) => unknown;
/** A bundle the back end refuses: its message and the files at fault. */
type Refusal = { refused: string; problems: { where: string; message: string }[] };

/**
 * A back end that opens `session` (or refuses with `refuse`), keeps drafts and saves reviews;
 * `override` answers a command first when it returns anything.
 */
function reviewBackend(session: ReviewSession | Refusal = sampleSession(), override: Reply = () => undefined) {
  const calls: Calls = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const answer = override(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'open_bundle') {
      if ('refused' in session) throw { kind: 'invalid_input', message: session.refused, problems: session.problems };
      return session;
    }
    if (cmd === 'get_bundle_picture') return 'data:image/png;base64,iVBORw0KGgo=';
    if (cmd === 'save_review') return { fileName: 'review-sam-patel-2026-11-23.w2breview', signer: null };
    if (cmd === 'save_copy_as') return '/home/appraiser/Desktop/review-sam-patel-2026-11-23.w2breview';
    return null;
  });
  return calls;
}

const made = (calls: Calls, cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

/** Chooses a bundle file in the page's file input. */
async function chooseBundle(name = 'sam-patel-2026-11-20.w2bbundle', bytes = [80, 75, 3, 4]) {
  const file = new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' });
  await fireEvent.change(screen.getByTestId('open-bundle'), { target: { files: [file] } });
}

/** Opens an entry's card, as the appraiser does by pressing "Read this entry". */
async function readEntry(card: HTMLElement) {
  const details = within(card).getByTestId('review-entry-details') as HTMLDetailsElement;
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  await tick();
}

async function openSample(session: ReviewSession = sampleSession(), override?: Reply) {
  const calls = reviewBackend(session, override);
  render(ReviewPage);
  await chooseBundle();
  await screen.findByTestId('bundle-verified');
  return calls;
}

describe('review mode', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is kept apart from the appraiser’s own portfolio', () => {
    reviewBackend();
    render(ReviewPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Review a portfolio bundle' })).toBeTruthy();
    expect(words(screen.getByTestId('review-apart'))).toBe('Nothing from the bundle is added to your own portfolio.');
    expect(document.querySelector('.w2b-portfolio-nav, [data-testid="portfolio-nav"]'), 'review mode has no portfolio navigation').toBeNull();
    const input = screen.getByLabelText('Choose the bundle file the learner sent') as HTMLInputElement;
    expect(input.type, 'the bundle arrives through a file input').toBe('file');
    expect(input.accept, 'only bundle files are offered').toBe('.w2bbundle');
  });

  it('says it is checking, then shows the verified bundle with its coverage, goals and entries', async () => {
    let answer!: (s: ReviewSession) => void;
    const calls = reviewBackend(sampleSession(), (cmd) => (cmd === 'open_bundle' ? new Promise((r) => (answer = r)) : undefined));
    render(ReviewPage);
    await chooseBundle('sam-patel-2026-11-20.w2bbundle', [1, 2, 3]);
    expect(words(await screen.findByTestId('bundle-checking'))).toBe('Checking every file in the bundle…');
    expect(screen.queryByTestId('bundle-verified'), 'nothing is shown before the check finishes').toBeNull();
    const sent = made(calls, 'open_bundle')[0];
    expect(sent instanceof Uint8Array ? [...sent] : sent, 'the file’s own bytes are sent to be checked').toEqual([1, 2, 3]);

    answer(sampleSession());
    const panel = await screen.findByTestId('bundle-verified');
    expect(screen.queryByTestId('bundle-checking')).toBeNull();
    const panelWords = words(panel);
    expect(panelWords).toContain("Checked: every file matches the bundle's manifest");
    expect(panelWords, 'the learner is named').toContain('Sam Patel');
    expect(panelWords, 'the period is in words').toContain('1 April 2026 to 20 November 2026');
    expect(panelWords, 'the app version that made it is shown').toContain('Ward to Board 0.7.0');
    expect(panelWords, 'the bundle file is named').toContain('sam-patel-2026-11-20.w2bbundle');
    expect(panelWords).toContain('2 entries, 1 development plan goal');

    const coverage = screen.getByTestId('review-coverage-framework');
    expect(words(coverage)).toContain('Clinician-Manager Practice Framework 1 of 12 behaviours evidenced');
    const rows = within(coverage)
      .getAllByRole('row')
      .map((row) => [...row.children].map(words));
    expect(rows, 'one row per domain: entries, behaviours evidenced').toEqual([
      ['Domain', 'Shared entries', 'Behaviours evidenced'],
      ['People', '1', '1 of 6'],
      ['Money', '0', '0 of 6'],
    ]);
    expect(words(screen.getByTestId('review-goal'))).toContain('Run the ward budget meeting In progress · due 31 January 2027');

    const cards = screen.getAllByTestId('review-entry');
    expect(cards.map((c) => within(c).getByRole('heading', { level: 3 }).textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Reflection · 14 October 2026 Rota gap on ward 7',
      'CPD activity · 2 September 2026 Finance for managers course',
    ]);
    expect(screen.getAllByTestId('entry-comment'), 'each entry has a comment box').toHaveLength(2);
  });

  it('shows the lessons completed when the learner shared them, and says so when they did not', async () => {
    await openSample();
    expect(words(screen.getByTestId('review-learning')), 'a bundle without the summary says it was not shared').toContain(
      'The learner did not share which lessons they have completed.',
    );
  });

  it('lists each pack and the lessons completed in a bundle with the learning summary', async () => {
    const learning = [
      {
        packId: 'nw-clf',
        title: 'North West Clinical Leadership Fellowship',
        version: '1.2.0',
        publisher: 'NW CLF <b>team</b>',
        lessonsTotal: 12,
        completed: [{ lessonId: 'budgets', title: 'Reading a budget statement', completedAt: '2026-10-02T20:15:00.000Z' }],
      },
    ];
    await openSample(sampleSession({ document: sampleDocument({ formatVersion: 3, learning }) }));
    const pack = screen.getByTestId('review-learning-pack');
    expect(words(pack)).toContain('North West Clinical Leadership Fellowship');
    expect(words(pack), 'counts of the pack').toContain('Version 1.2.0, from NW CLF <b>team</b>: 1 of 12 lessons completed');
    expect(words(pack), 'each lesson with its date').toContain('Reading a budget statement (completed 2 October 2026)');
    expect(pack.querySelector('b'), 'text from the bundle is never markup').toBeNull();
  });

  it('shows an entry’s details, ratings and attachments when it is opened, with pictures read from the bundle', async () => {
    const calls = await openSample();
    const [card] = screen.getAllByTestId('review-entry') as [HTMLElement];
    expect(made(calls, 'get_bundle_picture'), 'pictures are read only when the entry is opened').toEqual([]);
    await readEntry(card);

    const text = words(card);
    expect(text).toContain('Version shared 2');
    expect(text, 'CPD time is shown').toContain('2 hours in all Clinical: 30 minutes Management: 1 hour 30 minutes');
    expect(text).toContain('staffing');
    expect(words(within(card).getByTestId('review-behaviour'))).toBe(
      'Plans safe staffing for the shift Clinician-Manager Practice Framework · People Rating: 3 – Consistently Filled both gaps before 8 pm.',
    );
    expect(text, 'reflection sections are shown').toContain('Description The night rota had two gaps.');
    expect(within(card).getAllByTestId('review-attachment').map(words)).toEqual(['rota.png PNG picture, 20 KB', 'minutes.pdf PDF document, 4 KB']);

    const picture = (await within(card).findByTestId('bundle-picture')) as HTMLImageElement;
    expect(picture.src).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(picture.alt).toBe('Picture attached: rota.png');
    expect(made(calls, 'get_bundle_picture'), 'only the picture is read, checked against its hash').toEqual([
      { token: SAMPLE_TOKEN, path: 'attachments/1-rota.png', sha256: 'c'.repeat(64), mediaType: 'image/png' },
    ]);
  });

  it('keeps line breaks in the body, as plain text', async () => {
    await openSample();
    const [card] = screen.getAllByTestId('review-entry') as [HTMLElement];
    await readEntry(card);
    const body = within(card).getByTestId('review-entry-body');
    const paragraphs = [...body.querySelectorAll('p')];
    expect(paragraphs.map((p) => p.innerHTML.replace(/<!---->/g, '').trim()), 'single breaks stay breaks; a blank line starts a paragraph').toEqual([
      'Two nurses off sick.<br>I rang the bank office.',
      'Next time: escalate sooner.',
    ]);
  });

  it('shows script and markup in a hostile entry as text, never running or rendering it', async () => {
    const hostile = '<script>window.__pwned = true<\/script><img src="x" onerror="window.__pwned = true">**not bold**';
    const document_ = sampleDocument({
      entries: [
        sampleBundleEntry({
          title: '<b>Loud</b> title',
          body: hostile,
          tags: ['<i>tag</i>'],
          behaviours: [],
          attachments: [],
          reflection: { template: 'gibbs', templateTitle: 'Gibbs', sections: [{ title: 'Description', text: '<script>alert(1)<\/script>' }], codeThemes: [] },
        }),
      ],
    });
    await openSample(sampleSession({ document: document_ }));
    const card = screen.getByTestId('review-entry');
    await readEntry(card);

    expect(card.querySelector('script'), 'no script element is created from the bundle').toBeNull();
    expect(card.querySelector('img'), 'no image element is created from markup in the text').toBeNull();
    expect(card.querySelector('b, i, strong:not(.nhsuk-tag)'), 'no markup from the bundle becomes elements').toBeNull();
    expect((window as unknown as { __pwned?: boolean }).__pwned, 'nothing from the bundle ran').toBeUndefined();
    expect(within(card).getByTestId('review-entry-body').textContent?.trim(), 'the text is shown exactly as written').toBe(hostile);
    expect(words(card)).toContain('<b>Loud</b> title');
    expect(words(card)).toContain('<i>tag</i>');
    expect(words(card)).toContain('<script>alert(1)</script>');
  });

  it('lists each changed or missing file when a bundle fails its check, and opens nothing', async () => {
    reviewBackend({
      refused: 'The bundle does not match its manifest: 2 problems in sam.w2bbundle.',
      problems: [
        { where: 'attachments/1-rota.png', message: 'its SHA-256 does not match the manifest' },
        { where: 'portfolio.json', message: 'missing from the archive' },
      ],
    });
    render(ReviewPage);
    await chooseBundle('sam.w2bbundle');
    const error = await screen.findByTestId('open-bundle-error');
    expect(within(error).getByRole('heading', { level: 2 }).textContent).toBe('This bundle could not be opened');
    expect(words(error)).toContain('The bundle does not match its manifest: 2 problems in sam.w2bbundle.');
    expect(within(screen.getByTestId('open-bundle-problems')).getAllByRole('listitem').map(words), 'one line per file').toEqual([
      'attachments/1-rota.png: its SHA-256 does not match the manifest',
      'portfolio.json: missing from the archive',
    ]);
    expect(words(error)).toContain('Nothing was opened. Ask the learner to export it again.');
    expect(screen.queryByTestId('bundle-verified'), 'a failed bundle is never shown').toBeNull();
    expect(screen.queryAllByTestId('review-entry')).toHaveLength(0);
    expect(screen.getByTestId('open-bundle'), 'the appraiser can choose another file').toBeTruthy();
  });

  it('saves the comments, summary and sign-off as a review file, and offers a copy', async () => {
    const calls = await openSample();
    const comments = screen.getAllByTestId('entry-comment');
    await type(comments[1]!, '  Good use of the course.  ');
    await type(comments[0]!, '   ');
    await type(screen.getByTestId('reviewer-name'), 'Dr Alex Morgan');
    await type(screen.getByTestId('reviewer-role'), 'Educational supervisor');
    await type(screen.getByTestId('review-summary'), 'A strong year.\nWork on finance.');
    await fireEvent.click(screen.getByLabelText('Satisfactory, with development needs'));
    expect((screen.getByTestId('sign-off-name') as HTMLInputElement).value, 'the reviewer is offered as the person signing off').toBe(
      'Dr Alex Morgan',
    );
    expect(dateIn('sign-off-date'), 'the sign-off is dated today unless changed').toBe(TEST_TODAY);
    await fillDate('sign-off-date', '2026-11-23');
    await fireEvent.click(screen.getByTestId('save-review'));

    const saved = await screen.findByTestId('review-saved');
    const expected: ReviewInput = {
      reviewer: { name: 'Dr Alex Morgan', role: 'Educational supervisor' },
      summary: 'A strong year.\nWork on finance.',
      comments: [{ entryUid: 'entry-2', entryVersion: 1, comment: 'Good use of the course.' }],
      signOff: { outcome: 'satisfactory_with_development', name: 'Dr Alex Morgan', role: 'Educational supervisor', date: '2026-11-23' },
    };
    expect(made(calls, 'save_review'), 'only comments with words are sent, each tied to the version shared').toEqual([
      { token: SAMPLE_TOKEN, review: expected, signing: null },
    ]);
    expect(words(saved)).toContain("Saved review-sam-patel-2026-11-23.w2breview in your Ward to Board folder's reviews/ folder");
    expect(words(saved)).toContain('Send this file back to the learner; they import it under Portfolio → Reviews.');

    await fireEvent.click(within(saved).getByRole('button', { name: 'Save a copy…' }));
    expect(words(await screen.findByTestId('review-copy-saved'))).toBe(
      'Saved a copy to /home/appraiser/Desktop/review-sam-patel-2026-11-23.w2breview',
    );
    expect(made(calls, 'save_copy_as')).toEqual([{ fileName: 'review-sam-patel-2026-11-23.w2breview', kind: 'review' }]);
  });

  it('sends no sign-off when "No sign-off yet" is chosen', async () => {
    const calls = await openSample();
    await type(screen.getByTestId('reviewer-name'), 'Dr Alex Morgan');
    await fireEvent.click(screen.getByLabelText('Satisfactory'));
    await fireEvent.click(screen.getByLabelText('No sign-off yet'));
    expect(screen.queryByTestId('sign-off-name'), 'sign-off details are asked for only with an outcome').toBeNull();
    await fireEvent.click(screen.getByTestId('save-review'));
    await screen.findByTestId('review-saved');
    expect((made(calls, 'save_review')[0] as { review: ReviewInput }).review.signOff).toBeNull();
  });

  it('names the missing fields and saves nothing until they are filled in', async () => {
    const calls = await openSample();
    await fireEvent.click(screen.getByTestId('save-review'));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getAllByRole('link').map(words)).toEqual(['Enter your name']);
    expect(within(summary).getByRole('link').getAttribute('href'), 'the error links to its field').toBe('#reviewer-name');
    expect(made(calls, 'save_review'), 'nothing is saved without a reviewer').toEqual([]);

    await type(screen.getByTestId('reviewer-name'), 'Dr Alex Morgan');
    await fireEvent.click(screen.getByLabelText('Not yet signed off: more evidence needed'));
    await type(screen.getByTestId('sign-off-name'), '  ');
    await fireEvent.click(screen.getByTestId('save-review'));
    await waitFor(() =>
      expect(within(screen.getByTestId('error-summary')).getAllByRole('link').map(words)).toEqual([
        'Enter the name of the person signing off, or choose "No sign-off yet"',
      ]),
    );
    expect(made(calls, 'save_review'), 'an outcome needs a name').toEqual([]);
  });

  it('shows the reason when the review file is not saved', async () => {
    await openSample(sampleSession(), (cmd) => {
      if (cmd === 'save_review') throw { kind: 'conflict', message: 'The bundle was changed since you opened it: open it again.' };
      return undefined;
    });
    await type(screen.getByTestId('reviewer-name'), 'Dr Alex Morgan');
    await fireEvent.click(screen.getByTestId('save-review'));
    expect(words(await screen.findByTestId('error-summary'))).toContain('The bundle was changed since you opened it: open it again.');
    expect(screen.queryByTestId('review-saved')).toBeNull();
  });

  it('keeps the review in progress once typing pauses', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = await openSample();
    await type(screen.getAllByTestId('entry-comment')[0]!, 'Escalate earlier');
    await type(screen.getByTestId('reviewer-name'), 'Dr Alex');
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS - 1);
    expect(made(calls, 'keep_review_draft'), 'nothing is kept while the appraiser is still typing').toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const kept = made(calls, 'keep_review_draft') as { bundleId: string; manifestSha256: string; json: string }[];
    expect(kept, 'one write after the pause').toHaveLength(1);
    expect(kept[0]!.bundleId).toBe(SAMPLE_BUNDLE_ID);
    expect(kept[0]!.manifestSha256, 'the draft belongs to this exact bundle').toBe(SAMPLE_MANIFEST_SHA);
    expect(JSON.parse(kept[0]!.json)).toEqual({
      reviewer: { name: 'Dr Alex', role: '' },
      summary: '',
      comments: { 'entry-1': 'Escalate earlier' },
      signOff: { outcome: null, name: '', role: '', date: TEST_TODAY },
    });
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS * 2);
    expect(made(calls, 'keep_review_draft'), 'an unchanged review is not written again').toHaveLength(1);
  });

  it('restores the review in progress when the same bundle is opened again', async () => {
    const draft = JSON.stringify({
      reviewer: { name: 'Dr Alex Morgan', role: 'Appraiser' },
      summary: 'Half written',
      comments: { 'entry-2': 'Which course?' },
      signOff: { outcome: 'satisfactory', name: 'Dr Alex Morgan', role: 'Appraiser', date: '2026-11-22' },
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = await openSample(sampleSession({ draft }));
    expect(words(screen.getByTestId('draft-restored'))).toBe('Your review in progress was restored.');
    expect((screen.getByTestId('reviewer-name') as HTMLInputElement).value).toBe('Dr Alex Morgan');
    expect((screen.getByTestId('reviewer-role') as HTMLInputElement).value).toBe('Appraiser');
    expect((screen.getByTestId('review-summary') as HTMLTextAreaElement).value).toBe('Half written');
    expect(screen.getAllByTestId('entry-comment').map((c) => (c as HTMLTextAreaElement).value)).toEqual(['', 'Which course?']);
    expect((screen.getByLabelText('Satisfactory') as HTMLInputElement).checked).toBe(true);
    expect(dateIn('sign-off-date'), 'the kept sign-off date is back in the boxes').toBe('2026-11-22');
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS * 2);
    expect(made(calls, 'keep_review_draft'), 'restoring is not a change to keep').toEqual([]);
  });

  it('opens without a restored message when there is no draft, or the draft is unreadable', async () => {
    await openSample(sampleSession({ draft: '{not json' }));
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    expect((screen.getByTestId('reviewer-name') as HTMLInputElement).value).toBe('');
  });
});

describe('a bundle opened from the file manager', () => {
  it('is checked and shown straight away, by the path the desktop handed over', async () => {
    const calls = reviewBackend(sampleSession(), (cmd) => (cmd === 'open_bundle_file' ? sampleSession() : undefined));
    render(ReviewPage, { launchFile: '/home/appraiser/Downloads/sam-patel.w2bbundle' });
    await waitFor(() => expect(made(calls, 'open_bundle_file')).toEqual([{ path: '/home/appraiser/Downloads/sam-patel.w2bbundle' }]));
    expect(await screen.findAllByTestId('review-entry')).not.toHaveLength(0);
    expect(made(calls, 'open_bundle'), 'no file input was needed').toHaveLength(0);
  });
});

describe('several learners bundles', () => {
  it('picks them in the dialog and hands them to the cohort report; a cancelled dialog stays here', async () => {
    let picked: string[] | null = null;
    const calls = reviewBackend(sampleSession(), (cmd) => (cmd === 'choose_cohort_bundles' ? picked : undefined));
    window.location.hash = '#/review';
    render(ReviewPage);
    await fireEvent.click(screen.getByRole('button', { name: 'Open several bundles…' }));
    await waitFor(() => expect(made(calls, 'choose_cohort_bundles')).toEqual([{ folder: false }]));
    expect(window.location.hash).toBe('#/review');
    picked = ['/home/lead/intake'];
    await fireEvent.click(screen.getByRole('button', { name: 'Open a folder of bundles…' }));
    await waitFor(() => expect(window.location.hash).toBe('#/review/cohort'));
    expect(made(calls, 'choose_cohort_bundles')[1]).toEqual({ folder: true });
    expect(takeCohortInputs(), 'the cohort screen reports on what was picked').toEqual(['/home/lead/intake']);
  });
});
