// The "sign it with my key" choice a form carries: whether to sign, the private key file's text
// (still sealed: it is opened in Rust, never here) with whose key it says it is, and the
// passphrase typed for it. The passphrase goes to the command once and is then forgotten.
import type { SignerView } from '../ipc/bindings/SignerView';
import type { SigningRequest } from '../ipc/bindings/SigningRequest';
import type { FieldIds, FormError } from './form-errors';

export interface SigningChoice {
  sign: boolean;
  /** The chosen .key file's text, or null before one is chosen. */
  keyFile: string | null;
  /** Whose key the file says it holds, read without the passphrase. */
  owner: SignerView | null;
  passphrase: string;
}

export const noSigning = (): SigningChoice => ({ sign: false, keyFile: null, owner: null, passphrase: '' });

/** The element ids of one form's key file and passphrase inputs. */
export function signingIds(prefix: string): { keyFile: string; passphrase: string } {
  return { keyFile: `${prefix}-key-file`, passphrase: `${prefix}-passphrase` };
}

/** The core's field names mapped to this form's inputs, for `fromCommandFields`. */
export function signingFieldIds(prefix: string): FieldIds {
  const ids = signingIds(prefix);
  return { keyFile: ids.keyFile, passphrase: ids.passphrase };
}

/** What is missing before the form can sign, each error on its own field. */
export function signingErrors(choice: SigningChoice, prefix: string): FormError[] {
  if (!choice.sign) return [];
  const ids = signingIds(prefix);
  const errors: FormError[] = [];
  if (!choice.keyFile) errors.push({ field: ids.keyFile, text: 'Choose your private key file (it ends in .key)' });
  if (!choice.passphrase) errors.push({ field: ids.passphrase, text: 'Type the passphrase of your key' });
  return errors;
}

/** What the command is sent: null when the person chose not to sign. */
export function signingRequest(choice: SigningChoice): SigningRequest | null {
  if (!choice.sign || !choice.keyFile) return null;
  return { keyFile: choice.keyFile, passphrase: choice.passphrase };
}

/** The same choice with the passphrase forgotten, once it has been used. */
export function forgetPassphrase(choice: SigningChoice): SigningChoice {
  return { ...choice, passphrase: '' };
}
