import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { editorBackend } from '../../../test/editor-fixtures';
import { byId, openEditor, pick, saveAndWait, type, words } from './editor-test-helpers';

const templateChoice = () => byId<HTMLSelectElement>('template-choice');

describe('structured reflection', () => {
  afterEach(() => {
    // A save opens the saved entry; the next test starts from no address.
    window.location.hash = '';
  });

  it('offers one box per section, with its prompt as the hint, and sends each with its id', async () => {
    const calls = editorBackend();
    await openEditor();
    await type('entry-title', 'Handover went wrong');
    expect(screen.queryByTestId('reflection-section-what'), 'no form until one is chosen').toBeNull();
    await pick('template-choice', 'what_so_what');
    const what = screen.getByLabelText('What?');
    expect(what, 'the section box is labelled with its title').toBe(byId('reflection-section-what'));
    expect(words(document.getElementById(what.getAttribute('aria-describedby')!)!), 'the prompt is its hint').toBe('Describe the event plainly.');
    await type('reflection-section-what', 'The handover missed a deteriorating patient.');
    await type('reflection-section-now_what', 'Use the SBAR sheet at every handover.');
    const { draft } = await saveAndWait(calls);
    expect(draft.reflection, 'sections with text are sent in form order with their ids').toEqual({
      template: 'what_so_what',
      sections: [
        { id: 'what', text: 'The handover missed a deteriorating patient.' },
        { id: 'now_what', text: 'Use the SBAR sheet at every handover.' },
      ],
      codeThemes: [],
    });
  });

  it('asks which Code themes an NMC account relates to', async () => {
    const calls = editorBackend();
    await openEditor();
    await type('entry-title', 'Revalidation account');
    await pick('template-choice', 'nmc');
    await type('reflection-section-learning', 'How to escalate staffing concerns.');
    await fireEvent.click(screen.getByLabelText('Preserve safety'));
    await fireEvent.click(screen.getByLabelText('Prioritise people'));
    await fireEvent.click(screen.getByLabelText('Preserve safety'));
    await fireEvent.click(screen.getByLabelText('Practise effectively'));
    const { draft } = await saveAndWait(calls);
    expect(draft.reflection?.template).toBe('nmc');
    expect(draft.reflection?.codeThemes, 'the themes ticked, and not the one unticked').toEqual(['prioritise_people', 'practise_effectively']);
  });

  it('changes form at once when nothing would be lost', async () => {
    editorBackend();
    await openEditor();
    await pick('template-choice', 'gibbs');
    await pick('template-choice', 'nmc');
    expect(screen.queryByTestId('template-switch-warning')).toBeNull();
    expect(screen.getByTestId('reflection-section-nature')).toBeTruthy();
    expect(screen.queryByTestId('reflection-section-description')).toBeNull();
  });

  it('warns before a change of form deletes text, and keeps it if asked', async () => {
    const calls = editorBackend();
    await openEditor();
    await type('entry-title', 'Difficult conversation');
    await pick('template-choice', 'gibbs');
    await type('reflection-section-feelings', 'Anxious beforehand.');
    await pick('template-choice', 'what_so_what');

    const warning = screen.getByTestId('template-switch-warning');
    expect(words(warning)).toContain("What? So what? Now what? has no heading for what you wrote under Feelings, so it will be deleted.");
    expect(templateChoice().value, 'the list still shows the form in use').toBe('gibbs');
    await fireEvent.click(within(warning).getByRole('button', { name: "Keep Gibbs' reflective cycle" }));
    expect(screen.queryByTestId('template-switch-warning')).toBeNull();
    expect(byId<HTMLTextAreaElement>('reflection-section-feelings').value).toBe('Anxious beforehand.');
    expect(document.activeElement, 'focus returns to the list').toBe(templateChoice());
    expect((await saveAndWait(calls)).draft.reflection?.sections).toEqual([{ id: 'feelings', text: 'Anxious beforehand.' }]);
  });

  it('deletes the text only when the learner confirms the change', async () => {
    const calls = editorBackend();
    await openEditor();
    await type('entry-title', 'Difficult conversation');
    await pick('template-choice', 'gibbs');
    await type('reflection-section-feelings', 'Anxious beforehand.');
    await pick('template-choice', '');
    expect(words(screen.getByTestId('template-switch-warning'))).toContain('Without a form, what you wrote under Feelings will be deleted.');
    await fireEvent.click(screen.getByRole('button', { name: 'Change form and delete that text' }));
    expect(templateChoice().value).toBe('');
    expect(screen.queryByTestId('reflection-section-feelings')).toBeNull();
    expect((await saveAndWait(calls)).draft.reflection, 'no form, no reflection').toBeNull();

    // Choosing the form again starts it empty: the deleted text is really gone.
    await pick('template-choice', 'gibbs');
    expect(byId<HTMLTextAreaElement>('reflection-section-feelings').value).toBe('');
  });
});
