//! Installing one version of a framework over another: what is kept, renamed, moved and
//! removed, decided before anything is written, so the learner sees the report first and
//! no mapped evidence is ever lost.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use super::{content_hash, Framework, RetiredItem};

/// One item whose links change meaning: renamed (same id, new title), moved (its links go to
/// `new_id`) or removed (its links stay, marked as no longer in the framework).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    pub id: String,
    pub title: String,
    pub new_id: Option<String>,
    pub new_title: Option<String>,
    /// How many portfolio entries map to it (filled in by the store).
    pub entries: u32,
}

/// What installing a framework file will do, for the learner to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpgradePlan {
    pub framework_id: String,
    pub title: String,
    /// The installed version, if any.
    pub from_version: Option<String>,
    pub to_version: String,
    /// The same file is already installed: installing changes nothing.
    pub unchanged: bool,
    /// The items evidence is rated against (the tree's leaves).
    pub items_total: u32,
    pub added: u32,
    pub kept: u32,
    pub renamed: Vec<ItemChange>,
    pub moved: Vec<ItemChange>,
    pub removed: Vec<ItemChange>,
}

/// Why a framework file cannot be installed over what is installed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpgradeRefused {
    #[error(
        "version {installed} of `{id}` is installed, and this file is the older version \
         {offered}. Nothing was changed. Ask whoever sent it for the current version."
    )]
    Downgrade {
        id: String,
        installed: String,
        offered: String,
    },
    #[error(
        "the installed framework `{id}` is published by {installed}, and this file by {offered}: \
         it is a different framework that reuses the id. Nothing was changed. Ask its publisher \
         to give it an id of its own."
    )]
    Unrelated {
        id: String,
        installed: String,
        offered: String,
    },
    #[error(
        "version {version} of `{id}` is installed with different content. Nothing was changed. \
         A changed framework needs a higher version number."
    )]
    SameVersionChanged { id: String, version: String },
    #[error("`{0}` is not a version number")]
    BadVersion(String),
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What installing `new` over `installed` (if any) does, or why it is refused.
pub fn plan_upgrade(
    installed: Option<&Framework>,
    new: &Framework,
) -> Result<UpgradePlan, UpgradeRefused> {
    let mut plan = UpgradePlan {
        framework_id: new.id.clone(),
        title: new.title.clone(),
        from_version: installed.map(|f| f.version.clone()),
        to_version: new.version.clone(),
        unchanged: false,
        items_total: count(new.items().len()),
        added: count(new.items.len()),
        kept: 0,
        renamed: Vec::new(),
        moved: Vec::new(),
        removed: Vec::new(),
    };
    let Some(old) = installed else {
        return Ok(plan);
    };
    if old.publisher != new.publisher {
        return Err(UpgradeRefused::Unrelated {
            id: new.id.clone(),
            installed: old.publisher.clone(),
            offered: new.publisher.clone(),
        });
    }
    let version =
        |v: &str| semver::Version::parse(v).map_err(|_| UpgradeRefused::BadVersion(v.to_owned()));
    let (was, is) = (version(&old.version)?, version(&new.version)?);
    if is < was {
        return Err(UpgradeRefused::Downgrade {
            id: new.id.clone(),
            installed: old.version.clone(),
            offered: new.version.clone(),
        });
    }
    if is == was {
        if content_hash(old) == content_hash(new) {
            plan.unchanged = true;
            plan.added = 0;
            plan.kept = count(new.items.len());
            return Ok(plan);
        }
        return Err(UpgradeRefused::SameVersionChanged {
            id: new.id.clone(),
            version: new.version.clone(),
        });
    }
    let old_ids: HashSet<&str> = old.items.iter().map(|i| i.id.as_str()).collect();
    plan.added = count(
        new.items
            .iter()
            .filter(|i| !old_ids.contains(i.id.as_str()))
            .count(),
    );
    for item in &old.items {
        match new.item(&item.id) {
            Some(now) if now.title == item.title => plan.kept += 1,
            Some(now) => plan.renamed.push(ItemChange {
                id: item.id.clone(),
                title: item.title.clone(),
                new_id: None,
                new_title: Some(now.title.clone()),
                entries: 0,
            }),
            None => {
                let target = new.replaces.get(&item.id);
                let change = ItemChange {
                    id: item.id.clone(),
                    title: item.title.clone(),
                    new_id: target.cloned(),
                    new_title: target.and_then(|t| new.item(t)).map(|i| i.title.clone()),
                    entries: 0,
                };
                if target.is_some() {
                    plan.moved.push(change);
                } else {
                    plan.removed.push(change);
                }
            }
        }
    }
    Ok(plan)
}

/// The retired items after `plan` is carried out: those retired before (unless the new
/// version has them again) and those this version moves or removes.
pub fn retired_after(old: &Framework, new: &Framework, plan: &UpgradePlan) -> Vec<RetiredItem> {
    let mut retired: Vec<RetiredItem> = old
        .retired
        .iter()
        .filter(|r| new.item(&r.id).is_none())
        .cloned()
        .collect();
    retired.extend(plan.moved.iter().chain(&plan.removed).map(|c| RetiredItem {
        id: c.id.clone(),
        title: c.title.clone(),
        removed_in: new.version.clone(),
    }));
    retired
}
