// Errors a form shows in its error summary. Checks made here name the field they belong to
// and link to it; an error from the core already names its field in its own words.

export interface FormError {
  /** The id of the input to move to, when the error belongs to one field. */
  field?: string;
  text: string;
}

/** The error for one field, if any, to show beside it. */
export function errorFor(errors: FormError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.text;
}

/** An error thrown by a command, for the summary. */
export function fromCommand(e: unknown): FormError {
  return { text: e instanceof Error ? e.message : String(e) };
}
