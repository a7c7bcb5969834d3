//! The structured reflection forms: their sections, with prompts in our own words, and the
//! NMC Code's four themes for the written reflective account.

use super::{Reflection, ReflectionTemplate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSection {
    pub id: &'static str,
    pub title: &'static str,
    /// A question to start the learner writing.
    pub prompt: &'static str,
}

const fn section(id: &'static str, title: &'static str, prompt: &'static str) -> TemplateSection {
    TemplateSection { id, title, prompt }
}

static GIBBS: [TemplateSection; 6] = [
    section("description", "Description", "What happened? Set the scene: who was there, what you did, what the outcome was."),
    section("feelings", "Feelings", "What were you thinking and feeling at the time, and afterwards?"),
    section("evaluation", "Evaluation", "What went well, and what went less well?"),
    section("analysis", "Analysis", "Why did it go that way? What helps you make sense of it: evidence, policy, a lesson, other people's views?"),
    section("conclusion", "Conclusion", "What else could you have done? What have you learned?"),
    section("action_plan", "Action plan", "If it happened again, what would you do? What will you do next, and by when?"),
];

static WHAT_SO_WHAT: [TemplateSection; 3] = [
    section(
        "what",
        "What?",
        "Describe the event or experience plainly: what happened, and your part in it.",
    ),
    section(
        "so_what",
        "So what?",
        "Why does it matter? What does it tell you about your practice, your team or the service?",
    ),
    section(
        "now_what",
        "Now what?",
        "What will you do differently, what do you need to learn, and how will you know it worked?",
    ),
];

static NMC: [TemplateSection; 4] = [
    section("nature", "The activity, feedback or experience", "What was it? Describe the CPD, the practice-related feedback, or the event in your practice."),
    section("learning", "What you learned", "What did you learn from it?"),
    section("change", "How your practice changed", "What did you change or improve in your practice as a result?"),
    section("code", "How it relates to the Code", "How is this relevant to the Code? Choose one or more themes below and say why."),
];

/// The NMC Code's four themes: (id, title).
static CODE_THEMES: [(&str, &str); 4] = [
    ("prioritise_people", "Prioritise people"),
    ("practise_effectively", "Practise effectively"),
    ("preserve_safety", "Preserve safety"),
    (
        "promote_professionalism",
        "Promote professionalism and trust",
    ),
];

pub fn template_sections(template: ReflectionTemplate) -> &'static [TemplateSection] {
    match template {
        ReflectionTemplate::Gibbs => &GIBBS,
        ReflectionTemplate::WhatSoWhat => &WHAT_SO_WHAT,
        ReflectionTemplate::Nmc => &NMC,
    }
}

pub fn template_title(template: ReflectionTemplate) -> &'static str {
    match template {
        ReflectionTemplate::Gibbs => "Gibbs' reflective cycle",
        ReflectionTemplate::WhatSoWhat => "What? So what? Now what?",
        ReflectionTemplate::Nmc => "NMC written reflective account",
    }
}

pub fn code_themes() -> &'static [(&'static str, &'static str)] {
    &CODE_THEMES
}

impl Reflection {
    /// Every section of the reflection's template, in the template's order, with what the
    /// learner wrote in it. A section left out of the stored reflection reads as empty, so the
    /// app and a bundle both show the whole form and never a section the template lacks.
    pub fn section_texts(&self) -> impl Iterator<Item = (&'static TemplateSection, String)> + '_ {
        template_sections(self.template).iter().map(|t| {
            let text = self
                .sections
                .iter()
                .find(|sec| sec.id == t.id)
                .map(|sec| sec.text.clone())
                .unwrap_or_default();
            (t, text)
        })
    }

    /// The titles of the Code themes chosen, in the Code's order; an unknown id is dropped.
    pub fn code_theme_titles(&self) -> Vec<String> {
        code_themes()
            .iter()
            .filter(|(id, _)| self.code_themes.iter().any(|c| c == id))
            .map(|(_, title)| (*title).to_owned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_ids_are_unique_within_each_template() {
        for t in [
            ReflectionTemplate::Gibbs,
            ReflectionTemplate::WhatSoWhat,
            ReflectionTemplate::Nmc,
        ] {
            let ids: std::collections::HashSet<_> =
                template_sections(t).iter().map(|s| s.id).collect();
            assert_eq!(
                ids.len(),
                template_sections(t).len(),
                "{t:?}: a section id names one section"
            );
        }
        assert_eq!(
            template_sections(ReflectionTemplate::Gibbs).len(),
            6,
            "Gibbs has six stages"
        );
        assert_eq!(
            template_sections(ReflectionTemplate::Nmc).len(),
            4,
            "the NMC form has four parts"
        );
        assert_eq!(code_themes().len(), 4, "the Code has four themes");
    }
}
