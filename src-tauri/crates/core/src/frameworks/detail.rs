//! A framework as the Frameworks screen shows it in full: every item at its depth, with its
//! description rendered through the sanitiser (publishers' Markdown is untrusted), its cross
//! references named, and whether evidence is rated against it.

use serde::Serialize;
use ts_rs::TS;

use super::Framework;
use crate::markdown;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkDetail {
    pub id: String,
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    /// Sanitised HTML.
    pub description_html: String,
    pub source: Option<String>,
    pub levels: Vec<String>,
    pub scale_name: String,
    pub scale: Vec<String>,
    pub items: Vec<DetailItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DetailItem {
    pub id: String,
    /// 1 at the top level.
    pub depth: u32,
    /// The name of its level, when the framework names its levels that deep.
    pub level: Option<String>,
    pub title: String,
    /// Sanitised HTML; empty when the item has no description.
    pub description_html: String,
    /// The items it refers to, by title.
    pub refs: Vec<String>,
    /// The id it had where it came from (a Moodle id number, a Mahara element id).
    pub source_id: Option<String>,
    /// Evidence is rated against it (it has no children).
    pub rated: bool,
}

impl FrameworkDetail {
    pub fn of(fw: &Framework) -> Self {
        let depths = fw.depths();
        let leaves: std::collections::HashSet<&str> = fw.items().iter().map(|i| i.id).collect();
        let render = |text: &str| {
            if text.trim().is_empty() {
                String::new()
            } else {
                markdown::render(text)
            }
        };
        let scale = fw.scale();
        Self {
            id: fw.id.clone(),
            version: fw.version.clone(),
            title: fw.title.clone(),
            publisher: fw.publisher.clone(),
            licence: fw.licence.clone(),
            description_html: render(&fw.description),
            source: fw.source.clone(),
            levels: fw.levels.clone(),
            scale_name: scale.name.clone(),
            scale: scale.levels.iter().map(|l| l.label.clone()).collect(),
            items: fw
                .items
                .iter()
                .map(|i| {
                    let depth = depths.get(i.id.as_str()).copied().unwrap_or(1);
                    DetailItem {
                        id: i.id.clone(),
                        depth: u32::try_from(depth).unwrap_or(1),
                        level: fw.levels.get(depth - 1).cloned(),
                        title: i.title.clone(),
                        description_html: render(&i.description),
                        refs: i
                            .refs
                            .iter()
                            .map(|r| fw.item(r).map_or_else(|| r.clone(), |t| t.title.clone()))
                            .collect(),
                        source_id: i.source_id.clone(),
                        rated: leaves.contains(i.id.as_str()),
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frameworks::parse_framework;

    #[test]
    fn descriptions_are_sanitised_and_references_named() {
        let fw = parse_framework(
            "x.toml",
            r#"format = 2
id = "x"
version = "1.0.0"
title = "X"
publisher = "P"
licence = "L"
levels = ["Standard", "Indicator"]
[[items]]
id = "x.a"
title = "Alpha"
description = "Plan **early**. <script>alert(1)</script>"
refs = ["x.b"]
[[items]]
id = "x.a.one"
parent = "x.a"
title = "One"
[[items]]
id = "x.b"
title = "Beta"
"#,
        )
        .expect("valid");
        let detail = FrameworkDetail::of(&fw);
        let alpha = &detail.items[0];
        assert!(
            alpha.description_html.contains("<strong>early</strong>"),
            "{alpha:?}"
        );
        assert!(
            !alpha.description_html.contains("<script"),
            "sanitised: {alpha:?}"
        );
        assert_eq!(alpha.refs, ["Beta"], "a reference is named by its title");
        assert_eq!(
            (alpha.level.as_deref(), alpha.rated),
            (Some("Standard"), false)
        );
        let one = &detail.items[1];
        assert_eq!(
            (one.depth, one.level.as_deref(), one.rated),
            (2, Some("Indicator"), true)
        );
        assert_eq!(detail.items[2].depth, 1, "a top-level leaf");
        assert!(
            detail.items[2].rated,
            "rated against when it has no children"
        );
    }
}
