//! The few words around a search match shown under each entry in the results, with the
//! matched words marked. Made here from the entry's indexed text rather than by FTS5's
//! `snippet()`, which parses the query and seeks the entry's place in every word list again
//! for each row: 50 of those cost more than the whole rest of a search of 10,000 entries.
//! Words are compared the way the index compares them: letters and digits, case and accents
//! folded.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::study::SnippetPart;

/// Words shown around a match, as FTS5's `snippet(..., 14)` showed.
pub(super) const SNIPPET_WORDS: usize = 14;
const ELLIPSIS: &str = "…";

/// One word the learner typed, folded; `prefix` when it is still being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    pub folded: String,
    pub prefix: bool,
}

impl Term {
    pub fn new(word: &str, prefix: bool) -> Self {
        Self {
            folded: fold(word),
            prefix,
        }
    }

    fn matches(&self, folded_word: &str) -> bool {
        if self.prefix {
            folded_word.starts_with(&self.folded)
        } else {
            folded_word == self.folded
        }
    }
}

/// Lower case, accents removed (é → e), as the index's `remove_diacritics 2` folds.
pub(super) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A word of a text: where it is, and which terms it matches.
struct Word {
    start: usize,
    end: usize,
    /// Bit `i` set when it matches term `i` (at most 12 terms are typed).
    hits: u16,
}

fn words_of(text: &str, terms: &[Term]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    let mut folded = String::new();
    let close = |start: usize, end: usize, folded: &mut String, words: &mut Vec<Word>| {
        let word = &text[start..end];
        let hits = if word.is_ascii() {
            folded.clear();
            folded.extend(word.chars().map(|c| c.to_ascii_lowercase()));
            term_hits(terms, folded)
        } else {
            term_hits(terms, &fold(word))
        };
        words.push(Word { start, end, hits });
    };
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric() || is_combining_mark(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                close(s, i, &mut folded, &mut words);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        close(s, text.len(), &mut folded, &mut words);
    }
    words
}

fn term_hits(terms: &[Term], folded: &str) -> u16 {
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.matches(folded))
        .fold(0, |bits, (i, _)| bits | (1 << i))
}

/// The best run of [`SNIPPET_WORDS`] words of `text` for `terms`: the most different terms,
/// then the most matches, then the earliest. `None` when no word matches.
fn best_window(words: &[Word]) -> Option<(usize, u32, u32)> {
    let mut best: Option<(usize, u32, u32)> = None;
    for (first, word) in words.iter().enumerate() {
        if word.hits == 0 {
            continue;
        }
        // Start a word or two before the match, so it is read in context.
        let start = first.saturating_sub(2);
        let window = &words[start..words.len().min(start + SNIPPET_WORDS)];
        let terms = window.iter().fold(0u16, |bits, w| bits | w.hits);
        let score = (
            terms.count_ones(),
            window.iter().filter(|w| w.hits != 0).count() as u32,
        );
        if best.is_none_or(|(_, t, m)| score > (t, m)) {
            best = Some((start, score.0, score.1));
        }
    }
    best
}

/// The column chosen for a snippet: its index, its words, the run's first word and its score.
type Chosen = (usize, Vec<Word>, usize, (u32, u32));

/// The snippet of an entry whose indexed columns are `columns` (title, body, tags): the best
/// run of words in the column that holds the most of the terms (the body on a tie with the
/// title, since the title is shown above it anyway), with `…` where the column goes on.
pub(super) fn snippet(columns: [&str; 3], terms: &[Term]) -> Vec<SnippetPart> {
    let mut chosen: Option<Chosen> = None;
    for (column, text) in [1, 0, 2].map(|c| (c, columns[c])) {
        let words = words_of(text, terms);
        if let Some((start, t, m)) = best_window(&words) {
            if chosen.as_ref().is_none_or(|(_, _, _, best)| (t, m) > *best) {
                chosen = Some((column, words, start, (t, m)));
            }
        }
    }
    let Some((column, words, start, _)) = chosen else {
        return Vec::new();
    };
    let text = columns[column];
    let window = &words[start..words.len().min(start + SNIPPET_WORDS)];
    let mut parts = Vec::new();
    let mut push = |text: &str, highlight: bool| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(SnippetPart {
                text: t,
                highlight: h,
            }) if *h == highlight => t.push_str(text),
            _ => parts.push(SnippetPart {
                text: text.to_owned(),
                highlight,
            }),
        }
    };
    if start > 0 {
        push(ELLIPSIS, false);
    }
    let mut at = window[0].start;
    for word in window {
        push(&text[at..word.start], false);
        push(&text[word.start..word.end], word.hits != 0);
        at = word.end;
    }
    if start + SNIPPET_WORDS < words.len() {
        push(ELLIPSIS, false);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[SnippetPart]) -> String {
        parts
            .iter()
            .map(|p| {
                if p.highlight {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_the_matched_words_with_context_and_ellipses() {
        let body = "We met on Monday. The new ward budget was agreed after a long \
                    discussion with finance and the matron about agency spending this winter.";
        let terms = [Term::new("budget", false)];
        assert_eq!(
            shown(&snippet(["Budget meeting", body, "finance"], &terms)),
            "…new ward [budget] was agreed after a long discussion with finance and the matron…",
            "the body's match, from two words before, with ellipses where the text goes on"
        );
    }

    #[test]
    fn a_word_being_typed_matches_as_a_prefix_and_case_and_accents_are_folded() {
        let terms = [Term::new("gover", true), Term::new("Cafe", false)];
        assert_eq!(
            shown(&snippet(
                ["", "Governance at the café; governing body", ""],
                &terms
            )),
            "[Governance] at the [café]; [governing] body"
        );
        assert!(
            snippet(["", "Government", ""], &[Term::new("gover", false)]).is_empty(),
            "a finished word matches whole words only"
        );
    }

    #[test]
    fn the_run_holding_most_of_the_words_wins() {
        let body = "rota first. Then many unrelated words fill up this sentence completely \
                    and more words again until far later the rota and budget meet.";
        let terms = [Term::new("rota", false), Term::new("budget", false)];
        let parts = snippet(["", body, ""], &terms);
        assert!(
            shown(&parts).contains("[rota] and [budget]"),
            "both words beat the first lone match: {}",
            shown(&parts)
        );
    }

    #[test]
    fn the_title_is_used_when_only_it_matches() {
        let terms = [Term::new("handover", false)];
        assert_eq!(
            shown(&snippet(["Night handover", "Nothing here", ""], &terms)),
            "Night [handover]"
        );
        assert!(
            snippet(["a", "b", "c"], &terms).is_empty(),
            "no match, no snippet"
        );
    }
}
