import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import PlanPage from './PlanPage.svelte';
import { sampleEditorOptions, sampleGoals } from '../../test/plan-fixtures';
import { TEST_TODAY } from '../../test/clock';
import { dateIn, fillDate } from '../../test/date-boxes';
import type { GoalDraft, GoalView } from '../../ipc/plan';

/** What the learner reads in an element, with the markup's line breaks and indents folded away. */
const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

type Reply = (cmd: string, args: Record<string, unknown>) => unknown;

/** A back end holding `goals`; `override` answers a command first when it returns anything. */
function planBackend(goals: GoalView[] = sampleGoals(), override: Reply = () => undefined) {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push([cmd, args]);
    const answer = override(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'list_goals') return goals;
    if (cmd === 'get_editor_options') return sampleEditorOptions();
    if (cmd === 'save_goal') {
      const draft = args.draft as GoalDraft;
      const id = (args.id as number | null) ?? 99;
      const view: GoalView = { ...sampleGoals()[1]!, id, draft, behaviourStatements: [], overdue: false, reviews: [] };
      goals = [...goals.filter((g) => g.id !== id), view];
      return view;
    }
    if (cmd === 'delete_goal') {
      goals = goals.filter((g) => g.id !== args.id);
      return null;
    }
    return null;
  });
  return calls;
}

const made = (calls: [string, Record<string, unknown>][], cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });

describe('development plan', () => {
  it('lists goals as cards with their status, due date, overdue tag, behaviours and reviews', async () => {
    const calls = planBackend();
    render(PlanPage);
    const cards = await screen.findAllByTestId('goal-card');
    expect(screen.getByRole('heading', { level: 1, name: 'Personal development plan' })).toBeTruthy();
    expect(made(calls, 'list_goals'), "goals are judged overdue against the learner's today").toEqual([{ today: TEST_TODAY }]);
    expect(cards).toHaveLength(2);
    const [budget, oneToOnes] = cards as [HTMLElement, HTMLElement];
    expect(within(budget).getByRole('heading', { level: 3 }).textContent).toBe('Run my first budget meeting with finance');
    expect(words(within(budget).getByTestId('goal-status'))).toBe('In progress');
    expect(words(within(budget).getByTestId('goal-overdue'))).toBe('Overdue');
    expect(words(budget)).toContain('Due by 31 October 2026');
    expect(words(within(budget).getByTestId('goal-behaviour-list'))).toBe('I explain the variances on my budget statement.');
    expect(words(within(budget).getByTestId('goal-reviews'))).toBe('15 September 2026: Booked the meeting for October.');

    expect(words(within(oneToOnes).getByTestId('goal-status'))).toBe('Achieved');
    expect(within(oneToOnes).queryByTestId('goal-overdue'), 'only goals the core calls overdue are tagged').toBeNull();
    expect(words(oneToOnes)).toContain('Behaviours None linked');
    expect(words(oneToOnes)).toContain('No reviews yet.');
  });

  it('adds a SMART goal with linked behaviours and shows it', async () => {
    const calls = planBackend([]);
    render(PlanPage);
    expect(await screen.findByText(/You have no goals yet/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('add-goal'));
    const form = screen.getByTestId('goal-form');
    // Each field's hint says which part of SMART it answers.
    expect(words(form)).toContain('Specific: what exactly');
    expect(words(form)).toContain('Achievable: the support, time and resources');
    expect(words(form)).toContain('Time-bound');

    await type(screen.getByTestId('goal-title'), 'Lead the winter rota review');
    await type(screen.getByLabelText('How you will measure it'), 'A new rota agreed by the team');
    await type(screen.getByLabelText('What makes it achievable'), 'Half a day a week from my matron');
    await type(screen.getByLabelText('Why it matters'), 'Fewer agency shifts');
    await fillDate('goal-due', '2027-02-28');
    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'in_progress' } });

    const picker = screen.getByLabelText<HTMLSelectElement>('Behaviour to link');
    const groups = [...picker.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups, 'behaviours are grouped by framework and domain').toEqual([
      'Clinician-Manager Practice Framework: Leading and managing people',
      'Clinician-Manager Practice Framework: Managing resources and budgets',
      'Healthcare Leadership Model: The nine dimensions',
    ]);
    await fireEvent.change(picker, { target: { value: 'cmpf cmpf.people.recruitment' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add behaviour' }));
    await fireEvent.change(picker, { target: { value: 'hlm hlm.inspiring' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add behaviour' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Remove behaviour: I make sure every pre-employment check is complete.' }));
    expect(words(screen.getByTestId('goal-behaviours'))).toBe('Inspiring shared purpose Remove behaviour: Inspiring shared purpose');

    await fireEvent.click(screen.getByTestId('save-goal'));
    await waitFor(() => expect(screen.getAllByTestId('goal-card')).toHaveLength(1));
    expect(made(calls, 'save_goal')).toEqual([
      {
        id: null,
        today: TEST_TODAY,
        draft: {
          title: 'Lead the winter rota review',
          measure: 'A new rota agreed by the team',
          achievable: 'Half a day a week from my matron',
          relevant: 'Fewer agency shifts',
          dueDate: '2027-02-28',
          status: 'in_progress',
          behaviours: [{ frameworkId: 'hlm', behaviourId: 'hlm.inspiring' }],
        },
      },
    ]);
    expect(words(screen.getByRole('status'))).toBe('Goal saved: Lead the winter rota review');
    expect(screen.queryByTestId('goal-form'), 'the form closes once saved').toBeNull();
  });

  it('names the missing fields in an error summary and does not save', async () => {
    const calls = planBackend([]);
    render(PlanPage);
    await fireEvent.click(await screen.findByTestId('add-goal'));
    await fireEvent.click(screen.getByTestId('save-goal'));
    const summary = await screen.findByTestId('error-summary');
    const links = within(summary).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Enter your goal: say specifically what you want to achieve', '#goal-title'],
      ['Enter the date you mean to achieve your goal by', '#goal-due-day'],
    ]);
    await waitFor(() => expect(document.activeElement, 'the summary takes focus so it is read out').toBe(summary));
    await fireEvent.click(links[1]!);
    expect(document.activeElement?.id, 'a link in the summary moves to its field').toBe('goal-due-day');
    expect(screen.getByTestId('goal-title').getAttribute('aria-describedby')).toContain('goal-title-error');
    expect(made(calls, 'save_goal')).toEqual([]);
  });

  /** Fills in a new goal and saves it, with the core refusing `field` in `message`; gives the summary. */
  async function saveRefused(field: string, message: string): Promise<HTMLElement> {
    planBackend([], (cmd) => {
      if (cmd === 'save_goal') throw { kind: 'invalid_input', message, fields: [{ field, message }], problems: [] };
    });
    render(PlanPage);
    await fireEvent.click(await screen.findByTestId('add-goal'));
    await type(screen.getByTestId('goal-title'), 'Lead the rota review');
    await fillDate('goal-due', '2027-02-28');
    await fireEvent.click(screen.getByTestId('save-goal'));
    return screen.findByTestId('error-summary');
  }

  it("shows the core's refusal in the error summary and keeps what was typed", async () => {
    const summary = await saveRefused('behaviours', 'Behaviours: `cmpf.gone` is not in a framework the app knows');
    expect(words(summary)).toBe('There is a problem Behaviours: `cmpf.gone` is not in a framework the app knows');
    expect(within(summary).getByRole('link').getAttribute('href'), 'the core names the field at fault').toBe('#goal-behaviour-choice');
    expect((screen.getByTestId('goal-title') as HTMLInputElement).value).toBe('Lead the rota review');
  });

  it("marks the field the core refuses, read from the error's fields", async () => {
    const summary = await saveRefused('dueDate', 'Due date: `2027-02-28` is not a real date');
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#goal-due-day');
    expect(words(screen.getByTestId('goal-form')), 'the due date shows its error beside it').toContain('Error: Due date: `2027-02-28` is not a real date');
  });

  it('edits a goal in a form filled with what it says now', async () => {
    const calls = planBackend();
    render(PlanPage);
    const [budget] = await screen.findAllByTestId('goal-card');
    await fireEvent.click(within(budget!).getByRole('button', { name: 'Edit goal: Run my first budget meeting with finance' }));
    const form = screen.getByTestId('goal-form');
    expect(within(form).getByRole('heading', { name: 'Edit goal' })).toBeTruthy();
    expect((screen.getByTestId('goal-title') as HTMLInputElement).value).toBe('Run my first budget meeting with finance');
    expect(dateIn('goal-due'), 'the boxes show the goal\'s due date').toBe('2026-10-31');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('in_progress');
    expect(words(screen.getByTestId('goal-behaviours'))).toContain('I explain the variances on my budget statement.');

    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'achieved' } });
    await fireEvent.click(screen.getByTestId('save-goal'));
    await waitFor(() => expect(made(calls, 'save_goal')).toHaveLength(1));
    const [saved] = made(calls, 'save_goal');
    expect(saved?.id, 'the same goal is updated, not a new one added').toBe(1);
    expect(saved?.draft).toEqual({ ...sampleGoals()[0]!.draft, status: 'achieved' });
  });

  it('asks before deleting a goal, and deletes it only when confirmed', async () => {
    const calls = planBackend();
    render(PlanPage);
    const [budget] = await screen.findAllByTestId('goal-card');
    await fireEvent.click(within(budget!).getByRole('button', { name: 'Delete goal: Run my first budget meeting with finance' }));
    const confirm = within(budget!).getByTestId('confirm-delete-goal');
    expect(words(confirm)).toContain('will be deleted. This cannot be undone.');
    await fireEvent.click(within(confirm).getByRole('button', { name: 'No, keep it' }));
    expect(made(calls, 'delete_goal'), 'keeping it deletes nothing').toEqual([]);

    await fireEvent.click(within(budget!).getByRole('button', { name: /^Delete goal/ }));
    await fireEvent.click(within(budget!).getByRole('button', { name: 'Yes, delete this goal' }));
    await waitFor(() => expect(screen.getAllByTestId('goal-card')).toHaveLength(1));
    expect(made(calls, 'delete_goal')).toEqual([{ id: 1 }]);
    expect(words(screen.getByRole('status'))).toBe('Goal deleted: Run my first budget meeting with finance');
  });

  it('adds a review note to a goal and shows it on the card', async () => {
    const calls = planBackend(sampleGoals(), (cmd, args) => {
      if (cmd !== 'add_goal_review') return undefined;
      const goal = sampleGoals()[0]!;
      return { ...goal, reviews: [...goal.reviews, { id: 8, date: args.date as string, note: args.note as string }] };
    });
    render(PlanPage);
    const [budget] = await screen.findAllByTestId('goal-card');
    const note = within(budget!).getByTestId('review-note');
    expect(dateIn('review-date-1'), 'the review is dated today unless changed').toBe(TEST_TODAY);
    await fillDate('review-date-1', '2026-11-20');
    await type(note, 'Met finance; two variances explained.');
    await fireEvent.click(within(budget!).getByRole('button', { name: 'Add review note' }));
    await waitFor(() => expect(words(within(budget!).getByTestId('goal-reviews'))).toContain('20 November 2026: Met finance; two variances explained.'));
    expect(made(calls, 'add_goal_review')).toEqual([
      { goalId: 1, date: '2026-11-20', note: 'Met finance; two variances explained.', today: TEST_TODAY },
    ]);
    expect((within(budget!).getByTestId('review-note') as HTMLTextAreaElement).value, 'the note box is cleared for the next one').toBe('');
  });

  it('will not add an empty review note', async () => {
    const calls = planBackend();
    render(PlanPage);
    const [budget] = await screen.findAllByTestId('goal-card');
    await fireEvent.click(within(budget!).getByRole('button', { name: 'Add review note' }));
    const summary = await within(budget!).findByTestId('error-summary');
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#review-note-1');
    expect(made(calls, 'add_goal_review')).toEqual([]);
  });
});
