import { describe, expect, it } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { IpcError } from './call';
import { getLearningPath } from './learning';


describe('IPC errors', () => {
  it('carry the closed kind from the Rust side', async () => {
    mockIPC(() => {
      throw { kind: 'conflict', message: 'written by a newer version' };
    });
    const error = await getLearningPath().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect((error as IpcError).kind).toBe('conflict');
    expect((error as IpcError).message).toBe('written by a newer version');
  });

  it('turn anything unexpected into an internal error rather than a crash', async () => {
    mockIPC(() => {
      throw 'boom';
    });
    const error = await getLearningPath().catch((e: unknown) => e);
    expect((error as IpcError).kind).toBe('internal');
  });
});
