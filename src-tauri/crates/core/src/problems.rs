//! Errors as data: what the app tells the person when something they typed or sent cannot be
//! used, in a shape the UI reads without parsing any message. A field error names the form
//! field it belongs to (`title`, `date`, ...: each area documents its field names beside the
//! type it validates); a located problem names the place in a file from elsewhere (a path in a
//! bundle, `lesson.md:12`). Both travel inside the desktop's `AppError`.

use serde::Serialize;
use ts_rs::TS;

/// A problem with one field of what the person typed: the field's name and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A problem at one place in a file that came from elsewhere: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProblemAt {
    #[serde(rename = "where")]
    #[ts(rename = "where")]
    pub at: String,
    pub message: String,
}

impl ProblemAt {
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            at: at.into(),
            message: message.into(),
        }
    }
}

/// The messages of several field errors as one sentence list, for logs and the CLI.
pub fn field_messages(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_problem_says_where_on_the_wire() {
        let json =
            serde_json::to_string(&ProblemAt::new("files/a.pdf", "changed")).expect("serialises");
        assert_eq!(
            json, r#"{"where":"files/a.pdf","message":"changed"}"#,
            "the UI reads `where`, the name the IPC contract documents"
        );
    }
}
