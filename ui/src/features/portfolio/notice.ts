// A message for the next portfolio screen, when an action moves the person on (a delete goes
// back to the list; a restore opens the newest version). The next screen reads it once.

let pending: string | null = null;

export function leaveNotice(message: string): void {
  pending = message;
}

/** The waiting message, if any; after this call it is gone. */
export function takeNotice(): string | null {
  const message = pending;
  pending = null;
  return message;
}
