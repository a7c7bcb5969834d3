import { describe, expect, it } from 'vitest';
import { offerOpenedFile, takeLaunchImport } from './launch-import';

describe('a file handed over by the desktop', () => {
  it('is offered once, then again only when handed over again', () => {
    expect(takeLaunchImport(null)).toBeNull();
    expect(takeLaunchImport('/home/sam/a.w2bpack')).toBe('/home/sam/a.w2bpack');
    expect(takeLaunchImport('/home/sam/a.w2bpack')).toBeNull();
    offerOpenedFile();
    expect(takeLaunchImport('/home/sam/a.w2bpack')).toBe('/home/sam/a.w2bpack');
    expect(takeLaunchImport('/home/sam/b.w2bbundle')).toBe('/home/sam/b.w2bbundle');
  });
});
