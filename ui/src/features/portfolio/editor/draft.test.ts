import { describe, expect, it } from 'vitest';
import { draftFromForm, emptyForm, errorTarget, formFromDraft, hoursText, parseHours, textLostBySwitch } from './draft';
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

  it('finds the field an error from the app is about', () => {
    expect(errorTarget('Title: give the entry a title, so you can find it again')).toBe('entry-title');
    expect(errorTarget('Date: `2026-02-30` is not a real date. Enter the day, month and year it happened')).toBe('entry-date-day');
    expect(errorTarget('CPD time: 25 hours is more than a day.')).toBe('cpd-clinical-hours');
    expect(errorTarget('Tags: an entry can have up to 30 tags')).toBe('tag-input');
    expect(errorTarget('Behaviours: `x` is rated twice')).toBe('behaviour-select');
    expect(errorTarget("The entry's text is 300 KB; an entry can hold up to 256 KB.")).toBe('entry-body');
    expect(errorTarget('an attached file was cleared before the entry was saved; attach it again')).toBe('attach-files');
    expect(errorTarget('the database is locked'), 'an error about no field links nowhere').toBeNull();
  });

  it('names the sections whose text a change of form would drop', () => {
    const form = emptyForm('2026-11-23');
    form.template = 'gibbs';
    form.sections = { description: 'What happened', feelings: '   ', analysis: 'Why' };
    expect(textLostBySwitch(form, templates, 'gibbs')).toEqual([]);
    expect(textLostBySwitch(form, templates, 'nmc'), 'blank sections are not counted').toEqual(['Description', 'Analysis']);
  });
});
