//! File names, one set of rules both ways: every name the app writes (bundles, review files,
//! exports, backups, attachments inside archives) is mapped to a safe one here, and every name
//! in a bundle from elsewhere is checked here against the same rules. Safe means: creatable on
//! Windows, macOS and Linux, unable to pass for another name (no invisible direction marks),
//! and unique among its neighbours even where the file system ignores case or Unicode form.

mod unique;

pub use unique::{name_of, slug, unused_path, UniqueNames};

use unicode_normalization::UnicodeNormalization;

/// The longest file name, in UTF-8 bytes, that every common file system accepts.
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// Characters Windows refuses in a file name (`/` and `\` also separate folders).
pub const RESERVED_CHARACTERS: [char; 9] = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Invisible marks that change the direction text is shown in: `evil\u{202E}fdp.exe` reads
/// as `evilexe.pdf`. Embeddings and overrides (U+202A-202E), isolates (U+2066-2069), the
/// left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
pub const BIDI_CONTROLS: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Names Windows keeps for devices, whatever their extension or case (`con.txt`, `Aux.tar.gz`
/// cannot be created there). The superscript digits count as digits to Windows.
const WINDOWS_DEVICES: [&str; 28] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "com¹", "com²", "com³", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
    "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// An extension longer than this is not kept apart when a name is shortened: it is more
/// likely part of the name than a kind of file.
const MAX_KEPT_EXTENSION_BYTES: usize = 16;

/// Why one file name (a single part of a path) is not safe, as its line in a problem list
/// says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    #[error("has an empty name")]
    Empty,
    #[error(
        "has a name of {bytes} bytes; a file name may have at most {MAX_FILE_NAME_BYTES} bytes"
    )]
    TooLong { bytes: usize },
    #[error("has a name holding a control character (such as NUL or a line break)")]
    Control,
    #[error(
        "has a name holding the invisible direction mark U+{code:04X}, which makes a name read \
         as another (`evil\u{2026}fdp.exe` shown as `evilexe.pdf`)"
    )]
    Bidi { code: u32 },
    #[error("has a name holding `{0}`, which Windows does not allow in a file name")]
    Reserved(char),
    #[error("is named `{0}`, a name Windows keeps for a device whatever its extension")]
    WindowsDevice(String),
    #[error("has a name ending in a dot or a space, which Windows drops")]
    TrailingDotOrSpace,
}

/// The first reason `name` (one file name, not a path) is unsafe, or `None` when it is safe.
pub fn name_problem(name: &str) -> Option<NameProblem> {
    if name.is_empty() {
        return Some(NameProblem::Empty);
    }
    if name.len() > MAX_FILE_NAME_BYTES {
        return Some(NameProblem::TooLong { bytes: name.len() });
    }
    for c in name.chars() {
        if c.is_control() {
            return Some(NameProblem::Control);
        }
        if BIDI_CONTROLS.contains(&c) {
            return Some(NameProblem::Bidi { code: u32::from(c) });
        }
        if RESERVED_CHARACTERS.contains(&c) {
            return Some(NameProblem::Reserved(c));
        }
    }
    if is_windows_device(name) {
        return Some(NameProblem::WindowsDevice(device_part(name).to_owned()));
    }
    if name.ends_with(['.', ' ']) {
        return Some(NameProblem::TrailingDotOrSpace);
    }
    None
}

/// Whether Windows reads `name` as a device: its part before the first dot, without trailing
/// spaces, is one of the device names in any case.
pub fn is_windows_device(name: &str) -> bool {
    let part = device_part(name).to_lowercase();
    WINDOWS_DEVICES.contains(&part.as_str())
}

fn device_part(name: &str) -> &str {
    name.split('.').next().unwrap_or(name).trim_end_matches(' ')
}

/// What two names are compared by: Unicode NFC, then lower case. Two names with the same key
/// are the same file on Windows and macOS (`A.pdf`, `a.pdf`; `é` written as one character or
/// as `e` and an accent), so a folder may hold only one of them.
pub fn collision_key(name: &str) -> String {
    name.nfc().flat_map(char::to_lowercase).nfc().collect()
}

/// `name` made safe to write on any system: Unicode NFC; reserved characters, control
/// characters and direction marks each become `-`; leading spaces and trailing dots and
/// spaces go; a device name gets `-file` after its first part (`con.txt` becomes
/// `con-file.txt`); nothing left becomes `file`; a name over [`MAX_FILE_NAME_BYTES`] is cut
/// on a character boundary, keeping its extension. A safe name comes back unchanged.
pub fn safe_file_name(name: &str) -> String {
    let mapped: String = name
        .nfc()
        .map(|c| {
            if c.is_control() || BIDI_CONTROLS.contains(&c) || RESERVED_CHARACTERS.contains(&c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let kept = trimmed(&mapped);
    let named = if is_windows_device(kept) {
        let first = device_part(kept).len();
        format!("{}-file{}", &kept[..first], &kept[first..])
    } else {
        kept.to_owned()
    };
    let cut = cut_keeping_extension(&named, MAX_FILE_NAME_BYTES);
    trimmed(&cut).to_owned()
}

/// Without leading spaces or trailing dots and spaces; `file` when nothing is left.
fn trimmed(name: &str) -> &str {
    let trimmed = name.trim_start_matches(' ').trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        "file"
    } else {
        trimmed
    }
}

/// `name` and its extension (from the last dot, the dot included; empty when there is none
/// or it is too long to be a kind of file).
pub fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= MAX_KEPT_EXTENSION_BYTES => name.split_at(dot),
        _ => (name, ""),
    }
}

/// `name` in at most `max_bytes` UTF-8 bytes: the part before the extension is cut on a
/// character boundary so the extension (and so the kind of file) survives.
pub fn cut_keeping_extension(name: &str, max_bytes: usize) -> String {
    if name.len() <= max_bytes {
        return name.to_owned();
    }
    let (stem, extension) = split_extension(name);
    let (stem, extension) = if extension.len() < max_bytes {
        (stem, extension)
    } else {
        (name, "")
    };
    let budget = max_bytes - extension.len();
    format!("{}{extension}", prefix_within(stem, budget))
}

/// The longest start of `text` of at most `max_bytes` bytes that ends on a character boundary.
fn prefix_within(text: &str, max_bytes: usize) -> &str {
    let end = text
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .take_while(|end| *end <= max_bytes)
        .last()
        .unwrap_or(0);
    &text[..end]
}

#[cfg(test)]
mod tests;
