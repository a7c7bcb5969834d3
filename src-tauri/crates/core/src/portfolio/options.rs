//! What the entry editor offers: kinds, reflection forms, Code themes, frameworks to rate
//! against, lessons to link, and what files may be attached. Kinds come from `EntryKind`, so
//! the UI never keeps its own list.

use serde::Serialize;
use ts_rs::TS;

use super::{code_themes, template_sections, template_title, EntryKind, ReflectionTemplate};
use crate::coverage::FrameworkOutline;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindOption {
    pub kind: EntryKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSectionInfo {
    pub id: String,
    pub title: String,
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub template: ReflectionTemplate,
    pub title: String,
    pub sections: Vec<TemplateSectionInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonChoice {
    pub pack_id: String,
    pub lesson_id: String,
    pub title: String,
    pub module_title: String,
}

/// Everything the entry editor offers: kinds, reflection forms, Code themes, frameworks to
/// rate against, lessons to link, and what files may be attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EditorOptions {
    pub kinds: Vec<KindOption>,
    pub templates: Vec<TemplateInfo>,
    pub code_themes: Vec<Choice>,
    pub frameworks: Vec<FrameworkOutline>,
    pub lessons: Vec<LessonChoice>,
    pub accepted_extensions: Vec<String>,
    pub max_attachment_bytes: u32,
}

/// The parts of `EditorOptions` that need no database.
pub fn static_options() -> (Vec<KindOption>, Vec<TemplateInfo>, Vec<Choice>) {
    let kinds = EntryKind::ALL
        .into_iter()
        .map(|kind| KindOption {
            kind,
            label: kind.label().into(),
        })
        .collect();
    let templates = [
        ReflectionTemplate::Gibbs,
        ReflectionTemplate::WhatSoWhat,
        ReflectionTemplate::Nmc,
    ]
    .into_iter()
    .map(|template| TemplateInfo {
        template,
        title: template_title(template).into(),
        sections: template_sections(template)
            .iter()
            .map(|s| TemplateSectionInfo {
                id: s.id.into(),
                title: s.title.into(),
                prompt: s.prompt.into(),
            })
            .collect(),
    })
    .collect();
    let themes = code_themes()
        .iter()
        .map(|(id, title)| Choice {
            id: (*id).into(),
            title: (*title).into(),
        })
        .collect();
    (kinds, templates, themes)
}
