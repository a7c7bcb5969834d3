import { call } from './call';
import type { TrustedPublisher } from './bindings/TrustedPublisher';
import type { SignerView } from './bindings/SignerView';
import type { SignatureStatus } from './bindings/SignatureStatus';
import type { SigningRequest } from './bindings/SigningRequest';

export type { TrustedPublisher, SignerView, SignatureStatus, SigningRequest };

export const listTrustedPublishers = () => call<TrustedPublisher[]>('list_trusted_publishers');

/** Adds a publisher from the text form of their public key (the line, or a .pub file's text). */
export const addTrustedPublisher = (text: string) => call<TrustedPublisher>('add_trusted_publisher', { text });

export const removeTrustedPublisher = (publicKey: string) => call<void>('remove_trusted_publisher', { publicKey });

/** Opens the file picker for a .pub file and gives back its text; null when the learner cancels. */
export const choosePublisherKeyFile = () => call<string | null>('choose_publisher_key_file');

/** The name and fingerprint a private key file holds, read in Rust without its passphrase. */
export const describeKeyFile = (keyFile: string) => call<SignerView>('describe_key_file', { keyFile });
