import { call } from './call';
import type { TrustedPublisher } from './bindings/TrustedPublisher';

export type { TrustedPublisher };

export const listTrustedPublishers = () => call<TrustedPublisher[]>('list_trusted_publishers');

/** Adds a publisher from the text form of their public key (the line, or a .pub file's text). */
export const addTrustedPublisher = (text: string) => call<TrustedPublisher>('add_trusted_publisher', { text });

export const removeTrustedPublisher = (publicKey: string) => call<void>('remove_trusted_publisher', { publicKey });

/** Opens the file picker for a .pub file and gives back its text; null when the learner cancels. */
export const choosePublisherKeyFile = () => call<string | null>('choose_publisher_key_file');
