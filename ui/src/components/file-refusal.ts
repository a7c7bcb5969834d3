// A refused file as FileRefusal shows it: the message, and each place in the file at fault
// (read from the error's `problems`, never from its message).
import { IpcError, type ProblemAt } from '../ipc/call';

export type Refusal = { message: string; places: ProblemAt[] };

export function refusalOf(e: unknown): Refusal {
  return { message: (e as Error).message, places: e instanceof IpcError ? e.problems : [] };
}
