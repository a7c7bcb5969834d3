import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import CoveragePage from './CoveragePage.svelte';
import { sampleCoverage, sampleEditorOptions } from '../../test/plan-fixtures';
import { localDate } from '../../lib/clock';
import type { Coverage } from '../../ipc/coverage';

/** What the learner reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A table row's cells, one string. */
const cells = (row: Element) => [...row.children].map(words).join(' | ');

function coverageBackend(reply: (frameworkId: string | null) => Coverage = () => sampleCoverage()) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'get_coverage') return reply((args as { frameworkId: string | null }).frameworkId);
    if (cmd === 'get_editor_options') return sampleEditorOptions();
    return null;
  });
  return calls;
}

describe('coverage page', () => {
  it("opens on the default framework for today's date and sums up the evidence", async () => {
    const calls = coverageBackend();
    render(CoveragePage);
    const summary = await screen.findByTestId('coverage-summary');
    expect(screen.getByRole('heading', { level: 1, name: 'Framework coverage' })).toBeTruthy();
    expect(calls.find(([c]) => c === 'get_coverage')?.[1], 'no framework chosen yet, counted to today').toEqual({
      frameworkId: null,
      today: localDate(),
    });
    expect(words(summary)).toBe('You have evidence for 2 of 4 behaviours.');
    expect(screen.getByRole('link', { name: 'Add evidence' }).getAttribute('href')).toBe('#/portfolio/new');
    expect(screen.getByRole('navigation', { name: 'Portfolio' }), 'the portfolio sections head the page').toBeTruthy();
  });

  it('gives the chart a text alternative and the same figures in a table', async () => {
    coverageBackend();
    render(CoveragePage);
    const chart = await screen.findByTestId('coverage-chart');
    const canvas = within(chart).getByRole('img');
    expect(canvas.tagName).toBe('CANVAS');
    expect(canvas.getAttribute('aria-label')).toContain('Leading and managing people: 3 entries, 2 in the last 12 months');
    const rows = within(screen.getByTestId('coverage-table')).getAllByRole('row').map(cells);
    expect(rows).toEqual([
      'Domain | In the last 12 months | Older | Behaviours with evidence',
      'Leading and managing people | 2 | 1 | 2 of 3',
      'Managing resources and budgets | 0 | 0 | 0 of 1',
    ]);
  });

  it('marks gaps and links each to the installed lessons that teach it', async () => {
    coverageBackend();
    render(CoveragePage);
    const people = await screen.findByTestId('domain-cmpf.people');
    expect(within(people).getByRole('heading', { level: 2, name: 'Leading and managing people' })).toBeTruthy();
    const [recruitment] = within(people).getAllByTestId('gap');
    expect(words(recruitment!)).toContain('Gap No evidence yet. Lessons that help:');
    const links = within(recruitment!).getAllByRole('link');
    expect(
      links.map((a) => [a.textContent, a.getAttribute('href')]),
      'only the lesson still installed is offered',
    ).toEqual([['Safe recruitment', '#/lesson/core/people-a']]);

    const money = screen.getByTestId('domain-cmpf.money');
    const [variance] = within(money).getAllByTestId('gap');
    expect(words(variance!)).toContain('No installed lesson covers this yet.');
    expect(within(variance!).queryByRole('link'), 'a removed pack leaves nothing to follow').toBeNull();
  });

  it('shows how much evidence each behaviour has, when, its latest rating, and flags old evidence', async () => {
    coverageBackend();
    render(CoveragePage);
    const people = await screen.findByTestId('domain-cmpf.people');
    await waitFor(() => expect(words(people)).toContain('Latest rating: 3 (Established)'));
    const [oneToOnes, sickness] = within(people).getAllByTestId('behaviour');
    expect(words(oneToOnes!)).toBe(
      'I hold regular one-to-ones with each person I manage. 2 entries, the latest on 1 October 2026. Latest rating: 3 (Established).',
    );
    expect(within(oneToOnes!).queryByText('Not recent'), 'evidence from October is recent').toBeNull();
    expect(words(sickness!)).toBe(
      'I manage sickness absence by the policy. Not recent 1 entry, the latest on 23 November 2025. Latest rating: 2 (Developing).',
    );
  });

  it('shows another framework when the learner chooses it', async () => {
    const hlm: Coverage = {
      ...sampleCoverage(),
      frameworkId: 'hlm',
      frameworkTitle: 'Healthcare Leadership Model',
      domains: [],
      itemsTotal: 9,
      itemsCovered: 0,
    };
    const calls = coverageBackend((id) => (id === 'hlm' ? hlm : sampleCoverage()));
    render(CoveragePage);
    const select = await screen.findByLabelText<HTMLSelectElement>('Framework');
    expect([...select.options].map((o) => o.text)).toEqual(['Clinician-Manager Practice Framework', 'Healthcare Leadership Model']);
    await fireEvent.change(select, { target: { value: 'hlm' } });
    await waitFor(() => expect(words(screen.getByTestId('coverage-summary'))).toBe('You have evidence for 0 of 9 behaviours.'));
    expect(calls.filter(([c]) => c === 'get_coverage').map(([, a]) => a)).toEqual([
      { frameworkId: null, today: localDate() },
      { frameworkId: 'hlm', today: localDate() },
    ]);
    expect(screen.queryByTestId('coverage-chart'), 'no bars to draw without evidence').toBeNull();
    expect(screen.getByText(/No entries show a behaviour from this framework yet/)).toBeTruthy();
  });

  it('says plainly when coverage cannot be loaded', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_coverage') throw { kind: 'not_found', message: 'framework `xyz` was not found' };
      return sampleEditorOptions();
    });
    render(CoveragePage);
    const error = await screen.findByTestId('coverage-error');
    expect(words(error)).toBe('Your coverage could not be loaded framework `xyz` was not found');
    expect(screen.queryByText('Loading…')).toBeNull();
  });
});
