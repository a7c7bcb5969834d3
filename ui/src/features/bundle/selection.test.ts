import { describe, expect, it } from 'vitest';
import { selectionFor, selectionKey, type ShareChoice } from './selection';
import { groupFindings } from '../../components/PrivacyFindings.svelte';
import { dateOfBirthInPlan, nhsNumberInEntry, postcodeInEntry } from '../../test/export-fixtures';

const choice = (overrides: Partial<ShareChoice> = {}): ShareChoice => ({
  mode: 'everything',
  from: null,
  to: null,
  chosen: [],
  includeGoals: true,
  includeLearning: false,
  learner: 'Sam',
  ...overrides,
});

describe('share selection', () => {
  it('sends only what the chosen mode uses', () => {
    const period = selectionFor(choice({ mode: 'period', to: '2027-03-31', chosen: [4] }));
    expect(period.selection, 'a period may be open at the start, and ticks left from another mode are ignored').toEqual({
      from: null,
      to: '2027-03-31',
      entryIds: null,
      includeGoals: true,
      includeLearning: false,
      learner: 'Sam',
    });
    const everything = selectionFor(choice({ from: '2026-01-01', chosen: [4] }));
    expect(everything.selection?.from ?? null, 'days typed for a period are not sent for everything').toBeNull();
    expect(selectionFor(choice({ mode: 'chosen', chosen: [9, 2] })).selection?.entryIds, 'chosen ids are sent in order').toEqual([2, 9]);
  });

  it('gives the same key only to the same selection', () => {
    const a = selectionFor(choice({ mode: 'chosen', chosen: [2, 9] })).selection!;
    const b = selectionFor(choice({ mode: 'chosen', chosen: [9, 2] })).selection!;
    const c = selectionFor(choice({ mode: 'chosen', chosen: [9, 2], includeGoals: false })).selection!;
    expect(selectionKey(a), 'the order of ticking does not matter').toBe(selectionKey(b));
    expect(selectionKey(a), 'leaving the plan out is a different selection').not.toBe(selectionKey(c));
    const d = selectionFor(choice({ mode: 'chosen', chosen: [2, 9], includeLearning: true })).selection!;
    expect(d.includeLearning, 'the learning summary is sent only when ticked').toBe(true);
    expect(selectionKey(a), 'sharing the lessons completed is a different selection').not.toBe(selectionKey(d));
  });
});

describe('finding groups', () => {
  it('groups by entry, goal and the learner name, in the order found', () => {
    const name = { ...nhsNumberInEntry(), entryUid: null, entryTitle: 'Cover', field: 'Your name' };
    const groups = groupFindings([nhsNumberInEntry(), dateOfBirthInPlan(), postcodeInEntry(), name]);
    expect(
      groups.map((g) => [g.place, g.title, g.findings.length]),
      'two findings in one entry share a group; the plan and the name have their own',
    ).toEqual([
      ['entry', 'Handover on the ward', 2],
      ['goal', 'Lead the rota review', 1],
      ['name', 'Cover', 1],
    ]);
  });
});
