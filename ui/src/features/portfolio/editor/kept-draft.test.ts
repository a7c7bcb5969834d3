import { whenInWords } from '../../../lib/format';
import { describe, expect, it } from 'vitest';
import { formFromDraft } from './draft';
import { fixedClock, setClock } from '../../../lib/clock';
import { DraftKeeper, keptJson, readKept, type KeepEvent } from './kept-draft';
import { sampleDraft } from '../../../test/editor-fixtures';

describe('kept work', () => {
  it('reads back exactly what it kept', () => {
    const form = formFromDraft(sampleDraft());
    const json = keptJson({ expectedVersion: 3, form, tagText: 'rot' });
    expect(readKept(json, '2026-11-23')).toEqual({ format: 1, expectedVersion: 3, form, tagText: 'rot' });
  });

  it('ignores JSON it did not write, and fills parts missing from a partial one', () => {
    expect(readKept('not json', '2026-11-23')).toBeNull();
    expect(readKept('{"title":"x"}', '2026-11-23'), 'no format').toBeNull();
    const partial = readKept('{"format":1,"form":{"title":"Only this","tags":"oops"}}', '2026-11-23')!;
    expect(partial.form.title).toBe('Only this');
    expect(partial.form.tags, 'a broken list becomes empty').toEqual([]);
    expect(partial.form.date, 'a missing date is today').toBe('2026-11-23');
    expect(partial.form.shadowing).toEqual({ partnerRole: '', iLearned: '', theyLearned: '' });
    expect(partial.expectedVersion).toBeNull();
    expect(partial.tagText).toBe('');
  });

  it('says when in words, in the learner\'s zone', () => {
    setClock(fixedClock('2026-11-23T22:00:00Z', 'Europe/London'));
    expect(whenInWords('2026-11-23T21:42:00Z')).toBe('today at 21:42');
    expect(whenInWords('2026-11-22T08:05:00Z')).toBe('yesterday at 08:05');
    expect(whenInWords('2026-11-16T21:42:00Z')).toBe('Monday 16 November at 21:42');
    expect(whenInWords('2025-11-16T21:42:00Z')).toBe('Sunday 16 November 2025 at 21:42');
    expect(whenInWords('not a time')).toBe('earlier');
    // Summer time: 21:42 UTC in July is 22:42 in London.
    setClock(fixedClock('2026-07-01T22:00:00Z', 'Europe/London'));
    expect(whenInWords('2026-07-01T21:42:00Z'), 'British Summer Time is applied').toBe('today at 22:42');
    // Auckland is 13 hours ahead in November: 22:00Z on the 23rd is 11:00 on the 24th there.
    setClock(fixedClock('2026-11-23T22:00:00Z', 'Pacific/Auckland'));
    expect(whenInWords('2026-11-23T08:05:00Z'), 'the day is Auckland\'s').toBe('yesterday at 21:05');
  });
});

describe('draft keeper', () => {
  function setup(read: () => string | null, keep: (json: string) => Promise<unknown> = async () => null) {
    const log: string[] = [];
    const events: KeepEvent['kind'][] = [];
    const keeper = new DraftKeeper(
      read,
      async (json) => {
        log.push(`keep ${json}`);
        await keep(json);
      },
      async () => {
        log.push('discard');
      },
      (e) => events.push(e.kind),
      10,
    );
    return { keeper, log, events };
  }

  it('does nothing before it starts, and keeps only what changed', async () => {
    let value: string | null = '{"a":1}';
    const { keeper, log } = setup(() => value);
    await keeper.flush();
    expect(log, 'not started: the learner has not chosen about older work yet').toEqual([]);
    keeper.start(null);
    await keeper.flush();
    await keeper.flush();
    expect(log, 'the same work is kept once').toEqual(['keep {"a":1}']);
    value = null;
    await keeper.flush();
    expect(log, 'work back as loaded is discarded').toEqual(['keep {"a":1}', 'discard']);
  });

  it('never overlaps calls, and the newest work wins', async () => {
    let value = '1';
    let release: () => void = () => {};
    const { keeper, log } = setup(
      () => value,
      (json) => (json === '1' ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    );
    keeper.start(null);
    const first = keeper.flush();
    await Promise.resolve();
    value = '2';
    const second = keeper.flush();
    value = '3';
    await Promise.resolve();
    expect(log, 'the second waits for the first').toEqual(['keep 1']);
    release();
    await Promise.all([first, second]);
    expect(log, 'and sends the newest work').toEqual(['keep 1', 'keep 3']);
  });

  it('keeps after a pause, and stops keeping once finished', async () => {
    const { keeper, log, events } = setup(() => 'x');
    keeper.start(null);
    keeper.changed();
    keeper.changed();
    await new Promise((r) => setTimeout(r, 40));
    expect(log, 'one keep for a burst of changes').toEqual(['keep x']);
    await keeper.finish();
    keeper.changed();
    await keeper.flush();
    expect(log, 'nothing after finishing').toEqual(['keep x', 'discard']);
    expect(events).toEqual(['kept', 'discarded']);
  });
});
