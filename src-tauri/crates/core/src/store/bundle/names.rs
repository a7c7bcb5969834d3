//! Where each attachment goes in a bundle: a running number and a name any unzip tool on
//! any system accepts.

use crate::bundle::ATTACHMENTS_DIR;

/// Longest safe file name kept in an attachment's archive path (its running number aside):
/// long enough to recognise, short enough for every unzip tool and file system.
const MAX_SAFE_NAME_CHARS: usize = 100;

/// Archive paths for attachments: a running number keeps names apart even when two files
/// are both called `notes.pdf`, and the safe name keeps any unzip tool on any system happy.
#[derive(Default)]
pub(super) struct AttachmentNames {
    count: usize,
}

impl AttachmentNames {
    pub(super) fn next_path(&mut self, file_name: &str) -> String {
        self.count += 1;
        format!("{ATTACHMENTS_DIR}{}-{}", self.count, safe_name(file_name))
    }
}

/// Keeps `[A-Za-z0-9._-]`, replaces anything else with `-`, drops trailing dots (Windows
/// cannot create a name that ends in one), and shortens a long name from the middle so its
/// extension survives.
fn safe_name(file_name: &str) -> String {
    let name = without_trailing_dots(file_name);
    shortened(&name)
}

fn without_trailing_dots(file_name: &str) -> String {
    let trimmed = file_name.trim().trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        "file".to_owned()
    } else {
        trimmed.to_owned()
    }
}

fn shortened(file_name: &str) -> String {
    let safe: Vec<char> = file_name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.len() <= MAX_SAFE_NAME_CHARS {
        return safe.into_iter().collect();
    }
    let ext = safe
        .iter()
        .rposition(|c| *c == '.')
        .map(|dot| &safe[dot..])
        .filter(|ext| ext.len() <= 10)
        .unwrap_or(&[]);
    let stem = &safe[..MAX_SAFE_NAME_CHARS - ext.len()];
    stem.iter().chain(ext).collect()
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn names_windows_cannot_create_are_made_safe() {
        assert_eq!(safe_name("report."), "report", "a trailing dot is dropped");
        assert_eq!(safe_name("notes .. "), "notes", "trailing dots and spaces");
        assert_eq!(safe_name("..."), "file", "nothing left becomes `file`");
        assert_eq!(
            safe_name("report?.pdf"),
            "report-.pdf",
            "characters Windows refuses"
        );
        assert!(
            safe_name(&"a".repeat(300)).len() <= 255,
            "never over 255 bytes"
        );
    }

    #[test]
    fn safe_names_keep_plain_characters_and_the_extension() {
        assert_eq!(
            safe_name("Ward budget (v2) – final.pdf"),
            "Ward-budget--v2----final.pdf",
            "spaces, brackets and non-ASCII become dashes, one for each character"
        );
        assert_eq!(
            safe_name("../../etc/passwd"),
            "..-..-etc-passwd",
            "slashes cannot survive, so a name never leaves the attachments folder"
        );
        let long = format!("{}.docx", "a".repeat(300));
        let short = safe_name(&long);
        assert_eq!(
            short.chars().count(),
            100,
            "long names are cut to 100 characters"
        );
        assert!(
            short.ends_with("a.docx"),
            "the extension survives the cut: {short}"
        );
    }
}
