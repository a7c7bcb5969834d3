//! The page's "Learning completed" section, present only in a bundle whose learner shared
//! their learning summary (format 3); a bundle without one gets the page it always had.

use std::fmt::Write as _;

use super::text::{count, escape, instant_in_words};
use crate::bundle::BundleLearningPack;

pub(super) fn render(out: &mut String, packs: &[BundleLearningPack]) {
    out.push_str(
        "<section class=\"learning\" id=\"learning\" aria-labelledby=\"learning-heading\">\n\
         <h2 id=\"learning-heading\">Learning completed</h2>\n\
         <p>The learner chose to share which lessons of each curriculum pack they have marked \
         complete.</p>\n",
    );
    if packs.is_empty() {
        out.push_str("<p>No curriculum pack was installed.</p>\n</section>\n");
        return;
    }
    for pack in packs {
        let done = u32::try_from(pack.completed.len()).unwrap_or(u32::MAX);
        let _ = write!(
            out,
            "<h3>{title}</h3>\n<p class=\"meta\">Version {version}, from {publisher}: \
             {done} of {total} completed</p>\n",
            title = escape(&pack.title),
            version = escape(&pack.version),
            publisher = escape(&pack.publisher),
            total = count(pack.lessons_total, "lesson", "lessons"),
        );
        if pack.completed.is_empty() {
            out.push_str("<p class=\"muted\">No lessons completed yet.</p>\n");
            continue;
        }
        out.push_str("<ul>\n");
        for lesson in &pack.completed {
            let _ = writeln!(
                out,
                "<li>{title} <span class=\"meta\">completed {when}</span></li>",
                title = escape(&lesson.title),
                when = escape(&instant_in_words(&lesson.completed_at)),
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
