// The one place the UI talks to the Rust side. Components import the typed wrappers in this
// folder, never @tauri-apps/api, so they can be tested with mockIPC.
import { invoke, type InvokeArgs, type InvokeOptions } from '@tauri-apps/api/core';
import type { AppError } from './bindings/AppError';
import type { ErrorKind } from './bindings/ErrorKind';
import type { FieldError } from './bindings/FieldError';
import type { ProblemAt } from './bindings/ProblemAt';

export type { FieldError, ProblemAt };

/**
 * An error from a command, with the closed `kind` the UI may act on, the form fields at fault
 * and the places in a file that are wrong. Read `fields` and `problems`; never parse `message`.
 */
export class IpcError extends Error {
  readonly kind: ErrorKind;
  readonly fields: FieldError[];
  readonly problems: ProblemAt[];
  constructor(error: Pick<AppError, 'kind' | 'message'> & Partial<AppError>) {
    super(error.message);
    this.name = 'IpcError';
    this.kind = error.kind;
    this.fields = Array.isArray(error.fields) ? error.fields : [];
    this.problems = Array.isArray(error.problems) ? error.problems : [];
  }
}

function isAppError(value: unknown): value is Pick<AppError, 'kind' | 'message'> & Partial<AppError> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).kind === 'string' &&
    typeof (value as AppError).message === 'string'
  );
}

async function invokeTyped<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (error) {
    if (isAppError(error)) throw new IpcError(error);
    throw new IpcError({ kind: 'internal', message: String(error) });
  }
}

export function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return invokeTyped<T>(command, args);
}

/** Sends a file the person chose as the raw request body, its name in a header. */
export async function sendFile<T>(command: string, file: File): Promise<T> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return invokeTyped<T>(command, bytes, { headers: { 'x-file-name': encodeURIComponent(file.name) } });
}
