//! Where each attachment goes in a bundle: a running number and a name any unzip tool on
//! any system accepts.

use crate::bundle::ATTACHMENTS_DIR;
use crate::file_names::{cut_keeping_extension, safe_file_name};

/// Longest safe file name kept in an attachment's archive path (its running number aside):
/// long enough to recognise, short enough for every unzip tool and file system.
const MAX_SAFE_NAME_CHARS: usize = 100;

/// Archive paths for attachments: a running number keeps names apart even when two files
/// are both called `notes.pdf` (or `Notes.PDF`), and the safe name keeps any unzip tool on any
/// system happy.
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

/// The shared rules ([`safe_file_name`]: no reserved or control characters, direction marks,
/// device names or trailing dots), then plain ASCII only (`[A-Za-z0-9._-]`, anything else
/// `-`) so old unzip tools show the same name, shortened so its extension survives.
fn safe_name(file_name: &str) -> String {
    let ascii: String = safe_file_name(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // Cutting can leave a dot at the end; the rules are applied once more to the cut name.
    safe_file_name(&cut_keeping_extension(&ascii, MAX_SAFE_NAME_CHARS))
}

#[cfg(test)]
mod tests {
    use super::safe_name;
    use crate::file_names::name_problem;

    #[test]
    fn names_windows_cannot_create_are_made_safe() {
        for (given, safe) in [
            ("report.", "report"),
            ("notes .. ", "notes"),
            ("...", "file"),
            ("report?.pdf", "report-.pdf"),
            ("con.pdf", "con-file.pdf"),
            ("evil\u{202E}fdp.exe", "evil-fdp.exe"),
        ] {
            assert_eq!(safe_name(given), safe, "`{}`", given.escape_debug());
            assert_eq!(
                name_problem(safe),
                None,
                "`{safe}` passes the reader's check"
            );
        }
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
