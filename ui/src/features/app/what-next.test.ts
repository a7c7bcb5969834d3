import { describe, expect, it } from 'vitest';
import { whatNext } from './what-next';
import { samplePath } from '../../test/fixtures';

const ids = (plan: ReturnType<typeof whatNext>) => ({
  resume: plan.resume && { kind: plan.resume.kind, id: plan.resume.lesson.id, moduleTitle: plan.resume.moduleTitle },
  toMaster: plan.toMaster.map((s) => s.lesson.id),
});

describe('what to do next', () => {
  it('starts with the first lesson on a first visit', () => {
    expect(ids(whatNext(samplePath()))).toEqual({
      resume: { kind: 'start', id: 'finance-a', moduleTitle: 'Budgets and finance' },
      toMaster: [],
    });
  });

  it('goes back to the lesson last opened while it is unfinished, even if an earlier one is', () => {
    const plan = whatNext(samplePath(['finance-a'], 'gov-a'));
    expect(ids(plan).resume).toEqual({ kind: 'continue', id: 'gov-a', moduleTitle: 'Accountability and governance' });
    expect(plan.resume?.packId).toBe('core');
  });

  it('continues a lesson opened but not finished on a first visit', () => {
    expect(ids(whatNext(samplePath([], 'finance-b'))).resume).toEqual({
      kind: 'continue',
      id: 'finance-b',
      moduleTitle: 'Budgets and finance',
    });
  });

  it('moves on to the first unfinished lesson once the last one opened is complete', () => {
    expect(ids(whatNext(samplePath(['finance-a'], 'finance-a'))).resume).toEqual({
      kind: 'next',
      id: 'finance-b',
      moduleTitle: 'Budgets and finance',
    });
    expect(ids(whatNext(samplePath(['finance-a', 'gov-a'], 'gov-a'))).resume?.id).toBe('finance-b');
  });

  it('offers completed lessons that are not yet mastered, in path order', () => {
    const plan = whatNext(samplePath(['gov-a', 'finance-a', 'finance-b'], 'finance-b', ['finance-b']));
    expect(ids(plan).toMaster).toEqual(['finance-a', 'gov-a']);
    expect(plan.toMaster[1]).toMatchObject({ packId: 'core', moduleTitle: 'Accountability and governance' });
  });

  it('has nothing to resume once every lesson is complete', () => {
    const all = ['finance-a', 'finance-b', 'gov-a'];
    expect(ids(whatNext(samplePath(all, 'gov-a', all)))).toEqual({ resume: null, toMaster: [] });
    expect(ids(whatNext(samplePath(all, 'gov-a', ['finance-a'])))).toEqual({ resume: null, toMaster: ['finance-b', 'gov-a'] });
  });

  it('ignores a last-opened lesson that is no longer installed', () => {
    const path = { ...samplePath(['finance-a']), lastOpened: { packId: 'gone', id: 'finance-b', title: 'Removed' } };
    expect(ids(whatNext(path)).resume).toEqual({ kind: 'next', id: 'finance-b', moduleTitle: 'Budgets and finance' });
  });
});
