import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SearchPage from './SearchPage.svelte';
import type { SearchHit } from '../../ipc/learning';

const hits: SearchHit[] = [
  {
    packId: 'core',
    lessonId: 'finance-b',
    title: 'Reading a budget statement',
    moduleTitle: 'Budgets and finance',
    packTitle: 'Core pack',
    snippet: [
      { text: '…the ', highlight: false },
      { text: 'forecast outturn', highlight: true },
      { text: ' is where the year will end. Written as <b>x</b> in ', highlight: false },
      { text: '<img src=x onerror=alert(1)>', highlight: true },
      { text: '…', highlight: false },
    ],
  },
  {
    packId: 'core',
    lessonId: 'gov-a',
    title: 'From ward to board',
    moduleTitle: 'Accountability and governance',
    packTitle: 'Core pack',
    snippet: [{ text: 'The board reviews the forecast', highlight: false }],
  },
];

function searchBackend(reply: SearchHit[] | (() => never) = hits) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'search_lessons') return typeof reply === 'function' ? reply() : reply;
  });
  return calls;
}

describe('search page', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('searches for the query in the address and lists the lessons found', async () => {
    const calls = searchBackend();
    render(SearchPage, { query: 'forecast outturn' });
    const found = await screen.findAllByTestId('search-hit');
    expect(calls).toEqual([['search_lessons', { query: 'forecast outturn' }]]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Search results for “forecast outturn”');
    expect(screen.getByTestId('search-count').textContent?.trim()).toBe('2 lessons found.');
    expect(found).toHaveLength(2);
    const link = within(found[0]!).getByRole('link', { name: 'Reading a budget statement' });
    expect(link.getAttribute('href')).toBe('#/lesson/core/finance-b');
    expect(found[0]!.textContent).toContain('Budgets and finance · Core pack');
    expect((screen.getByTestId('search-page-input') as HTMLInputElement).value).toBe('forecast outturn');
  });

  it('marks only the matching words, and shows snippet text as text, never as markup', async () => {
    searchBackend();
    render(SearchPage, { query: 'forecast outturn' });
    const [first, second] = await screen.findAllByTestId('search-hit');
    const marks = first!.querySelectorAll('mark');
    expect(Array.from(marks, (m) => m.textContent)).toEqual(['forecast outturn', '<img src=x onerror=alert(1)>']);
    expect(first!.textContent).toContain('is where the year will end. Written as <b>x</b> in');
    expect(first!.querySelector('b')).toBeNull();
    expect(first!.querySelector('img')).toBeNull();
    expect(second!.querySelector('mark')).toBeNull();
    expect(second!.textContent).toContain('The board reviews the forecast');
  });

  it('says so when nothing matches', async () => {
    searchBackend([]);
    render(SearchPage, { query: 'zebra' });
    expect((await screen.findByTestId('search-count')).textContent).toContain('No lessons match every word');
    expect(screen.queryAllByTestId('search-hit')).toHaveLength(0);
  });

  it('explains a search that failed', async () => {
    searchBackend(() => {
      throw { kind: 'invalid_input', message: 'the search words could not be read' };
    });
    render(SearchPage, { query: '"' });
    expect(await screen.findByText('The search did not work')).toBeTruthy();
    expect(screen.getByText('the search words could not be read')).toBeTruthy();
  });

  it('without a query, asks for one and puts the cursor in the box', async () => {
    const calls = searchBackend();
    render(SearchPage, { query: '' });
    const input = screen.getByLabelText('Search every installed lesson');
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(screen.getByRole('heading', { level: 1, name: 'Search the lessons' })).toBeTruthy();
    expect(calls).toEqual([]);
    expect(screen.queryByTestId('search-count')).toBeNull();
  });

  it('goes to the address of a new search when the form is sent', async () => {
    searchBackend();
    render(SearchPage, { query: '' });
    const input = screen.getByLabelText('Search every installed lesson');
    await fireEvent.input(input, { target: { value: ' duty of candour / CQC ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(window.location.hash).toBe('#/search/duty%20of%20candour%20%2F%20CQC');
  });
});
