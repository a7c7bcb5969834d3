//! The learner's installed curricula and what importing a pack would do, shaped for the UI.
//! These types cross IPC; their TypeScript twins are generated into `ui/src/ipc/bindings`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstalledPack {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub version: String,
    pub licence: String,
    pub builtin: bool,
    pub modules: u32,
    pub lessons: u32,
    /// RFC 3339 UTC instants.
    pub installed_at: String,
    pub updated_at: String,
}

/// What importing a pack file would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub version: String,
    pub modules: u32,
    pub lessons: u32,
    /// Content the app will strip when showing it, as `file:line:column: message`.
    pub warnings: Vec<String>,
    pub action: ImportAction,
    /// What installing each framework the pack carries will do.
    pub frameworks: Vec<crate::frameworks::UpgradePlan>,
    /// Who signed the pack, and whether the learner trusts that key.
    pub signature: crate::signing::SignatureStatus,
    /// Set when the installed version was signed by another key (or the new file is not
    /// signed): installing then needs the learner's confirmation after a warning.
    pub signer_change: Option<crate::signing::SignerChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportAction {
    /// Not installed yet.
    Install,
    /// A newer version of an installed pack: progress is kept for every lesson that remains.
    Upgrade { from: String },
    /// The same version is installed; its files differ or not.
    Reinstall { unchanged: bool },
    /// An older version than the one installed: needs the learner's confirmation.
    Downgrade { from: String },
    /// Cannot be imported, for the reason given.
    Refused { reason: String },
}
