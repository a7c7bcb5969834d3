import { describe, expect, it } from 'vitest';
import { cells, chosenPeriod, domainSpans, entryDates, hours, inWords, learnerName, lessonsCompleted, shade, summary } from './cohort-text';
import { sampleLearner, sampleReport } from '../../test/cohort-fixtures';

describe('the cohort screen in words', () => {
  it('names the learner, or says no name was given', () => {
    expect(learnerName(sampleLearner({ learner: '  Sam Patel ' }))).toBe('Sam Patel');
    expect(learnerName(sampleLearner({ learner: '   ' }))).toBe('(no name given)');
  });

  it('gives the period chosen and the dates of the entries', () => {
    expect(chosenPeriod(sampleLearner({ periodFrom: '2026-09-01', periodTo: '2026-12-31' }))).toBe('1 September 2026 to 31 December 2026');
    expect(chosenPeriod(sampleLearner({ periodFrom: null, periodTo: null }))).toBe('everything they chose to share');
    expect(entryDates(sampleLearner({ firstEntry: '2026-03-10', lastEntry: '2026-07-15' }))).toBe('10 March 2026 to 15 July 2026');
    expect(entryDates(sampleLearner({ firstEntry: null, lastEntry: null }))).toBe('no entries');
  });

  it('says lessons that were not shared are not shared, never none', () => {
    expect(lessonsCompleted(sampleLearner({ learning: null }))).toBe('not shared');
    expect(
      lessonsCompleted(
        sampleLearner({ learning: [{ packId: 'w2b', title: 'Essentials', version: '1.0.0', lessonsTotal: 12, completed: ['One', 'Two'] }] }),
      ),
    ).toBe('Essentials: 2 of 12');
  });

  it('shades cells as the CLI page does and keeps every figure in words', () => {
    expect([0, 1, 2, 3, 4, 9, 10, 50].map(shade)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
    const report = sampleReport();
    const fw = report.frameworks[0]!;
    expect(cells(report.learners[0]!, fw)).toEqual([2, 0, 1]);
    expect(cells(sampleLearner({ coverage: [] }), fw)).toEqual([0, 0, 0]);
    expect(domainSpans(fw)).toEqual([
      { title: 'Leading people', span: 2 },
      { title: 'Managing resources', span: 1 },
    ]);
    expect(inWords(fw, 2)[0]).toBe('Setting direction: 1 of 2 learners have evidence, in 2 entries.');
  });

  it('gives hours to one place and sums up what was reported on', () => {
    expect(hours(90)).toBe('1.5');
    expect(hours(120)).toBe('2');
    expect(summary(sampleReport())).toBe('Reported on 2 of 3 bundles; 1 refused.');
  });
});
