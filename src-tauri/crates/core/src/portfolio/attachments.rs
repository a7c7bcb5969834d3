//! Which files an entry may keep: an allow-list of document and image types, each checked by
//! its content as well as its name, and a size limit. Script-capable types (HTML, SVG) and
//! programs are refused, because exports open attachments in browsers and other apps.

use crate::file_names::{BIDI_CONTROLS, MAX_FILE_NAME_BYTES};

/// The largest attachment kept: evidence is documents and photos, not video.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentCheck {
    pub media_type: &'static str,
}

enum Content {
    /// The file starts with these bytes.
    Magic(&'static [u8]),
    /// A ZIP container (Office and OpenDocument files).
    Zip,
    /// UTF-8 text with no NUL bytes.
    Text,
}

static TYPES: &[(&str, &str, Content)] = &[
    ("pdf", "application/pdf", Content::Magic(b"%PDF-")),
    ("png", "image/png", Content::Magic(b"\x89PNG\r\n\x1a\n")),
    ("jpg", "image/jpeg", Content::Magic(b"\xff\xd8\xff")),
    ("jpeg", "image/jpeg", Content::Magic(b"\xff\xd8\xff")),
    ("gif", "image/gif", Content::Magic(b"GIF8")),
    ("webp", "image/webp", Content::Magic(b"RIFF")),
    ("txt", "text/plain", Content::Text),
    ("md", "text/markdown", Content::Text),
    ("csv", "text/csv", Content::Text),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Content::Zip,
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Content::Zip,
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        Content::Zip,
    ),
    (
        "odt",
        "application/vnd.oasis.opendocument.text",
        Content::Zip,
    ),
    (
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
        Content::Zip,
    ),
];

/// The kinds of file accepted, for messages and the file picker.
pub fn accepted_extensions() -> Vec<&'static str> {
    TYPES.iter().map(|(ext, _, _)| *ext).collect()
}

/// Why a file cannot be attached; each message says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AttachmentError {
    #[error("\"{0}\" is not a usable file name: give the file a plain name of up to 255 characters and attach it again")]
    BadName(String),
    #[error("\"{name}\" is {mb:.1} MB; attachments can be up to {limit} MB. Save a smaller copy (for a photo, a lower resolution; for a document, export to PDF) and attach that", mb = *.bytes as f64 / 1_048_576.0, limit = MAX_ATTACHMENT_BYTES / 1_048_576)]
    TooLarge { name: String, bytes: usize },
    #[error("\"{0}\" is empty: check it is the file you meant")]
    Empty(String),
    #[error("\"{0}\" is not a kind of file the portfolio keeps. Attach documents or pictures: {kinds}", kinds = accepted_extensions().join(", "))]
    NotKept(String),
    #[error("\"{name}\" is named as a .{ext} file but its contents are not one. Open it and save it again as .{ext}, then attach the new copy")]
    Disguised { name: String, ext: String },
}

/// Checks a file the learner wants to attach. A bundle from elsewhere is held to the same
/// check, file by file, when it is verified.
pub fn check_attachment(file_name: &str, data: &[u8]) -> Result<AttachmentCheck, AttachmentError> {
    let (name, ext, media_type, content) = kind_by_name(file_name)?;
    if data.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge {
            name: name.into(),
            bytes: data.len(),
        });
    }
    if data.is_empty() {
        return Err(AttachmentError::Empty(name.into()));
    }
    let matches = match content {
        Content::Magic(magic) => data.starts_with(magic),
        Content::Zip => data.starts_with(b"PK\x03\x04"),
        Content::Text => !data.contains(&0) && std::str::from_utf8(data).is_ok(),
    };
    if !matches {
        return Err(AttachmentError::Disguised {
            name: name.into(),
            ext,
        });
    }
    Ok(AttachmentCheck { media_type })
}

/// The media type a file of this name is kept as, judged by its name alone (a usable name of
/// a kind on the allow-list); [`check_attachment`] also checks the contents.
pub fn attachment_media_type(file_name: &str) -> Result<&'static str, AttachmentError> {
    kind_by_name(file_name).map(|(_, _, media_type, _)| media_type)
}

/// The trimmed name, its lower-case extension, media type and expected contents.
fn kind_by_name(
    file_name: &str,
) -> Result<(&str, String, &'static str, &'static Content), AttachmentError> {
    let name = file_name.trim();
    // Control characters and direction marks let a name pass for another
    // (`evil\u{202E}fdp.exe` shows as `evilexe.pdf`): the shared rules name them.
    let misleading = name
        .chars()
        .any(|c| c.is_control() || BIDI_CONTROLS.contains(&c));
    if name.is_empty()
        || name.len() > MAX_FILE_NAME_BYTES
        || name.contains(['/', '\\'])
        || misleading
    {
        return Err(AttachmentError::BadName(file_name.into()));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let Some((_, media_type, content)) = TYPES.iter().find(|(e, _, _)| *e == ext) else {
        return Err(AttachmentError::NotKept(name.into()));
    };
    Ok((name, ext, media_type, content))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_page_has_words_for_every_kind_of_file_kept() {
        let words =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/lib/words.ts");
        let words = std::fs::read_to_string(&words)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", words.display()));
        for (extension, media_type, _) in TYPES {
            assert!(
                words.contains(&format!("'{media_type}':")),
                "ui/src/lib/words.ts (fileKinds) has no words for .{extension} ({media_type}): add them, or the page shows the bare media type"
            );
        }
    }
    use super::*;

    #[test]
    fn accepts_files_whose_contents_match_their_names() {
        assert_eq!(
            check_attachment("notes.pdf", b"%PDF-1.7 ...").map(|c| c.media_type),
            Ok("application/pdf")
        );
        assert_eq!(
            check_attachment("Photo.JPG", b"\xff\xd8\xff\xe0rest").map(|c| c.media_type),
            Ok("image/jpeg")
        );
        assert_eq!(
            check_attachment("plan.docx", b"PK\x03\x04rest").map(|c| c.media_type),
            Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
        assert!(
            check_attachment("log.csv", "date,hours\n2026-01-01,2\n".as_bytes()).is_ok(),
            "UTF-8 text is text"
        );
    }

    #[test]
    fn refuses_scripts_programs_disguises_and_oversize_files() {
        for (name, data, why) in [
            ("page.html", b"<script>".as_slice(), "HTML can run script"),
            (
                "logo.svg",
                b"<svg onload=x>".as_slice(),
                "SVG can run script",
            ),
            (
                "setup.exe",
                b"MZ\x90\x00".as_slice(),
                "programs are refused",
            ),
            (
                "report.pdf",
                b"MZ\x90\x00".as_slice(),
                "a program named .pdf is refused",
            ),
            (
                "notes.txt",
                b"ab\x00cd".as_slice(),
                "binary named .txt is refused",
            ),
            (
                "../../etc/passwd.txt",
                b"x".as_slice(),
                "a path is not a file name",
            ),
            ("empty.pdf", b"".as_slice(), "an empty file is refused"),
            (
                "evil\u{202E}fdp.exe",
                b"%PDF-".as_slice(),
                "a direction mark makes a name read as another",
            ),
            (
                "noextension",
                b"%PDF-".as_slice(),
                "a file with no type is refused",
            ),
        ] {
            assert!(check_attachment(name, data).is_err(), "{why}");
        }
        let big = vec![b'a'; MAX_ATTACHMENT_BYTES + 1];
        let error = check_attachment("big.txt", &big).unwrap_err().to_string();
        assert!(error.contains("up to 20 MB"), "the limit is named: {error}");
        assert_eq!(
            check_attachment("minutes.pdf", b"MZ"),
            Err(AttachmentError::Disguised {
                name: "minutes.pdf".into(),
                ext: "pdf".into()
            }),
            "a disguise is told apart from a kind not kept"
        );
    }
}
