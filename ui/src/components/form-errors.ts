// Errors a form shows in its error summary. Checks made here name the field they belong to
// and link to it; an error from the core names its fields in `IpcError.fields` (by the field
// names documented on the Rust input types), which a form maps to its own element ids.
import { IpcError } from '../ipc/call';

export interface FormError {
  /** The id of the input to move to, when the error belongs to one field. */
  field?: string;
  text: string;
}

/** A form's element ids by the core's field names, e.g. `{ title: 'goal-title' }`. */
export type FieldIds = Record<string, string>;

/** The error for one field, if any, to show beside it. */
export function errorFor(errors: FormError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.text;
}

/**
 * Every error a command gave, for the summary: one per field at fault, linked to the element
 * `ids` gives for it, or the message alone when the core named no field.
 */
export function fromCommandFields(e: unknown, ids: FieldIds = {}): FormError[] {
  if (e instanceof IpcError && e.fields.length > 0) {
    return e.fields.map((f) => ({ field: ids[f.field], text: f.message }));
  }
  return [{ text: e instanceof Error ? e.message : String(e) }];
}

/**
 * An error thrown by a command, as one summary line: the field's own error when the core
 * named exactly one (linked through `ids`), else the whole message.
 */
export function fromCommand(e: unknown, ids: FieldIds = {}): FormError {
  const errors = fromCommandFields(e, ids);
  return errors.length === 1 && errors[0] ? errors[0] : { text: e instanceof Error ? e.message : String(e) };
}
