//! Writing a framework back as a format-2 file: what converters produce, what bundles and the
//! database's content hash are made from. The same framework always gives the same text.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Framework, FRAMEWORK_FORMAT};

#[derive(Serialize)]
struct Out<'a> {
    format: u32,
    id: &'a str,
    version: &'a str,
    title: &'a str,
    publisher: &'a str,
    licence: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    levels: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<ScaleOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    replaces: &'a BTreeMap<String, String>,
    items: Vec<ItemOut<'a>>,
}

#[derive(Serialize)]
struct ScaleOut<'a> {
    name: &'a str,
    levels: Vec<LevelOut<'a>>,
}

#[derive(Serialize)]
struct LevelOut<'a> {
    value: u32,
    label: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    refs: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source_id: Option<&'a str>,
}

/// The framework as a format-2 file (retired items are not part of a file).
pub fn to_toml(fw: &Framework) -> String {
    let out = Out {
        format: FRAMEWORK_FORMAT,
        id: &fw.id,
        version: &fw.version,
        title: &fw.title,
        publisher: &fw.publisher,
        licence: &fw.licence,
        description: &fw.description,
        source: fw.source.as_deref(),
        levels: &fw.levels,
        scale: fw.scale.as_ref().map(|s| ScaleOut {
            name: &s.name,
            levels: s
                .levels
                .iter()
                .map(|l| LevelOut {
                    value: l.value,
                    label: &l.label,
                    description: &l.description,
                })
                .collect(),
        }),
        replaces: &fw.replaces,
        items: fw
            .items
            .iter()
            .map(|i| ItemOut {
                id: &i.id,
                parent: i.parent.as_deref(),
                title: &i.title,
                description: &i.description,
                refs: &i.refs,
                source_id: i.source_id.as_deref(),
            })
            .collect(),
    };
    // Serialising plain strings, numbers and lists cannot fail.
    toml::to_string(&out).unwrap_or_default()
}

/// SHA-256 of the canonical file, in hex: two files with the same framework have the same hash.
pub fn content_hash(fw: &Framework) -> String {
    hex::encode(Sha256::digest(to_toml(fw).as_bytes()))
}
