import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SelfCheck from './SelfCheck.svelte';
import { quizWithAnswers, sampleAnswerKey, sampleQuiz } from '../../test/fixtures';
import type { QuizState } from '../../ipc/study';

/** A back end that keeps the current round's answers, as the real one does. */
function quizBackend(start: QuizState = sampleQuiz()) {
  const calls: [string, unknown][] = [];
  const chosen = (options: { selected: boolean }[]) => options.flatMap((o, i) => (o.selected ? [i] : []));
  let answers: [string, number[]][] = start.current?.answers.map((a) => [a.questionId, chosen(a.options)]) ?? [];
  let earlier = { roundsFinished: start.roundsFinished, bestScore: start.bestScore };
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === 'answer_question') {
      const { questionId, selected } = args as { questionId: string; selected: number[] };
      answers = [...answers, [questionId, selected]];
      return quizWithAnswers(answers, earlier);
    }
    if (cmd === 'restart_quiz') {
      const finished = quizWithAnswers(answers, earlier);
      earlier = { roundsFinished: finished.roundsFinished, bestScore: finished.bestScore };
      answers = [];
      return quizWithAnswers([], earlier);
    }
  });
  return calls;
}

const question = (n: number) => screen.getAllByTestId('question')[n - 1]!;

function renderQuiz(quiz: QuizState = sampleQuiz(), completed = false) {
  return render(SelfCheck, { packId: 'core', lessonId: 'finance-b', quiz, completed });
}

describe('self-check questions', () => {
  it('asks for a choice before checking an answer, without asking the back end', async () => {
    const calls = quizBackend();
    renderQuiz();
    const first = question(1);
    await fireEvent.click(within(first).getByTestId('check-answer'));
    expect(within(first).getByText('Choose an answer before checking it.')).toBeTruthy();
    expect(document.activeElement).toBe(within(first).getByLabelText('adverse'));
    expect(calls).toEqual([]);
    // The other question is not blamed for it.
    expect(within(question(2)).queryByText('Choose an answer before checking it.')).toBeNull();

    await fireEvent.click(within(first).getByLabelText('favourable'));
    expect(within(first).queryByText('Choose an answer before checking it.')).toBeNull();
  });

  it('checks a single answer and explains every option, tagging yours and the right one', async () => {
    const calls = quizBackend();
    renderQuiz();
    await fireEvent.click(screen.getByLabelText('favourable'));
    await fireEvent.click(within(question(1)).getByTestId('check-answer'));

    const feedback = await within(question(1)).findByTestId('feedback');
    expect(calls).toEqual([
      ['answer_question', { packId: 'core', lessonId: 'finance-b', questionId: 'q1', selected: [1] }],
    ]);
    expect(within(feedback).getByText('Not quite')).toBeTruthy();
    for (const why of sampleAnswerKey['q1']!.why) expect(within(feedback).getByText(why)).toBeTruthy();
    const [adverse, favourable] = within(feedback).getAllByRole('listitem');
    expect(adverse!.textContent).toContain('Right answer');
    expect(adverse!.textContent).not.toContain('Your answer');
    expect(favourable!.textContent).toContain('Your answer');
    expect(favourable!.textContent).not.toContain('Right answer');
    // The answered question's choices are gone; focus moves to what was said about them.
    expect(within(question(1)).queryByRole('radio')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(feedback));
    // The unanswered question can still be answered.
    expect(within(question(2)).getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByText('0 of 1 answered correctly so far.')).toBeTruthy();
    expect(screen.queryByTestId('score')).toBeNull();
  });

  it('sends every box ticked, and only those still ticked, for a question with several answers', async () => {
    const calls = quizBackend();
    renderQuiz();
    const second = question(2);
    expect(within(second).getByText('Select all that apply.')).toBeTruthy();
    await fireEvent.click(within(second).getByLabelText('Band 5 nurses'));
    await fireEvent.click(within(second).getByLabelText('Dressings'));
    await fireEvent.click(within(second).getByLabelText('Agency staff'));
    await fireEvent.click(within(second).getByLabelText('Dressings'));
    await fireEvent.click(within(second).getByTestId('check-answer'));

    const feedback = await within(second).findByTestId('feedback');
    expect(calls[0]).toEqual(['answer_question', { packId: 'core', lessonId: 'finance-b', questionId: 'q2', selected: [0, 2] }]);
    expect(within(feedback).getByText('Correct')).toBeTruthy();
    expect(within(feedback).getAllByText('Your answer')).toHaveLength(2);
    expect(within(feedback).getAllByText('Right answer')).toHaveLength(2);
    for (const why of sampleAnswerKey['q2']!.why) expect(within(feedback).getByText(why)).toBeTruthy();
  });

  it('gives the score at the end of a round and starts a fresh round on request', async () => {
    const calls = quizBackend();
    renderQuiz();
    await fireEvent.click(screen.getByLabelText('adverse'));
    await fireEvent.click(within(question(1)).getByTestId('check-answer'));
    await within(question(1)).findByTestId('feedback');
    await fireEvent.click(screen.getByLabelText('Dressings'));
    await fireEvent.click(within(question(2)).getByTestId('check-answer'));

    const score = await screen.findByTestId('score');
    expect(score.textContent).toContain('You scored 1 out of 2 (50%)');
    expect(screen.getByText(/The pass mark is 80%/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(score));
    expect(screen.getByTestId('self-check-history').textContent).toContain('Rounds finished: 1. Best score: 1 of 2.');

    await fireEvent.click(screen.getByRole('button', { name: 'Try the questions again' }));
    await waitFor(() => expect(screen.getAllByTestId('check-answer')).toHaveLength(2));
    expect(calls.at(-1)).toEqual(['restart_quiz', { packId: 'core', lessonId: 'finance-b' }]);
    expect(screen.queryByTestId('feedback')).toBeNull();
    expect(screen.queryByTestId('score')).toBeNull();
    // Nothing is left ticked from the round before.
    expect(screen.getAllByRole<HTMLInputElement>('radio').some((r) => r.checked)).toBe(false);
    expect(screen.getAllByRole<HTMLInputElement>('checkbox').some((c) => c.checked)).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('adverse')));
  });

  it('says a passing round masters a completed lesson', async () => {
    quizBackend(quizWithAnswers([['q1', [0]]]));
    renderQuiz(quizWithAnswers([['q1', [0]]]), true);
    // The answer given before the page was opened is shown as feedback, not asked again.
    expect(within(question(1)).getByTestId('feedback')).toBeTruthy();
    await fireEvent.click(screen.getByLabelText('Band 5 nurses'));
    await fireEvent.click(screen.getByLabelText('Agency staff'));
    await fireEvent.click(within(question(2)).getByTestId('check-answer'));
    expect((await screen.findByTestId('score')).textContent).toContain('You scored 2 out of 2 (100%)');
    expect(screen.getByText(/That reaches the pass mark of 80%\. You have mastered this lesson\./)).toBeTruthy();
  });

  it('says to complete the lesson when a round passes before it is complete', async () => {
    quizBackend(quizWithAnswers([['q1', [0]]]));
    renderQuiz(quizWithAnswers([['q1', [0]]]), false);
    await fireEvent.click(screen.getByLabelText('Band 5 nurses'));
    await fireEvent.click(screen.getByLabelText('Agency staff'));
    await fireEvent.click(within(question(2)).getByTestId('check-answer'));
    expect(await screen.findByText(/Mark the lesson complete below to master it\./)).toBeTruthy();
  });

  it('keeps the choices on screen and says why when an answer cannot be checked', async () => {
    mockIPC(() => {
      throw { kind: 'io', message: 'the disk is full' };
    });
    renderQuiz();
    await fireEvent.click(screen.getByLabelText('adverse'));
    await fireEvent.click(within(question(1)).getByTestId('check-answer'));
    expect(await within(question(1)).findByText('the disk is full')).toBeTruthy();
    expect(within(question(1)).getByLabelText<HTMLInputElement>('adverse').checked).toBe(true);
    expect(within(question(1)).getByTestId('check-answer')).toBeTruthy();
  });
});
