//! The one error type that crosses IPC:
//! `{ "kind": ..., "message": ..., "fields": [...], "problems": [...] }`. The UI acts on
//! `kind` (a closed set), marks each form field named in `fields`, lists `problems` (each with
//! where it is), and shows `message` to the person; it never parses the message.

use serde::Serialize;
use ts_rs::TS;
use w2b_core::packs::{FrameworkError, PackError};
use w2b_core::portfolio::leap2a::Leap2aError;
use w2b_core::problems::{FieldError, ProblemAt};
use w2b_core::store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    InvalidInput,
    Conflict,
    Io,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    /// Fields of the person's input at fault, each with what to do; empty when the error is
    /// not about a form.
    pub fields: Vec<FieldError>,
    /// Problems at places in a file from elsewhere (a bundle's files, a pack's lines).
    pub problems: Vec<ProblemAt>,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            fields: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Input the person can correct, field by field.
    pub fn fields(message: impl Into<String>, fields: Vec<FieldError>) -> Self {
        Self {
            fields,
            ..Self::new(ErrorKind::InvalidInput, message)
        }
    }

    /// With the places in a file that are at fault.
    #[must_use]
    pub fn with_problems(mut self, problems: Vec<ProblemAt>) -> Self {
        self.problems = problems;
        self
    }
}

impl From<&StoreError> for AppError {
    fn from(error: &StoreError) -> Self {
        let kind = match error {
            StoreError::NotFound(_) => ErrorKind::NotFound,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            StoreError::TooNew { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::InUse { .. } => ErrorKind::Conflict,
            StoreError::Pack(_) | StoreError::Invalid(_) | StoreError::Fields(_) => {
                ErrorKind::InvalidInput
            }
            StoreError::Io { .. } => ErrorKind::Io,
            StoreError::Sqlite(_) | StoreError::Migration(_) => ErrorKind::Internal,
        };
        match error {
            StoreError::Fields(fields) => Self::fields(error.to_string(), fields.clone()),
            StoreError::Pack(pack) => Self::pack(pack, ""),
            _ => Self::new(kind, error.to_string()),
        }
    }
}

impl AppError {
    /// A pack that cannot be used: the count as the message, then `then`; each problem, with
    /// where it is, in `problems`.
    pub fn pack(error: &PackError, then: &str) -> Self {
        Self::listed(&error.summary(), then).with_problems(error.located())
    }

    /// A framework file that cannot be used, shaped as `pack` is.
    pub fn framework(error: &FrameworkError, then: &str) -> Self {
        Self::listed(&error.summary(), then).with_problems(error.located())
    }

    fn listed(summary: &str, then: &str) -> Self {
        let message = if then.is_empty() {
            format!("{summary}.")
        } else {
            format!("{summary}. {then}")
        };
        Self::new(ErrorKind::InvalidInput, message)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        Self::from(&error)
    }
}

impl From<&Leap2aError> for AppError {
    /// A refused Leap2A file names the file (and the line or archive path) in `problems`, so
    /// the import screen lists where the fault is; a failed write is the disk's business.
    fn from(error: &Leap2aError) -> Self {
        let refused = |problems: Vec<ProblemAt>| {
            Self::new(ErrorKind::InvalidInput, error.to_string()).with_problems(problems)
        };
        match error {
            Leap2aError::Store(e) => Self::from(e),
            Leap2aError::Io { .. } | Leap2aError::Write { .. } => {
                Self::new(ErrorKind::Io, error.to_string())
            }
            Leap2aError::NotLeap2a { file, reason } | Leap2aError::TooLarge { file, reason } => {
                refused(vec![ProblemAt::new(file, reason)])
            }
            Leap2aError::Unsafe { file, problems } => {
                refused(problems.iter().map(|p| ProblemAt::new(file, p)).collect())
            }
            Leap2aError::Malformed {
                file,
                inner,
                line,
                reason,
            } => refused(vec![ProblemAt::new(
                format!("{file}: {inner} line {line}"),
                reason,
            )]),
            Leap2aError::Changed { file, path, reason } => {
                Self::new(ErrorKind::Conflict, error.to_string())
                    .with_problems(vec![ProblemAt::new(format!("{file}: {path}"), reason)])
            }
        }
    }
}

impl From<Leap2aError> for AppError {
    fn from(error: Leap2aError) -> Self {
        Self::from(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_format_is_pinned() {
        let error = AppError::from(StoreError::NotFound("lesson `x` in pack `y`".into()));
        assert_eq!(
            serde_json::to_string(&error).expect("serialises"),
            r#"{"kind":"not_found","message":"lesson `x` in pack `y` was not found","fields":[],"problems":[]}"#,
            "the UI depends on exactly this shape"
        );
        let kinds: Vec<String> = [
            ErrorKind::InvalidInput,
            ErrorKind::Conflict,
            ErrorKind::Io,
            ErrorKind::Internal,
        ]
        .iter()
        .map(|k| serde_json::to_string(k).expect("serialises"))
        .collect();
        assert_eq!(
            kinds,
            [
                r#""invalid_input""#,
                r#""conflict""#,
                r#""io""#,
                r#""internal""#
            ],
            "closed set of kinds"
        );
    }

    #[test]
    fn field_errors_travel_as_data() {
        let error = AppError::from(StoreError::field("title", "Title: give the entry a title"));
        assert_eq!(
            serde_json::to_string(&error).expect("serialises"),
            r#"{"kind":"invalid_input","message":"Title: give the entry a title","fields":[{"field":"title","message":"Title: give the entry a title"}],"problems":[]}"#,
            "the form reads the field from `fields`, never from the message"
        );
        let refused = AppError::new(ErrorKind::InvalidInput, "This bundle was changed")
            .with_problems(vec![ProblemAt::new("files/a.pdf", "its contents changed")]);
        assert_eq!(
            serde_json::to_value(&refused).expect("serialises")["problems"][0]["where"],
            "files/a.pdf",
            "each problem says where it is"
        );
    }

    #[test]
    fn a_refused_leap2a_file_names_the_line() {
        let error = AppError::from(Leap2aError::Malformed {
            file: "mahara.zip".into(),
            inner: "leap2a.xml".into(),
            line: 12,
            reason: "a closing tag does not match".into(),
        });
        assert_eq!(error.kind, ErrorKind::InvalidInput, "the file is at fault");
        assert_eq!(
            error.problems,
            [ProblemAt::new(
                "mahara.zip: leap2a.xml line 12",
                "a closing tag does not match"
            )],
            "the screen lists the place from `problems`"
        );
        let full = AppError::from(Leap2aError::Write {
            path: "/media/usb/p.zip".into(),
            source: std::io::ErrorKind::StorageFull.into(),
        });
        assert_eq!(
            full.kind,
            ErrorKind::Io,
            "a full disk is not the file's fault"
        );
    }

    #[test]
    fn a_packs_problems_travel_as_data() {
        let pack = PackError {
            problems: vec![w2b_core::packs::Problem::in_file(
                "m/01.md",
                "unknown field `minuts`",
                "did you mean `minutes`?",
            )
            .at(4, 1)],
        };
        let error = AppError::from(StoreError::Pack(pack));
        assert_eq!(
            serde_json::to_string(&error).expect("serialises"),
            r#"{"kind":"invalid_input","message":"The pack has 1 problem.","fields":[],"problems":[{"where":"m/01.md:4:1","message":"unknown field `minuts` (did you mean `minutes`?)"}]}"#,
            "the import screen lists each problem from `problems`, never from the message"
        );
    }
}
