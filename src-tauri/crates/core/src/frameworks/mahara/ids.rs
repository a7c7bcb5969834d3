//! Ids from names: the lowercase slugs framework ids are made of, and keys made unique in a
//! fixed order, so the same matrix always gives the same ids.

use std::collections::HashSet;

/// The longest slug made from a name, so `<framework>.<item>` stays well under the id limit.
const SLUG_BYTES: usize = 60;

/// `name` as lowercase ASCII letters and digits joined by '-': accents are dropped from
/// common Latin letters ("Māori" gives "maori"), everything else separates words.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        let ascii = folded.map_or_else(|| c.to_string(), str::to_owned);
        for b in ascii.chars() {
            if b.is_ascii_lowercase() || b.is_ascii_digit() {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(b);
            } else {
                gap = true;
            }
        }
        if out.len() >= SLUG_BYTES {
            break;
        }
    }
    out.truncate(SLUG_BYTES);
    out.trim_end_matches('-').to_owned()
}

/// The plain letters of a letter with an accent, for the Latin letters names commonly use.
fn fold(c: char) -> Option<&'static str> {
    const TABLE: [(&str, &str); 17] = [
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ìíîïĩīĭįı", "i"),
        ("ñńņňŋ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ţťŧț", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, plain)| *plain)
}

/// One key for each entry, all different: an entry's `preferred` key when it is free, else
/// the first free `fallback(index, attempt)` for attempts 0, 1, 2, ... Preferred keys are
/// claimed first, in order, so a generated key never takes one an entry asked for.
pub(super) fn unique_keys(
    preferred: &[Option<String>],
    taken: &HashSet<String>,
    fallback: impl Fn(usize, usize) -> String,
) -> Vec<String> {
    let mut used: HashSet<String> = taken.clone();
    let mut keys: Vec<Option<String>> = preferred
        .iter()
        .map(|p| p.as_ref().filter(|k| used.insert((*k).clone())).cloned())
        .collect();
    for (index, key) in keys.iter_mut().enumerate() {
        if key.is_none() {
            let free = (0..)
                .map(|attempt| fallback(index, attempt))
                .find(|k| !used.contains(k))
                .unwrap_or_default();
            used.insert(free.clone());
            *key = Some(free);
        }
    }
    keys.into_iter().map(Option::unwrap_or_default).collect()
}

/// `base`, then `base-2`, `base-3`, ...: the fallback for names that repeat.
pub(super) fn numbered(base: &str, attempt: usize) -> String {
    if attempt == 0 {
        base.to_owned()
    } else {
        format!("{base}-{}", attempt + 1)
    }
}
