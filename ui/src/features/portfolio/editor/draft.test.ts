import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../ipc/call';
import { draftFromForm, emptyForm, formFromDraft, hoursText, parseHours, saveErrors, textLostBySwitch } from './draft';
import { sampleDraft, sampleEditorOptions } from '../../../test/editor-fixtures';

const templates = sampleEditorOptions().templates;

describe('editor draft', () => {
  it('reads hours as people type them', () => {
    const cases: [string, number | null][] = [
      ['', 0],
      ['  ', 0],
      ['2', 120],
      ['1.5', 90],
      ['1,5', 90],
      ['.25', 15],
      ['1:30', 90],
      ['0:05', 5],
      ['two', null],
      ['-1', null],
      ['1.5 hours', null],
      ['1:75', null],
    ];
    for (const [text, minutes] of cases) expect(parseHours(text), `"${text}"`).toBe(minutes);
  });

  it('shows whole minutes as hours that read back to the same minutes', () => {
    expect(hoursText(0)).toBe('');
    expect(hoursText(90)).toBe('1.5');
    expect(hoursText(20)).toBe('0.33');
    for (let minutes = 1; minutes <= 24 * 60; minutes++) {
      expect(parseHours(hoursText(minutes)), `${minutes} minutes survive a round trip`).toBe(minutes);
    }
  });

  it('gives back the saved draft it started from', () => {
    const built = draftFromForm(formFromDraft(sampleDraft()), templates);
    expect(built.draft, 'opening and saving an entry changes nothing').toEqual(sampleDraft());
  });

  it('links each field the app names to its input', () => {
    const refused = (field: string, message: string) => new IpcError({ kind: 'invalid_input', message, fields: [{ field, message }] });
    expect(saveErrors(refused('title', 'Title: give the entry a title'))).toEqual([{ field: 'entry-title', text: 'Title: give the entry a title' }]);
    expect(saveErrors(refused('date', 'Date: not a real date'))[0]?.field, 'a date goes to its first box').toBe('entry-date-day');
    expect(saveErrors(refused('cpd', 'CPD time: too long'))[0]?.field).toBe('cpd-clinical-hours');
    expect(saveErrors(refused('tags', 'Tags: too many'))[0]?.field).toBe('tag-input');
    expect(saveErrors(refused('behaviours', 'Behaviours: rated twice'))[0]?.field).toBe('behaviour-select');
    expect(saveErrors(refused('body', "The entry's text is too long"))[0]?.field).toBe('entry-body');
    expect(saveErrors(refused('attachments', 'an attached file was cleared; attach it again'))).toEqual([
      { field: 'attach-files', text: 'An attached file was cleared; attach it again' },
    ]);
    expect(saveErrors(new IpcError({ kind: 'internal', message: 'the database is locked' })), 'an error about no field links nowhere').toEqual([
      { text: 'The database is locked' },
    ]);
  });

  it('names the sections whose text a change of form would drop', () => {
    const form = emptyForm('2026-11-23');
    form.template = 'gibbs';
    form.sections = { description: 'What happened', feelings: '   ', analysis: 'Why' };
    expect(textLostBySwitch(form, templates, 'gibbs')).toEqual([]);
    expect(textLostBySwitch(form, templates, 'nmc'), 'blank sections are not counted').toEqual(['Description', 'Analysis']);
  });
});
