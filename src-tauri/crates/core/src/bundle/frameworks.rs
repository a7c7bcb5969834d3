//! The frameworks a bundle carries: the definition (and version) of every framework its
//! entries rate against, so an appraiser whose app has other frameworks, or none of the
//! scheme's, sees the same titles and structure the learner did, and `w2b bundle verify` can
//! check that every rating names an item of the framework it claims.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::BundleEntry;
use crate::frameworks::Framework;

/// One framework as the learner had it installed when they exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleFramework {
    pub id: String,
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    /// The names of the levels, top first.
    pub levels: Vec<String>,
    pub scale_name: String,
    /// The rating labels, from 1 up.
    pub scale: Vec<String>,
    /// Every item, each parent before its children.
    pub items: Vec<BundleFrameworkItem>,
    /// Items a newer version removed that an entry still rates.
    pub retired: Vec<BundleRetiredItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleFrameworkItem {
    pub id: String,
    pub parent: Option<String>,
    pub title: String,
    /// Markdown, as the framework's publisher wrote it.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleRetiredItem {
    pub id: String,
    pub title: String,
    pub removed_in: String,
}

impl BundleFramework {
    /// The whole definition of an installed or scheme framework, retired items left out.
    pub fn whole(fw: &Framework) -> Self {
        Self::of(fw, &HashSet::new())
    }

    fn of(fw: &Framework, rated: &HashSet<&str>) -> Self {
        let scale = fw.scale();
        Self {
            id: fw.id.clone(),
            version: fw.version.clone(),
            title: fw.title.clone(),
            publisher: fw.publisher.clone(),
            licence: fw.licence.clone(),
            levels: fw.levels.clone(),
            scale_name: scale.name.clone(),
            scale: scale.levels.iter().map(|l| l.label.clone()).collect(),
            items: fw
                .items
                .iter()
                .map(|i| BundleFrameworkItem {
                    id: i.id.clone(),
                    parent: i.parent.clone(),
                    title: i.title.clone(),
                    description: i.description.clone(),
                })
                .collect(),
            retired: fw
                .retired
                .iter()
                .filter(|r| rated.contains(r.id.as_str()))
                .map(|r| BundleRetiredItem {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    removed_in: r.removed_in.clone(),
                })
                .collect(),
        }
    }
}

/// The definitions of the installed frameworks `entries` rate against, in the app's order.
pub fn bundled_frameworks(
    entries: &[BundleEntry],
    installed: &[Framework],
) -> Vec<BundleFramework> {
    let rated: HashSet<&str> = entries
        .iter()
        .flat_map(|e| &e.behaviours)
        .map(|b| b.behaviour_id.as_str())
        .collect();
    let used: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| &e.behaviours)
        .map(|b| b.framework_id.as_str())
        .collect();
    installed
        .iter()
        .filter(|f| used.contains(f.id.as_str()))
        .map(|f| BundleFramework::of(f, &rated))
        .collect()
}

/// Each rating that names a framework the bundle carries but an item that framework does not
/// have (current or retired), as (entry title, framework id, item id). A bundle that carries
/// no frameworks (format 1) has nothing to check.
pub fn unresolved_ratings<'a>(
    entries: &'a [BundleEntry],
    frameworks: &'a [BundleFramework],
) -> Vec<(&'a str, &'a str, &'a str)> {
    if frameworks.is_empty() {
        return Vec::new();
    }
    let known: HashMap<&str, HashSet<&str>> = frameworks
        .iter()
        .map(|f| {
            let ids = f.items.iter().map(|i| i.id.as_str());
            let retired = f.retired.iter().map(|r| r.id.as_str());
            (f.id.as_str(), ids.chain(retired).collect())
        })
        .collect();
    entries
        .iter()
        .flat_map(|e| e.behaviours.iter().map(move |b| (e, b)))
        .filter(|(_, b)| {
            known
                .get(b.framework_id.as_str())
                .is_none_or(|ids| !ids.contains(b.behaviour_id.as_str()))
        })
        .map(|(e, b)| {
            (
                e.title.as_str(),
                b.framework_id.as_str(),
                b.behaviour_id.as_str(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::sample::bundle_entry;
    use crate::bundle::BundleRating;
    use crate::frameworks::builtin;

    fn rating(framework_id: &str, behaviour_id: &str) -> BundleRating {
        BundleRating {
            framework_id: framework_id.into(),
            framework_title: String::new(),
            behaviour_id: behaviour_id.into(),
            statement: String::new(),
            domain_title: String::new(),
            rating: 1,
            rating_label: String::new(),
            justification: String::new(),
        }
    }

    #[test]
    fn a_bundle_carries_only_the_frameworks_its_entries_rate_against() {
        let entries = vec![BundleEntry {
            behaviours: vec![rating("hlm", "hlm.inspiring-shared-purpose")],
            ..bundle_entry("u1", "One", "2026-11-01")
        }];
        let carried = bundled_frameworks(&entries, builtin());
        assert_eq!(
            carried.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["hlm"]
        );
        assert_eq!(
            carried[0].items.len(),
            builtin()[2].items.len(),
            "every item, for structure"
        );
        assert_eq!(
            carried[0].scale.len(),
            4,
            "the framework's own scale labels"
        );
        assert!(
            unresolved_ratings(&entries, &carried).is_empty(),
            "its rating resolves"
        );
    }

    #[test]
    fn a_rating_the_carried_framework_does_not_have_is_named() {
        let entries = vec![BundleEntry {
            behaviours: vec![
                rating("hlm", "hlm.inspiring-shared-purpose"),
                rating("hlm", "hlm.telepathy"),
                rating("nct-wm", "nct-wm.people"),
            ],
            ..bundle_entry("u1", "Night shift", "2026-11-01")
        }];
        let carried = bundled_frameworks(&entries, builtin());
        assert_eq!(
            unresolved_ratings(&entries, &carried),
            [
                ("Night shift", "hlm", "hlm.telepathy"),
                ("Night shift", "nct-wm", "nct-wm.people")
            ],
            "an unknown item, and a framework the bundle does not carry"
        );
        assert!(
            unresolved_ratings(&entries, &[]).is_empty(),
            "a format 1 bundle carries no frameworks, so there is nothing to check against"
        );
    }
}
