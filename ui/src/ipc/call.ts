// The one place the UI talks to the Rust side. Components import the typed wrappers in this
// folder, never @tauri-apps/api, so they can be tested with mockIPC.
import { invoke } from '@tauri-apps/api/core';
import type { AppError } from './bindings/AppError';
import type { ErrorKind } from './bindings/ErrorKind';

/** An error from a command, with the closed `kind` the UI may act on. */
export class IpcError extends Error {
  readonly kind: ErrorKind;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'IpcError';
    this.kind = error.kind;
  }
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).kind === 'string' &&
    typeof (value as AppError).message === 'string'
  );
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isAppError(error)) throw new IpcError(error);
    throw new IpcError({ kind: 'internal', message: String(error) });
  }
}
