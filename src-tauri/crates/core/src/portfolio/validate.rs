//! What makes an entry's draft valid, decided without the database: limits on its parts, real
//! dates, known reflection sections and Code themes, ratings on a framework's scale. A refusal
//! names the field (the names documented on `EntryDraft`) and says what to do.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{code_themes, template_sections, CpdTime, EntryDraft, EntryLesson, Reflection};
use crate::frameworks::Framework;
use crate::problems::FieldError;

/// Longest title kept; a title is a line, not a paragraph.
pub const MAX_TITLE_CHARS: usize = 200;
/// The body and each reflection section together: far more than anyone types.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
pub const MAX_TAGS: usize = 30;
pub const MAX_TAG_CHARS: usize = 40;
/// A day's worth of CPD at most per entry, in minutes, to catch typing hours as minutes.
pub const MAX_CPD_MINUTES: u32 = 24 * 60;

type Checked<T> = Result<T, FieldError>;

fn refuse<T>(field: &str, message: String) -> Checked<T> {
    Err(FieldError::new(field, message))
}

/// The draft tidied (title trimmed, tags de-duplicated, lessons linked once) and checked
/// against the installed `frameworks`; the first fault found is returned, naming its field.
pub fn checked_draft(draft: &EntryDraft, frameworks: &[Framework]) -> Checked<EntryDraft> {
    let mut draft = draft.clone();
    draft.title = checked_title(&draft.title)?;
    check_date(&draft.date)?;
    if let Some(reflection) = &draft.reflection {
        check_reflection(reflection)?;
    }
    check_text_size(&draft)?;
    draft.tags = checked_tags(&draft.tags)?;
    check_cpd(&draft.cpd)?;
    check_behaviours(&draft, frameworks)?;
    let mut linked = HashSet::new();
    draft
        .lessons
        .retain(|l: &EntryLesson| linked.insert(l.clone()));
    Ok(draft)
}

fn checked_title(title: &str) -> Checked<String> {
    let title = title.trim();
    if title.is_empty() {
        return refuse(
            "title",
            "Title: give the entry a title, so you can find it again".into(),
        );
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return refuse(
            "title",
            format!(
                "Title: keep it to {MAX_TITLE_CHARS} characters; put the detail in the description"
            ),
        );
    }
    Ok(title.to_owned())
}

fn check_date(date: &str) -> Checked<()> {
    if NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
        return refuse(
            "date",
            format!("Date: `{date}` is not a real date. Enter the day, month and year it happened"),
        );
    }
    Ok(())
}

fn check_reflection(reflection: &Reflection) -> Checked<()> {
    let known: HashSet<&str> = template_sections(reflection.template)
        .iter()
        .map(|s| s.id)
        .collect();
    if let Some(section) = reflection
        .sections
        .iter()
        .find(|s| !known.contains(s.id.as_str()))
    {
        return refuse(
            "reflection",
            format!("Reflection: `{}` is not part of this form", section.id),
        );
    }
    let themes: HashSet<&str> = code_themes().iter().map(|t| t.0).collect();
    if let Some(theme) = reflection
        .code_themes
        .iter()
        .find(|t| !themes.contains(t.as_str()))
    {
        return refuse(
            "reflection",
            format!("Reflection: `{theme}` is not a theme of the Code"),
        );
    }
    Ok(())
}

/// Everything written in the entry counts: body, reflection, shadowing and justifications.
fn check_text_size(draft: &EntryDraft) -> Checked<()> {
    let mut text = draft.body.len();
    if let Some(reflection) = &draft.reflection {
        text += reflection
            .sections
            .iter()
            .map(|s| s.text.len())
            .sum::<usize>();
    }
    if let Some(s) = &draft.shadowing {
        text += s.partner_role.len() + s.i_learned.len() + s.they_learned.len();
    }
    text += draft
        .behaviours
        .iter()
        .map(|b| b.justification.len())
        .sum::<usize>();
    if text > MAX_TEXT_BYTES {
        return refuse(
            "body",
            format!(
                "The entry's text is {} KB; an entry can hold up to {} KB. Split it into two entries, or attach the long document",
                text / 1024,
                MAX_TEXT_BYTES / 1024
            ),
        );
    }
    Ok(())
}

/// Tags as kept: trimmed, without a leading `#`, once each whatever the case.
fn checked_tags(tags: &[String]) -> Checked<Vec<String>> {
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
    for tag in tags {
        let tag = tag.trim().trim_start_matches('#').trim();
        if tag.is_empty() || !seen.insert(tag.to_lowercase()) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return refuse(
                "tags",
                format!("Tags: `{tag}` is longer than {MAX_TAG_CHARS} characters"),
            );
        }
        kept.push(tag.to_owned());
    }
    if kept.len() > MAX_TAGS {
        return refuse(
            "tags",
            format!("Tags: an entry can have up to {MAX_TAGS} tags"),
        );
    }
    Ok(kept)
}

fn check_cpd(cpd: &CpdTime) -> Checked<()> {
    if cpd.total_minutes() > MAX_CPD_MINUTES {
        return refuse(
            "cpd",
            format!(
                "CPD time: {} hours is more than a day. Log a course that ran over several days as one entry per day, or check you entered hours, not minutes",
                cpd.total_minutes() / 60
            ),
        );
    }
    Ok(())
}

/// Ratings name an installed framework and one of its items (or an item a newer version
/// removed, so an old entry can still be edited), on its scale, once each.
fn check_behaviours(draft: &EntryDraft, frameworks: &[Framework]) -> Checked<()> {
    let mut rated = HashSet::new();
    for b in &draft.behaviours {
        let Some(fw) = frameworks.iter().find(|f| f.id == b.framework_id) else {
            return refuse(
                "behaviours",
                format!("Behaviours: there is no framework `{}`", b.framework_id),
            );
        };
        // Any mappable item: one that gained children in a newer version stays valid on the
        // entries that already rate it.
        let retired = fw.retired.iter().any(|r| r.id == b.behaviour_id);
        if !retired && !fw.is_mappable(&b.behaviour_id) {
            return refuse(
                "behaviours",
                format!(
                    "Behaviours: `{}` is not in the {}",
                    b.behaviour_id, fw.title
                ),
            );
        }
        let top = fw.scale().levels.len() as u32;
        if b.rating < 1 || b.rating > top {
            return refuse(
                "behaviours",
                format!(
                    "Behaviours: rate `{}` from 1 to {top} on the {} scale",
                    b.behaviour_id,
                    fw.scale().name
                ),
            );
        }
        if !rated.insert(b.behaviour_id.as_str()) {
            return refuse(
                "behaviours",
                format!("Behaviours: `{}` is rated twice", b.behaviour_id),
            );
        }
    }
    Ok(())
}

/// A CPD record's title as an entry's: a day of many lessons makes a record title longer than
/// an entry's may be, so it is cut short with an ellipsis.
pub fn study_entry_title(title: String) -> String {
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title;
    }
    let mut short: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::{
        BehaviourRating, EntryKind, EntrySnapshot, ReflectionSection, ReflectionTemplate,
    };

    /// A valid draft with a tag, a rated behaviour and a lesson linked twice.
    fn valid() -> EntryDraft {
        let mut draft = EntrySnapshot {
            kind: EntryKind::Reflection,
            title: "  A valid title ".into(),
            date: "2026-11-20".into(),
            body: String::new(),
            reflection: None,
            tags: vec!["kept".into()],
            cpd: CpdTime::default(),
            shadowing: None,
            feedback_source: None,
            behaviours: vec![BehaviourRating {
                framework_id: "cmpf".into(),
                behaviour_id: "cmpf.people.wellbeing".into(),
                rating: 2,
                justification: "I noticed".into(),
            }],
            lessons: vec![],
            attachments: vec![],
        }
        .to_draft();
        let lesson = EntryLesson {
            pack_id: "core".into(),
            lesson_id: "lm-one-to-ones".into(),
        };
        draft.lessons = vec![lesson.clone(), lesson];
        draft
    }

    #[test]
    fn a_valid_draft_is_tidied() {
        let mut draft = valid();
        draft.tags = vec![
            "Handover".into(),
            "handover".into(),
            " #Safety ".into(),
            "".into(),
        ];
        let checked =
            checked_draft(&draft, crate::frameworks::builtin()).expect("the draft is valid");
        assert_eq!(checked.title, "A valid title", "the title is trimmed");
        assert_eq!(
            checked.tags,
            ["Handover", "Safety"],
            "tags are kept once each, without #, blanks dropped"
        );
        assert_eq!(checked.lessons.len(), 1, "a lesson is linked once");
    }

    #[test]
    fn each_fault_is_refused_naming_its_field() {
        type Spoil = fn(&mut EntryDraft);
        let cases: [(&str, &str, &str, Spoil); 13] = [
            ("an empty title", "title", "Title:", |d| {
                d.title = "   ".into()
            }),
            ("a title that is a paragraph", "title", "Title:", |d| {
                d.title = "x".repeat(MAX_TITLE_CHARS + 1)
            }),
            ("a date that never was", "date", "Date:", |d| {
                d.date = "2026-02-30".into()
            }),
            ("a date written another way", "date", "Date:", |d| {
                d.date = "20/11/2026".into()
            }),
            ("a rating off the scale", "behaviours", "Behaviours:", |d| {
                d.behaviours[0].rating = 5
            }),
            ("a rating of nought", "behaviours", "Behaviours:", |d| {
                d.behaviours[0].rating = 0
            }),
            (
                "a behaviour the framework lacks",
                "behaviours",
                "Behaviours:",
                |d| d.behaviours[0].behaviour_id = "cmpf.people.telepathy".into(),
            ),
            (
                "a behaviour rated twice",
                "behaviours",
                "Behaviours:",
                |d| d.behaviours.push(d.behaviours[0].clone()),
            ),
            ("more CPD than a day holds", "cpd", "CPD time:", |d| {
                d.cpd.management_minutes = MAX_CPD_MINUTES + 1
            }),
            (
                "a section the form lacks",
                "reflection",
                "Reflection:",
                |d| {
                    d.reflection = Some(Reflection {
                        template: ReflectionTemplate::Gibbs,
                        sections: vec![ReflectionSection {
                            id: "so_what".into(),
                            text: "From another form".into(),
                        }],
                        code_themes: vec![],
                    })
                },
            ),
            (
                "more text than an entry holds",
                "body",
                "The entry's text",
                |d| d.body = "a".repeat(MAX_TEXT_BYTES + 1),
            ),
            ("too many tags", "tags", "Tags:", |d| {
                d.tags = (0..=MAX_TAGS).map(|i| format!("tag{i}")).collect()
            }),
            ("a tag that is a sentence", "tags", "Tags:", |d| {
                d.tags = vec!["t".repeat(MAX_TAG_CHARS + 1)]
            }),
        ];
        for (why, field, words, spoil) in cases {
            let mut draft = valid();
            spoil(&mut draft);
            let error = checked_draft(&draft, crate::frameworks::builtin()).expect_err(why);
            assert_eq!(error.field, field, "{why} names the {field} field");
            assert!(
                error.message.starts_with(words),
                "{why}: the message names the field in words too: {}",
                error.message
            );
        }
    }

    #[test]
    fn a_long_study_title_is_cut_to_fit() {
        let short = study_entry_title("Budgets".into());
        assert_eq!(short, "Budgets", "a title that fits is kept whole");
        let long = study_entry_title("lesson ".repeat(60));
        assert_eq!(
            long.chars().count(),
            MAX_TITLE_CHARS,
            "a long title is cut to the limit"
        );
        assert!(long.ends_with('…'), "and says it was cut");
    }
}
