//! Frameworks: the values, domains and behaviours that lessons and portfolio evidence map to,
//! with the rating scale. Frameworks are data, never code: a tree of items of any depth read
//! from a framework file (`file`), written back canonically (`write`), installed into the
//! database like any file a training scheme sends, and compared version to version
//! (`versions`). The app ships three files (`builtin`), installed on first run.

mod builtin;
mod detail;
mod file;
mod mahara;
mod moodle;
mod source;
mod versions;
mod write;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use crate::packs::FrameworkError;
pub use builtin::{builtin, builtin_frameworks, BUILTIN_FRAMEWORK_FILES};
pub use detail::{DetailItem, FrameworkDetail};
pub use file::parse_framework;
pub use mahara::{
    from_mahara_matrix, to_mahara_matrix, MAX_MATRIX_HTML_BYTES, MAX_MATRIX_HTML_DEPTH,
};
pub use moodle::{from_moodle_csv, to_moodle_csv, MAX_CSV_CELL_BYTES};
pub use source::{
    read_framework, DomainSummary, FrameworkPreview, FrameworkSource, FRAMEWORK_EXTENSIONS,
};
pub use versions::{plan_upgrade, retired_after, ItemChange, UpgradePlan, UpgradeRefused};
pub use write::{content_hash, to_toml};

/// The newest framework file format this app reads and the one it writes.
pub const FRAMEWORK_FORMAT: u32 = 2;
/// The most items one framework may have (Moodle frameworks of a few thousand are common).
pub const MAX_ITEMS: usize = 20_000;
/// The deepest nesting: top-level items are depth 1.
pub const MAX_DEPTH: usize = 8;
/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 1_000;
/// The longest description, in bytes of Markdown.
pub const MAX_DESCRIPTION_BYTES: usize = 20_000;
/// The largest framework file read, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The longest id, in bytes.
pub const MAX_ID_BYTES: usize = 200;
/// The most levels a rating scale may have: real ones have three to six.
pub const MAX_SCALE_LEVELS: usize = 20;

/// A framework: what it is, where it comes from, its optional scale and its items in order,
/// each parent before its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    pub id: String,
    /// Semantic version ("1.2.0"): a higher one replaces an installed framework.
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    pub description: String,
    /// Where the structure comes from, for frameworks that are not the publisher's own.
    pub source: Option<String>,
    /// The names of the levels, top first ("Domain", "Element", "Behaviour"); may be shorter
    /// than the tree is deep, or empty.
    pub levels: Vec<String>,
    /// The self-rating scale; `None` means the app's standard scale (`default_scale`).
    pub scale: Option<Scale>,
    pub items: Vec<Item>,
    /// Links to move when this version is installed over an older one: old id → new id.
    pub replaces: BTreeMap<String, String>,
    /// Items earlier versions had that this one does not, kept so evidence mapped to them
    /// still shows what it was. Only an installed framework has them; files never do.
    pub retired: Vec<RetiredItem>,
    /// Where each item is in `items`, built on first look-up (frameworks of thousands of
    /// items are looked up once per rating shown).
    pub index: ItemIndex,
}

/// A lazily built map from item id to its position and whether it has children. It is derived from `items`, so it takes no
/// part in comparing frameworks. Build frameworks with `ItemIndex::default()`, and never
/// change `items` after the first look-up.
#[derive(Clone, Default)]
pub struct ItemIndex(std::sync::OnceLock<HashMap<String, (usize, bool)>>);

impl PartialEq for ItemIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ItemIndex {}

impl std::fmt::Debug for ItemIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ItemIndex")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scale {
    pub name: String,
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Level {
    pub value: u32,
    pub label: String,
    pub description: String,
}

/// One node of the framework's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Starts with the framework's id and a dot.
    pub id: String,
    /// `None` for a top-level item (a domain).
    pub parent: Option<String>,
    pub title: String,
    /// Plain text or Markdown; sanitised wherever it is shown.
    pub description: String,
    /// Other items of the same framework this one relates to.
    pub refs: Vec<String>,
    /// The id the item had where it came from (a Moodle id number, a Mahara element id), so
    /// a converted framework can be traced back.
    pub source_id: Option<String>,
}

/// An item a newer version removed: evidence mapped to it keeps showing its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetiredItem {
    pub id: String,
    pub title: String,
    /// The version that no longer has it.
    pub removed_in: String,
}

/// One thing evidence can be mapped to and is counted for coverage (a leaf of the tree: a
/// behaviour, or an element where the framework names no behaviours), with its top-level
/// item (its domain) and its element (its parent, or itself when its parent is a domain).
#[derive(Debug, Clone, Copy)]
pub struct FrameworkItem<'a> {
    pub domain: &'a Item,
    pub element: &'a Item,
    pub id: &'a str,
    pub statement: &'a str,
}

/// The scale a framework without one of its own is rated on.
pub fn default_scale() -> &'static Scale {
    static SCALE: std::sync::OnceLock<Scale> = std::sync::OnceLock::new();
    SCALE.get_or_init(|| Scale {
        name: "Ward to Board self-rating".into(),
        levels: [
            (
                "Not yet",
                "I have had little chance to show this yet, or I need support to do it.",
            ),
            (
                "Developing",
                "I show this in familiar situations but not yet consistently.",
            ),
            (
                "Confident",
                "I show this consistently, including under pressure.",
            ),
            (
                "Leading",
                "I help others to show this and shape how my team works.",
            ),
        ]
        .iter()
        .zip(1..)
        .map(|((label, description), value)| Level {
            value,
            label: (*label).into(),
            description: (*description).into(),
        })
        .collect(),
    })
}

impl Framework {
    /// The scale ratings use: the framework's own, or the app's standard one.
    pub fn scale(&self) -> &Scale {
        self.scale.as_ref().unwrap_or_else(|| default_scale())
    }

    /// The top-level items, in order.
    pub fn domains(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.parent.is_none())
    }

    fn indexed(&self, id: &str) -> Option<(&Item, bool)> {
        let index = self.index.0.get_or_init(|| {
            let parents: HashSet<&str> = self
                .items
                .iter()
                .filter_map(|i| i.parent.as_deref())
                .collect();
            (0..)
                .zip(&self.items)
                .map(|(n, i)| (i.id.clone(), (n, parents.contains(i.id.as_str()))))
                .collect()
        });
        let (n, has_children) = index.get(id)?;
        Some((self.items.get(*n)?, *has_children))
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.indexed(id).map(|(item, _)| item)
    }

    /// The item with this id as evidence is counted against it (with its domain and element),
    /// if it is one of the leaves.
    pub fn leaf(&self, id: &str) -> Option<FrameworkItem<'_>> {
        let (item, has_children) = self.indexed(id)?;
        if has_children {
            return None;
        }
        let element = item
            .parent
            .as_deref()
            .and_then(|p| self.item(p))
            .filter(|parent| parent.parent.is_some())
            .unwrap_or(item);
        let mut domain = item;
        // Depth is at most MAX_DEPTH in a checked framework; the bound also stops a loop in
        // one built by hand.
        for _ in 0..=MAX_DEPTH {
            match domain.parent.as_deref().and_then(|p| self.item(p)) {
                Some(parent) => domain = parent,
                None => break,
            }
        }
        Some(FrameworkItem {
            domain,
            element,
            id: &item.id,
            statement: &item.title,
        })
    }

    /// The children of `id`, in order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |i| i.parent.as_deref() == Some(id))
    }

    /// How deep each item sits (top level is 1), by id.
    pub fn depths(&self) -> HashMap<&str, usize> {
        let mut depths: HashMap<&str, usize> = HashMap::with_capacity(self.items.len());
        for item in &self.items {
            let depth = item
                .parent
                .as_deref()
                .and_then(|p| depths.get(p))
                .map_or(1, |d| d + 1);
            depths.insert(&item.id, depth);
        }
        depths
    }

    /// Whether a lesson or entry may map to `id` (see `mappable_ids`), in one look-up.
    pub fn is_mappable(&self, id: &str) -> bool {
        self.indexed(id)
            .is_some_and(|(item, has_children)| item.parent.is_some() || !has_children)
    }

    /// Every id a lesson or entry may map to: every item but a top-level item with children
    /// (domains group; a framework of one level maps to its top-level items).
    pub fn mappable_ids(&self) -> HashSet<&str> {
        let parents: HashSet<&str> = self
            .items
            .iter()
            .filter_map(|i| i.parent.as_deref())
            .collect();
        self.items
            .iter()
            .filter(|i| i.parent.is_some() || !parents.contains(i.id.as_str()))
            .map(|i| i.id.as_str())
            .collect()
    }

    /// The items evidence is counted against (the leaves), in order, each with its domain and
    /// parent.
    pub fn items(&self) -> Vec<FrameworkItem<'_>> {
        let by_id: HashMap<&str, &Item> = self.items.iter().map(|i| (i.id.as_str(), i)).collect();
        let parents: HashSet<&str> = self
            .items
            .iter()
            .filter_map(|i| i.parent.as_deref())
            .collect();
        let mut leaves = Vec::new();
        for item in self
            .items
            .iter()
            .filter(|i| !parents.contains(i.id.as_str()))
        {
            // The element is the leaf's parent, unless that is a domain: a leaf just below a
            // domain (an element with no behaviours) is its own element.
            let element = item
                .parent
                .as_deref()
                .and_then(|p| by_id.get(p).copied())
                .filter(|parent| parent.parent.is_some())
                .unwrap_or(item);
            let mut domain = item;
            while let Some(parent) = domain.parent.as_deref().and_then(|p| by_id.get(p)) {
                domain = parent;
            }
            leaves.push(FrameworkItem {
                domain,
                element,
                id: &item.id,
                statement: &item.title,
            });
        }
        leaves
    }

    /// The title of a mapped id: the item's, or a retired item's with the version that
    /// removed it.
    pub fn title_of(&self, id: &str) -> Option<(&str, Option<&str>)> {
        self.item(id).map(|i| (i.title.as_str(), None)).or_else(|| {
            self.retired
                .iter()
                .find(|r| r.id == id)
                .map(|r| (r.title.as_str(), Some(r.removed_in.as_str())))
        })
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_limits;
