//! Mapping a parsed feed to entries: journal posts and plain entries become entries (title,
//! date from `published`, content to Markdown, tags from scheme-less categories, the kind and
//! ratings from Ward to Board's own categories), files linked from them become attachments.
//! Everything else is left out with a warning that says why. A link that would leave the
//! archive refuses the whole file.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate};

use super::feed::{Feed, FeedEntry};
use super::import::{imported_uid, Leap2aPlan, Leap2aSource, PlannedEntry, PlannedFile};
use super::links::{target, Target};
use super::{Leap2aError, Leap2aWarning, BEHAVIOUR_SCHEME, ENTRY_ID_PREFIX, KIND_SCHEME};
use crate::frameworks::Framework;
use crate::markdown::html_to_markdown;
use crate::portfolio::{
    check_attachment, checked_draft, study_entry_title, BehaviourRating, EntryDraft, EntryKind,
    MAX_ATTACHMENT_BYTES, MAX_TAGS, MAX_TAG_CHARS,
};

/// Relations from an entry to a file entry that make the file an attachment: Mahara writes
/// `related`; Leap2A also has `has_part`, and an `enclosure` may name a file entry.
const ATTACHING_RELS: [&str; 4] = [
    "related",
    "enclosure",
    "leap2:has_part",
    "leap2:has_attachment",
];

pub(super) fn plan_entries(
    feed: &Feed,
    source: &mut Leap2aSource,
    frameworks: &[Framework],
) -> Result<Leap2aPlan, Leap2aError> {
    let by_id: HashMap<&str, &FeedEntry> = feed
        .entries
        .iter()
        .filter(|e| !e.id.is_empty())
        .map(|e| (e.id.as_str(), e))
        .collect();
    let mut warnings = Vec::new();
    if let Some(version) = feed
        .version
        .as_deref()
        .filter(|v| v.trim() != super::LEAP2_VERSION)
    {
        warnings.push(Leap2aWarning::new(
            source.file(),
            format!("says it is Leap2A version {version}; it was read as the 2010-07 version"),
        ));
    }
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    let mut attached = HashSet::new();
    for entry in &feed.entries {
        let at = place(entry);
        if is_resource(entry) || is_container(entry) {
            continue;
        }
        if let Some(why) = not_an_entry(entry) {
            warnings.push(Leap2aWarning::new(at, why));
            continue;
        }
        if entry.id.is_empty() || !seen.insert(entry.id.as_str()) {
            warnings.push(Leap2aWarning::new(
                at,
                "has no id of its own (or the same id as another entry), so a second import \
                 could not recognise it: not imported",
            ));
            continue;
        }
        let Some(date) = entry_date(entry) else {
            warnings.push(Leap2aWarning::new(
                at,
                "has no date it was published: not imported",
            ));
            continue;
        };
        let mut draft = EntryDraft::new(kind_of(entry), title_of(entry), date);
        draft.body = body_of(entry);
        draft.tags = tags_of(entry, &at, &mut warnings);
        draft.behaviours = ratings_of(entry, frameworks, &at, &mut warnings);
        let mut files = Vec::new();
        for (href, name) in file_links(entry, &by_id, &mut attached) {
            if let Some(file) = checked_file(source, entry, &href, name, &mut warnings)? {
                files.push(file);
            }
        }
        let draft = match checked_draft(&draft, frameworks) {
            Ok(draft) => draft,
            Err(e) => {
                warnings.push(Leap2aWarning::new(
                    at,
                    format!("{}: not imported", e.message),
                ));
                continue;
            }
        };
        entries.push(PlannedEntry {
            uid: imported_uid(&feed.id, &entry.id),
            exported_uid: entry.id.strip_prefix(ENTRY_ID_PREFIX).map(str::to_owned),
            draft,
            files,
        });
    }
    for entry in feed.entries.iter().filter(|e| is_resource(e)) {
        if !attached.contains(entry.id.as_str()) {
            warnings.push(Leap2aWarning::new(
                place(entry),
                "is a file attached to no journal post: not imported",
            ));
        }
    }
    Ok(Leap2aPlan {
        file: source.file().to_owned(),
        feed_id: feed.id.clone(),
        feed_title: feed.title.clone(),
        entries,
        warnings,
    })
}

fn place(entry: &FeedEntry) -> String {
    format!(
        "\"{}\" ({}, line {})",
        entry.title.trim(),
        entry.id,
        entry.line
    )
}

fn has_type(entry: &FeedEntry, kind: &str) -> bool {
    entry.types.iter().any(|t| t == kind)
}

/// A file: a Leap2A resource, or an entry whose content is out of line.
fn is_resource(entry: &FeedEntry) -> bool {
    has_type(entry, "leap2:resource")
        || (entry.types.is_empty() && entry.content.as_ref().is_some_and(|c| c.src.is_some()))
}

/// A Mahara journal: its posts are entries of their own.
fn is_container(entry: &FeedEntry) -> bool {
    has_type(entry, "leap2:selection")
        && entry
            .categories
            .iter()
            .any(|c| c.scheme.as_deref() == Some("categories:selection_type#") && c.term == "Blog")
}

/// Why an entry is not imported as one, if it is not.
fn not_an_entry(entry: &FeedEntry) -> Option<String> {
    if let Some(other) = entry.types.iter().find(|t| *t != "leap2:entry") {
        return Some(format!(
            "is a {other}, not a journal post or entry: Ward to Board imports journal posts \
             and entries only"
        ));
    }
    match &entry.mahara_plugin {
        Some((plugin, kind)) if plugin != "blog" => Some(format!(
            "is Mahara's {plugin} item \"{kind}\" (profile, résumé, comment or plan), not a \
             journal post: not imported"
        )),
        _ => None,
    }
}

fn entry_date(entry: &FeedEntry) -> Option<String> {
    [&entry.published, &entry.updated]
        .into_iter()
        .flatten()
        .find_map(|text| {
            let text = text.trim();
            DateTime::parse_from_rfc3339(text)
                .map(|d| d.date_naive())
                .ok()
                .or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
        })
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn title_of(entry: &FeedEntry) -> String {
    let title = entry.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "Untitled journal post".into()
    } else {
        study_entry_title(title)
    }
}

fn kind_of(entry: &FeedEntry) -> EntryKind {
    entry
        .categories
        .iter()
        .filter(|c| c.scheme.as_deref() == Some(KIND_SCHEME))
        .find_map(|c| EntryKind::parse(c.term.trim()))
        .unwrap_or(EntryKind::Reflection)
}

/// The content as Markdown: HTML converted (scripts and all unknown markup dropped), plain
/// text escaped first so it stays text.
fn body_of(entry: &FeedEntry) -> String {
    let Some(content) = entry.content.as_ref().filter(|c| c.src.is_none()) else {
        return String::new();
    };
    let html = match content.kind.as_str() {
        "html" | "xhtml" => content.text.clone(),
        _ => content
            .text
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", quick_xml::escape::escape(p.trim())))
            .collect(),
    };
    html_to_markdown(&html).trim().to_owned()
}

/// Categories without a scheme are tags (as Mahara reads them), by label if they have one.
fn tags_of(entry: &FeedEntry, at: &str, warnings: &mut Vec<Leap2aWarning>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for category in entry.categories.iter().filter(|c| c.scheme.is_none()) {
        let tag = category.label.as_deref().unwrap_or(&category.term).trim();
        if tag.is_empty() || tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            warnings.push(Leap2aWarning::new(
                at,
                format!("tag \"{tag}\" is longer than {MAX_TAG_CHARS} characters: left off"),
            ));
        } else if tags.len() == MAX_TAGS {
            warnings.push(Leap2aWarning::new(
                at,
                format!("has more than {MAX_TAGS} tags: \"{tag}\" and any after it left off"),
            ));
            break;
        } else {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// Ratings exported by Ward to Board (`framework/behaviour/rating`), where the framework and
/// behaviour are known here and the rating is on its scale.
fn ratings_of(
    entry: &FeedEntry,
    frameworks: &[Framework],
    at: &str,
    warnings: &mut Vec<Leap2aWarning>,
) -> Vec<BehaviourRating> {
    let mut ratings = Vec::new();
    for category in entry
        .categories
        .iter()
        .filter(|c| c.scheme.as_deref() == Some(BEHAVIOUR_SCHEME))
    {
        let mut parts = category.term.rsplitn(3, '/');
        let (rating, behaviour, framework) = (parts.next(), parts.next(), parts.next());
        let known = framework
            .zip(behaviour)
            .zip(rating.and_then(|r| r.parse::<u32>().ok()));
        let fits = known.filter(|((fw, b), rating)| {
            frameworks.iter().any(|f| {
                f.id == *fw
                    && f.leaf(b).is_some()
                    && (1..=f.scale().levels.len() as u32).contains(rating)
            })
        });
        match fits {
            Some(((fw, b), rating))
                if !ratings
                    .iter()
                    .any(|r: &BehaviourRating| r.behaviour_id == b) =>
            {
                ratings.push(BehaviourRating {
                    framework_id: fw.into(),
                    behaviour_id: b.into(),
                    rating,
                    justification: String::new(),
                })
            }
            _ => warnings.push(Leap2aWarning::new(
                at,
                format!(
                    "the rating \"{}\" is not of a framework installed here: left off",
                    category.term
                ),
            )),
        }
    }
    ratings
}

/// The files an entry links to, as (link, name): enclosures naming a file, and relations to
/// file entries (whose title is the file's name, as Mahara writes them).
fn file_links<'f>(
    entry: &FeedEntry,
    by_id: &HashMap<&str, &'f FeedEntry>,
    attached: &mut HashSet<&'f str>,
) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    for link in entry
        .links
        .iter()
        .filter(|l| ATTACHING_RELS.contains(&l.rel.as_str()))
    {
        match by_id.get(link.href.trim()) {
            Some(file) if is_resource(file) => {
                attached.insert(file.id.as_str());
                let href = file
                    .content
                    .as_ref()
                    .and_then(|c| c.src.clone())
                    .or_else(|| {
                        file.links
                            .iter()
                            .find(|l| l.rel == "enclosure")
                            .map(|l| l.href.clone())
                    });
                if let Some(href) = href {
                    found.push((href, Some(file.title.trim().to_owned())));
                }
            }
            Some(_) => {}
            None if link.rel == "enclosure" => found.push((link.href.clone(), None)),
            None => {}
        }
    }
    found
}

/// A linked file checked as an attachment would be; refused if the link leaves the archive.
fn checked_file(
    source: &mut Leap2aSource,
    entry: &FeedEntry,
    href: &str,
    name: Option<String>,
    warnings: &mut Vec<Leap2aWarning>,
) -> Result<Option<PlannedFile>, Leap2aError> {
    let mut skip = |why: String| {
        warnings.push(Leap2aWarning::new(
            href,
            format!("{why}: not attached to {}", place(entry)),
        ));
        Ok(None)
    };
    let path = match target(href) {
        Target::Inside(path) => path,
        Target::Remote => {
            return skip("is a web address, and nothing is fetched from the web".into())
        }
        Target::Escapes(why) => {
            return Err(Leap2aError::Unsafe {
                file: source.file().to_owned(),
                problems: vec![format!("{}: the file link `{href}` {why}", place(entry))],
            })
        }
    };
    let Some(size) = source.size_of(&path) else {
        let why = if source.is_archive() {
            "is not in the zip"
        } else {
            "cannot be read from a bare leap2a.xml"
        };
        return skip(why.into());
    };
    let from_path = path.rsplit('/').next().unwrap_or(&path).to_owned();
    let name = name
        .filter(|n| n.contains('.') && !n.contains(['/', '\\']))
        .unwrap_or(from_path);
    if size > MAX_ATTACHMENT_BYTES as u64 {
        return skip(format!(
            "is {} MB; attachments can be up to {} MB",
            size.div_ceil(1_048_576),
            MAX_ATTACHMENT_BYTES / 1_048_576
        ));
    }
    let bytes = source.read_file(&path)?;
    if let Err(e) = check_attachment(&name, &bytes) {
        return skip(e.to_string());
    }
    Ok(Some(PlannedFile { name, path }))
}
