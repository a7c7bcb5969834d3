// How the portfolio list turns what the person typed and chose into a query.
import type { EntryQuery } from '../../ipc/portfolio';

/** Searching waits this long after the last key press, so each word is not a search of its own. */
export const SEARCH_AFTER_MS = 250;

/** Whether the text has anything to search for (letters or digits, not just spaces and marks). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Whether a query narrows the portfolio at all: an empty result then means "no matches", not "no entries". */
export function isFiltered(query: EntryQuery): boolean {
  return (
    hasWords(query.text) ||
    query.kinds.length > 0 ||
    query.from !== null ||
    query.to !== null ||
    (query.behaviour ?? '') !== '' ||
    (query.tag ?? '') !== ''
  );
}
