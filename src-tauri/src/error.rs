//! The one error type that crosses IPC: `{ "kind": ..., "message": ... }`. The UI acts on
//! `kind` (a closed set) and shows `message` to the person; it never parses the message.

use serde::Serialize;
use ts_rs::TS;
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
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl From<&StoreError> for AppError {
    fn from(error: &StoreError) -> Self {
        let kind = match error {
            StoreError::NotFound(_) => ErrorKind::NotFound,
            StoreError::Conflict(_) => ErrorKind::Conflict,
            StoreError::TooNew { .. } | StoreError::NotADatabase { .. } => ErrorKind::Conflict,
            StoreError::Pack(_) | StoreError::Invalid(_) => ErrorKind::InvalidInput,
            StoreError::Io { .. } => ErrorKind::Io,
            StoreError::Sqlite(_) | StoreError::Migration(_) => ErrorKind::Internal,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
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
            r#"{"kind":"not_found","message":"lesson `x` in pack `y` was not found"}"#,
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
}
