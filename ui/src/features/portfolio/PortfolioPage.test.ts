import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import PortfolioPage from './PortfolioPage.svelte';
import { SEARCH_AFTER_MS } from './search-query';
import { leaveNotice, takeNotice } from './notice';
import { emptyQuery, type EntryPage, type EntryQuery } from '../../ipc/portfolio';
import { sampleOptions, sampleSummaries, sampleSummary, sampleTags } from '../../test/portfolio-fixtures';

type Backend = { find?: (query: EntryQuery) => EntryPage | Promise<EntryPage>; bin?: number };

/** A back end holding two entries; returns the queries find_entries was sent, in order. */
function portfolioBackend({ find = () => ({ entries: twoEntries(), total: 2, totalEstimated: false }), bin = 0 }: Backend = {}) {
  const queries: EntryQuery[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'get_editor_options') return sampleOptions();
    if (cmd === 'list_entry_tags') return sampleTags();
    if (cmd === 'count_bin') return bin;
    if (cmd === 'find_entries') {
      const query = (args as { query: EntryQuery }).query;
      queries.push(query);
      return find(query);
    }
  });
  return queries;
}

function twoEntries() {
  return [
    sampleSummary(),
    sampleSummary({
      id: 8,
      kind: 'shadowing',
      kindLabel: 'Shadowing',
      title: 'A day with the matron',
      date: '2026-02-01',
      cpdMinutes: 0,
      behaviours: 1,
      attachments: 0,
      tags: [],
      fromStudy: true,
    }),
  ];
}

/** What the person reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const unfiltered: EntryQuery = { ...emptyQuery(), sort: 'newest' };
const searchBox = () => screen.getByLabelText<HTMLInputElement>('Search your portfolio');
const lastQuery = (queries: EntryQuery[]) => queries[queries.length - 1];

function typeDate(group: string, day: string, month: string, year: string) {
  const fields = within(screen.getByRole('group', { name: group }));
  fireEvent.input(fields.getByLabelText('Day'), { target: { value: day } });
  fireEvent.input(fields.getByLabelText('Month'), { target: { value: month } });
  return fireEvent.input(fields.getByLabelText('Year'), { target: { value: year } });
}

describe('portfolio list', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists every entry with what it is, when, and what it carries', async () => {
    const queries = portfolioBackend();
    render(PortfolioPage);
    const rows = await screen.findAllByTestId('entry-row');
    expect(screen.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeTruthy();
    expect(queries, 'the first search asks for every entry outside the bin, newest first').toEqual([unfiltered]);
    expect(words(screen.getByTestId('entry-count'))).toBe('2 entries');
    expect(rows).toHaveLength(2);

    const first = within(rows[0]!);
    expect(first.getByRole('link', { name: 'Budget-holder training' }).getAttribute('href')).toBe('#/portfolio/7');
    expect(words(rows[0]!)).toContain('15 March 2026');
    expect(words(rows[0]!)).toContain('CPD activity');
    expect(words(rows[0]!), 'CPD time is in words').toContain('CPD: 1 hour 30 minutes');
    expect(words(rows[0]!)).toContain('2 behaviours');
    expect(words(rows[0]!), 'attachments are counted in words, not only an icon').toContain('1 attachment');
    expect(words(rows[0]!)).toContain('Tags: finance, budgets');
    expect(words(rows[0]!)).not.toContain('From study');

    expect(words(rows[1]!)).toContain('From study');
    expect(words(rows[1]!)).toContain('1 behaviour');
    expect(words(rows[1]!), 'no CPD line when no time was logged').not.toContain('CPD:');
    expect(words(rows[1]!), 'no attachments line when there are none').not.toContain('attachment');

    expect(screen.getByTestId('add-entry').getAttribute('href')).toBe('#/portfolio/new');
  });

  it('searches what was typed once typing pauses, not on every key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const queries = portfolioBackend();
    render(PortfolioPage);
    await vi.advanceTimersByTimeAsync(0);
    expect(queries).toHaveLength(1);

    await fireEvent.input(searchBox(), { target: { value: 'ro' } });
    await vi.advanceTimersByTimeAsync(100);
    await fireEvent.input(searchBox(), { target: { value: 'rota budget' } });
    await vi.advanceTimersByTimeAsync(SEARCH_AFTER_MS - 1);
    expect(queries, 'nothing is searched while the person is still typing').toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(queries).toHaveLength(2);
    expect(lastQuery(queries), 'a search with words is ordered by best match').toEqual({
      ...unfiltered,
      text: 'rota budget',
      sort: 'relevance',
    });
  });

  it('searches at once when the person presses Enter', async () => {
    const queries = portfolioBackend();
    render(PortfolioPage);
    await screen.findAllByTestId('entry-row');
    await fireEvent.input(searchBox(), { target: { value: 'appraisal' } });
    await fireEvent.submit(searchBox().form!);
    expect(lastQuery(queries)?.text).toBe('appraisal');
  });

  it('narrows the list by kind, tag, behaviour and date', async () => {
    const queries = portfolioBackend();
    render(PortfolioPage);
    const kind = await screen.findByLabelText<HTMLSelectElement>('Kind of entry');
    expect(Array.from(kind.options).map((o) => o.text)).toEqual(['Any kind', 'Reflection', 'CPD activity', 'Shadowing']);
    await fireEvent.change(kind, { target: { value: 'cpd' } });
    await waitFor(() => expect(lastQuery(queries)?.kinds).toEqual(['cpd']));

    const tag = screen.getByLabelText<HTMLSelectElement>('Tag');
    expect(Array.from(tag.options).map((o) => o.text), 'each tag says how many entries carry it').toEqual([
      'Any tag',
      'finance (3 entries)',
      'rota (1 entry)',
    ]);
    await fireEvent.change(tag, { target: { value: 'finance' } });

    const behaviour = screen.getByLabelText<HTMLSelectElement>('Behaviour shown');
    const groups = Array.from(behaviour.querySelectorAll('optgroup')).map((g) => g.label);
    expect(groups, 'behaviours are grouped by framework and domain').toEqual([
      'NHS Leadership Framework: Sharing the vision',
      'NHS Leadership Framework: Engaging the team',
    ]);
    expect(Array.from(behaviour.options).map((o) => o.text), 'an element with no statement shows its title').toContain('Recognition');
    await fireEvent.change(behaviour, { target: { value: 'team-1' } });

    await typeDate('Dated from', '1', '4', '2025');
    await typeDate('Dated up to', '31', '3', '2026');

    await waitFor(() =>
      expect(lastQuery(queries)).toEqual({
        ...unfiltered,
        kinds: ['cpd'],
        tag: 'finance',
        behaviour: 'team-1',
        from: '2025-04-01',
        to: '2026-03-31',
      }),
    );
  });

  it('shows where the words matched, highlighting them without running any markup', async () => {
    portfolioBackend({
      find: () => ({
        entries: [
          sampleSummary({
            snippet: [
              { text: '…we agreed the ', highlight: false },
              { text: 'rota', highlight: true },
              { text: ' with <b>everyone</b> and ', highlight: false },
              { text: '<img src=x onerror=alert(1)>', highlight: true },
            ],
          }),
        ],
        total: 1,
        totalEstimated: false,
      }),
    });
    render(PortfolioPage);
    const snippet = await screen.findByTestId('entry-snippet');
    const marks = Array.from(snippet.querySelectorAll('mark')).map((m) => m.textContent);
    expect(marks, 'only the matched words are marked').toEqual(['rota', '<img src=x onerror=alert(1)>']);
    expect(snippet.querySelector('b'), 'markup in an entry is shown as text').toBeNull();
    expect(snippet.querySelector('img'), 'markup in an entry is shown as text').toBeNull();
    expect(words(snippet)).toBe('…we agreed the rota with <b>everyone</b> and <img src=x onerror=alert(1)>');
  });

  it('explains what an entry is when there are none yet, and offers to add one', async () => {
    portfolioBackend({ find: () => ({ entries: [], total: 0, totalEstimated: false }) });
    render(PortfolioPage);
    const empty = await screen.findByTestId('portfolio-empty');
    expect(within(empty).getByRole('heading', { name: 'You have no entries yet' })).toBeTruthy();
    expect(words(empty)).toContain('An entry is a record of something you did or learned');
    expect(within(empty).getByTestId('add-entry').getAttribute('href')).toBe('#/portfolio/new');
    expect(screen.queryByTestId('portfolio-search'), 'there is nothing to search yet').toBeNull();
    expect(screen.getAllByTestId('add-entry'), 'one button to add an entry, not two').toHaveLength(1);
  });

  it('says when nothing matches and clears every filter on request', async () => {
    const queries = portfolioBackend({
      find: (q) => (q.text ? { entries: [], total: 0, totalEstimated: false } : { entries: twoEntries(), total: 2, totalEstimated: false }),
    });
    render(PortfolioPage);
    await fireEvent.change(await screen.findByLabelText('Kind of entry'), { target: { value: 'reflection' } });
    await fireEvent.input(searchBox(), { target: { value: 'zebra crossing' } });

    const none = await screen.findByTestId('no-matches');
    expect(words(screen.getByTestId('entry-count'))).toBe('No entries match');
    expect(screen.queryByTestId('portfolio-empty'), 'a search with no matches is not an empty portfolio').toBeNull();

    await fireEvent.click(within(none).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(lastQuery(queries)).toEqual(unfiltered));
    expect(await screen.findAllByTestId('entry-row')).toHaveLength(2);
    expect(searchBox().value).toBe('');
    expect(screen.getByLabelText<HTMLSelectElement>('Kind of entry').value).toBe('');
    expect(document.activeElement, 'focus returns to the search box').toBe(searchBox());
  });

  it('loads the next 50 entries on "Show more"', async () => {
    const queries = portfolioBackend({
      find: (q) => ({ entries: sampleSummaries(Math.min(50, 120 - q.offset), q.offset + 1), total: 120, totalEstimated: false }),
    });
    render(PortfolioPage);
    expect(await screen.findAllByTestId('entry-row')).toHaveLength(50);
    expect(words(screen.getByTestId('entry-count'))).toBe('120 entries');
    expect(screen.getByText('Showing 50 of 120 entries.')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.getAllByTestId('entry-row')).toHaveLength(100));
    expect(lastQuery(queries), 'the next page starts after the entries shown').toEqual({ ...unfiltered, offset: 50 });
    expect(screen.getByText('Showing 100 of 120 entries.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent, 'focus moves to the first entry added').toBe('Entry 51'));
  });

  it('says a large total is an estimate, and offers more while pages keep coming', async () => {
    const queries = portfolioBackend({
      find: (q) => ({ entries: q.offset < 100 ? sampleSummaries(50, q.offset + 1) : [], total: 12000, totalEstimated: true }),
    });
    render(PortfolioPage);
    expect(await screen.findAllByTestId('entry-row')).toHaveLength(50);
    expect(words(screen.getByTestId('entry-count')), 'the count says it is not exact').toBe('About 12,000 entries');
    expect(screen.getByText('Showing 50 of about 12,000 entries.')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.getAllByTestId('entry-row')).toHaveLength(100));
    expect(lastQuery(queries)).toEqual({ ...unfiltered, offset: 50 });
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('show-more').disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('show-more'));
    await waitFor(() => expect(screen.queryByTestId('show-more'), 'an empty page ends the list').toBeNull());
    expect(screen.getAllByTestId('entry-row')).toHaveLength(100);
  });

  it('links to the bin only when something is in it', async () => {
    portfolioBackend({ bin: 3 });
    const { unmount } = render(PortfolioPage);
    const link = await screen.findByTestId('bin-link');
    expect(link.textContent).toBe('3 entries in the bin');
    expect(link.getAttribute('href')).toBe('#/portfolio/bin');
    unmount();

    portfolioBackend({ bin: 0 });
    render(PortfolioPage);
    await screen.findAllByTestId('entry-row');
    await waitFor(() => expect(screen.getByLabelText('Tag')).toBeTruthy());
    expect(screen.queryByTestId('bin-link')).toBeNull();
  });

  it('offers "Best match" only once there are words, and keeps a chosen order', async () => {
    const queries = portfolioBackend();
    render(PortfolioPage);
    await screen.findAllByTestId('entry-row');
    const sort = screen.getByLabelText<HTMLSelectElement>('Sort by');
    const best = Array.from(sort.options).find((o) => o.value === 'relevance')!;
    expect(best.disabled, 'best match means nothing without words').toBe(true);
    expect(sort.value).toBe('newest');

    await fireEvent.change(sort, { target: { value: 'title' } });
    await waitFor(() => expect(lastQuery(queries)?.sort).toBe('title'));
    await fireEvent.input(searchBox(), { target: { value: 'budget' } });
    await waitFor(() => expect(lastQuery(queries)?.text).toBe('budget'));
    expect(lastQuery(queries)?.sort, 'an order the person chose is kept when they search').toBe('title');
    expect(best.disabled).toBe(false);
  });

  it('points out a date that is not real once the person leaves it, and does not use it', async () => {
    const queries = portfolioBackend();
    render(PortfolioPage);
    await screen.findAllByTestId('entry-row');
    await typeDate('Dated from', '31', '2', '2026');
    expect(screen.queryByText(/must be a real date/), 'no complaint while still typing').toBeNull();
    await fireEvent.focusOut(within(screen.getByRole('group', { name: 'Dated from' })).getByLabelText('Year'));
    expect(words(await screen.findByText(/must be a real date/))).toBe('Error: Dated from must be a real date');
    expect(queries.every((q) => q.from === null), 'a date that does not exist is never searched').toBe(true);
  });

  it('says plainly when the portfolio cannot be loaded', async () => {
    mockIPC((cmd) => {
      if (cmd === 'find_entries') throw { kind: 'internal', message: 'the database failed: disk I/O error' };
      if (cmd === 'get_editor_options') return sampleOptions();
      if (cmd === 'list_entry_tags') return [];
      if (cmd === 'count_bin') return 0;
    });
    render(PortfolioPage);
    const error = await screen.findByTestId('portfolio-error');
    expect(words(error)).toContain('Your portfolio could not be loaded');
    expect(words(error)).toContain('the database failed: disk I/O error');
  });

  it('shows a message left by the screen before, once', async () => {
    portfolioBackend();
    leaveNotice('“Budget-holder training” was moved to the bin.');
    const { unmount } = render(PortfolioPage);
    expect(words(await screen.findByTestId('portfolio-notice'))).toContain('“Budget-holder training” was moved to the bin.');
    expect(takeNotice(), 'the message is used up').toBeNull();
    unmount();
    render(PortfolioPage);
    await screen.findAllByTestId('entry-row');
    expect(screen.queryByTestId('portfolio-notice')).toBeNull();
  });
});
