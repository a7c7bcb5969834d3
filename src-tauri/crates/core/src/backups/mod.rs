//! Copies of the learner's database, as the backups page shows them: what kind each copy is,
//! when it was taken and what it holds. These types cross the IPC boundary; their TypeScript
//! twins are generated (`ts-rs`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a copy was taken. The kind decides whether the app may delete it: only automatic copies
/// are ever removed, and only the oldest beyond the number kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum BackupKind {
    /// Taken once a day, at start-up or on closing.
    Automatic,
    /// Asked for by the learner.
    Manual,
    /// The data as it was just before a restore replaced it.
    BeforeRestore,
    /// The data as it was before a new version of the app changed its format.
    BeforeUpgrade,
}

impl BackupKind {
    /// How the kind starts a backup's file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Manual => "manual",
            Self::BeforeRestore => "before-restore",
            Self::BeforeUpgrade => "before-upgrade",
        }
    }
}

/// One copy in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file's name inside the backups folder; the handle for restoring it.
    pub file_name: String,
    pub kind: BackupKind,
    /// When the copy was taken (RFC 3339, UTC), read from its name.
    pub created_at: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Portfolio entries in the copy, not counting the bin; `None` when the copy has no
    /// portfolio (an older format) or cannot be read.
    pub entries: Option<u32>,
}
