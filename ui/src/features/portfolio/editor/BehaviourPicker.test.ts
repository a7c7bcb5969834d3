import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { editorBackend, sampleEditorOptions } from '../../../test/editor-fixtures';
import { byId, openEditor, pick, saveAndWait, type, words } from './editor-test-helpers';

const ONE_TO_ONES = 'I hold regular, protected one-to-ones with each person I manage and keep a short note of what we agreed.';

describe('framework behaviours', () => {
  afterEach(() => {
    // A save opens the saved entry; the next test starts from no address.
    window.location.hash = '';
  });

  it('lists behaviours by domain, in full, and shows the chosen one', async () => {
    editorBackend();
    await openEditor();
    const select = byId<HTMLSelectElement>('behaviour-select');
    expect(Array.from(select.querySelectorAll('optgroup')).map((g) => g.label), 'grouped by domain').toEqual([
      'Leading and managing people',
      'Managing money',
    ]);
    expect(within(select).getByRole('option', { name: ONE_TO_ONES }), 'the statement is not cut short').toBeTruthy();
    await pick('behaviour-select', 'cmpf.people.one-to-ones');
    expect(words(document.getElementById('behaviour-chosen')!)).toContain(ONE_TO_ONES);
    expect(words(document.getElementById('behaviour-chosen')!)).toContain('Leading and managing people · Line management and fair process');
  });

  it("rates on the framework's own scale, each level explained", async () => {
    editorBackend();
    await openEditor();
    await pick('behaviour-select', 'cmpf.people.wellbeing');
    const scale = sampleEditorOptions().frameworks[0]!.scale;
    for (const level of scale) {
      const radio = byId(`behaviour-rating-${level.value}`);
      expect(screen.getByLabelText(level.label)).toBe(radio);
      expect(words(document.getElementById(radio.getAttribute('aria-describedby')!)!)).toBe(level.description);
    }
    await pick('behaviour-framework', 'clcf');
    await pick('behaviour-select', 'clcf.personal-qualities.self-awareness');
    expect(screen.queryByTestId('behaviour-rating-4'), 'the other framework has three levels').toBeNull();
    expect(screen.getByLabelText('Confident')).toBe(byId('behaviour-rating-3'));
  });

  it('adds a rated behaviour with its justification, and sends it', async () => {
    const calls = editorBackend();
    await openEditor();
    await type('entry-title', 'Team wellbeing check-ins');
    await pick('behaviour-framework', 'cmpf');
    await pick('behaviour-select', 'cmpf.people.wellbeing');
    await fireEvent.click(byId('behaviour-rating-3'));
    await type('behaviour-justification', '  I changed the break rota after a run of night shifts.  ');
    await fireEvent.click(byId('add-behaviour'));

    const list = screen.getByTestId('behaviour-list');
    expect(words(list)).toContain('I notice when my team is under strain');
    expect(words(list)).toContain('Clinician-Manager Practice Framework · rated Established');
    expect(byId<HTMLSelectElement>('behaviour-select').value, 'the picker is ready for another').toBe('');
    const option = within(byId('behaviour-select')).getByRole('option', { name: /I notice when my team is under strain/ }) as HTMLOptionElement;
    expect(option.disabled, 'a behaviour cannot be added twice').toBe(true);

    const { draft } = await saveAndWait(calls);
    expect(draft.behaviours).toEqual([
      { frameworkId: 'cmpf', behaviourId: 'cmpf.people.wellbeing', rating: 3, justification: 'I changed the break rota after a run of night shifts.' },
    ]);
  });

  it('asks for a rating before adding, and a behaviour left unadded stops the save', async () => {
    const calls = editorBackend();
    await openEditor();
    await type('entry-title', 'One-to-ones');
    await pick('behaviour-select', 'cmpf.people.one-to-ones');
    await fireEvent.click(byId('add-behaviour'));
    expect(words(screen.getByRole('alert'))).toContain('Choose how well you showed it on the Self-rating');
    expect(screen.queryByTestId('behaviour-list')).toBeNull();

    await fireEvent.click(byId('save-entry'));
    const summary = await screen.findByTestId('error-summary');
    expect(words(summary)).toContain('Behaviours: you chose a behaviour but did not add it.');
    expect(within(summary).getByRole('link').getAttribute('href')).toBe('#behaviour-select');
    expect(calls.some(([c]) => c === 'save_entry'), 'nothing is saved while a choice would be lost').toBe(false);
  });

  it('removes a behaviour already on the entry', async () => {
    const calls = editorBackend();
    await openEditor(12);
    await fireEvent.click(screen.getByRole('button', { name: /Remove behaviour: I read my budget statement/ }));
    expect(screen.queryByTestId('behaviour-list')).toBeNull();
    expect((await saveAndWait(calls)).draft.behaviours).toEqual([]);
  });
});
