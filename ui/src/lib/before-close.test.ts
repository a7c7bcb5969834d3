import { describe, expect, it, vi } from 'vitest';
import { saveBeforeClose } from './before-close';

describe('saving before the window closes', () => {
  it('runs every registered save, even when one fails, and forgets removed ones', async () => {
    const note = vi.fn().mockResolvedValue('saved');
    const time = vi.fn().mockRejectedValue(new Error('database busy'));
    const gone = vi.fn().mockResolvedValue('saved');
    saveBeforeClose(note);
    saveBeforeClose(time);
    const forget = saveBeforeClose(gone);
    forget();

    const results = (await window.__w2bBeforeClose?.()) as PromiseSettledResult<unknown>[];
    expect(note).toHaveBeenCalledOnce();
    expect(time).toHaveBeenCalledOnce();
    expect(gone).not.toHaveBeenCalled();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});
