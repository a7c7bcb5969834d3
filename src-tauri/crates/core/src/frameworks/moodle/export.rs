//! Writing a framework as a Moodle competency framework CSV that Moodle's importer accepts:
//! Moodle's header, the framework row, then one row per item, parents first. Descriptions are
//! written as Markdown (Moodle's format 4), so they come back exactly as they were.

use std::collections::{HashMap, HashSet};

use super::csv::write_record;
use super::scale::write_scale;
use super::{FORMAT_MARKDOWN, HEADER, SOURCE_PREFIX, TAXONOMIES};
use crate::frameworks::Framework;

/// The framework as Moodle CSV. Items keep their Moodle ID numbers (`source_id`) where they
/// have one, so importing the result gives the same framework back.
pub fn to_moodle_csv(fw: &Framework) -> String {
    let mut out = String::new();
    write_record(&mut out, &HEADER);
    let id_number = fw
        .source
        .as_deref()
        .and_then(|s| s.strip_prefix(SOURCE_PREFIX))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&fw.id);
    let (values, config) = write_scale(fw.scale());
    let format = FORMAT_MARKDOWN.to_string();
    // Moodle accepts only its own terms; a level named otherwise is a "competency".
    let taxonomy = fw
        .levels
        .iter()
        .map(|level| {
            let term = level.trim().to_lowercase();
            if TAXONOMIES.contains(&term.as_str()) {
                term
            } else {
                "competency".to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    write_record(
        &mut out,
        &[
            "",
            id_number,
            &fw.title,
            &fw.description,
            &format,
            &values,
            &config,
            "",
            "",
            "",
            "",
            "",
            "1",
            &taxonomy,
        ],
    );
    let id_numbers = id_numbers(fw);
    let number_of = |id: &str| id_numbers.get(id).map_or("", String::as_str);
    for item in &fw.items {
        let refs = item
            .refs
            .iter()
            .filter(|r| id_numbers.contains_key(r.as_str()))
            .map(|r| number_of(r).replace(',', "%2C"))
            .collect::<Vec<_>>()
            .join(",");
        write_record(
            &mut out,
            &[
                item.parent.as_deref().map_or("", number_of),
                number_of(&item.id),
                &item.title,
                &item.description,
                &format,
                "",
                "",
                "",
                "0",
                "null",
                &refs,
                "",
                "",
                "",
            ],
        );
    }
    out
}

/// Each item's Moodle ID number: its source id, or its id without the framework's prefix,
/// made unique with `-2`, `-3`, ... since Moodle needs them unique within a framework.
fn id_numbers(fw: &Framework) -> HashMap<&str, String> {
    let prefix = format!("{}.", fw.id);
    let mut used = HashSet::new();
    // The next suffix to try for each base, so many clashing numbers stay linear.
    let mut suffix: HashMap<&str, usize> = HashMap::new();
    let mut numbers = HashMap::with_capacity(fw.items.len());
    for item in &fw.items {
        let base = item
            .source_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| item.id.strip_prefix(&prefix).unwrap_or(&item.id));
        let mut number = base.to_owned();
        let n = suffix.entry(base).or_insert(2);
        while used.contains(&number) {
            number = format!("{base}-{n}");
            *n += 1;
        }
        used.insert(number.clone());
        numbers.insert(item.id.as_str(), number);
    }
    numbers
}
