//! One entry as an `<article>`: its details, what was written (Markdown, sanitised), the
//! structured reflection, behaviours, lessons and attachments.

use std::fmt::Write as _;

use super::or_not_recorded;
use super::text::{
    attachment_href, code_theme, date_in_words, duration, entry_id, escape, feedback_source,
    file_kind, file_size,
};
use crate::bundle::{BundleAttachment, BundleEntry, BundleRating, BundleShadowing};
use crate::markdown;

/// The entry's title, or words saying it has none.
pub(super) fn title(entry: &BundleEntry) -> String {
    if entry.title.trim().is_empty() {
        "Untitled entry".to_owned()
    } else {
        entry.title.clone()
    }
}

pub(super) fn kind(entry: &BundleEntry) -> String {
    if entry.kind_label.trim().is_empty() {
        entry.kind.clone()
    } else {
        entry.kind_label.clone()
    }
}

pub(super) fn render(out: &mut String, entry: &BundleEntry, index: usize) {
    let id = entry_id(&entry.uid);
    let _ = write!(
        out,
        "<article class=\"entry\" id=\"{id}\" aria-labelledby=\"{id}-title\">\n\
         <header>\n<p class=\"caption\">{kind}</p>\n<h2 id=\"{id}-title\">{title}</h2>\n</header>\n\
         <dl class=\"details\">\n\
         <div><dt>Kind</dt><dd>{kind}</dd></div>\n\
         <div><dt>Date</dt><dd>{date}</dd></div>\n\
         <div><dt>Version</dt><dd>version {version}</dd></div>\n\
         <div><dt>CPD time</dt><dd>{cpd}</dd></div>\n",
        kind = escape(&kind(entry)),
        title = escape(&title(entry)),
        date = escape(&date_in_words(&entry.date)),
        version = entry.version,
        cpd = escape(&cpd(entry)),
    );
    if let Some(source) = &entry.feedback_source {
        let _ = writeln!(
            out,
            "<div><dt>Feedback from</dt><dd>{}</dd></div>",
            escape(feedback_source(source))
        );
    }
    if !entry.tags.is_empty() {
        out.push_str("<div><dt>Tags</dt><dd><ul class=\"tags\">");
        for tag in &entry.tags {
            let _ = write!(out, "<li>{}</li>", escape(tag));
        }
        out.push_str("</ul></dd></div>\n");
    }
    if entry.from_study {
        out.push_str(
            "<div><dt>Made from</dt><dd>Study time logged on the learning path</dd></div>\n",
        );
    }
    out.push_str("</dl>\n");

    let mut written = false;
    if !entry.body.trim().is_empty() {
        out.push_str("<section class=\"part\">\n<h3>Written account</h3>\n");
        markdown_block(out, &entry.body, &format!("{index}-body"));
        out.push_str("</section>\n");
        written = true;
    }
    if let Some(reflection) = &entry.reflection {
        let _ = writeln!(
            out,
            "<section class=\"part reflection\">\n<h3><span class=\"caption\">Structured reflection</span> {}</h3>",
            escape(&reflection.template_title)
        );
        for (n, section) in reflection.sections.iter().enumerate() {
            let _ = writeln!(out, "<h4>{}</h4>", escape(&section.title));
            if section.text.trim().is_empty() {
                out.push_str("<p class=\"muted\">Not filled in.</p>\n");
            } else {
                markdown_block(out, &section.text, &format!("{index}-r{n}"));
            }
        }
        if !reflection.code_themes.is_empty() {
            out.push_str("<h4>NMC Code themes</h4>\n<ul>");
            for theme in &reflection.code_themes {
                let _ = write!(out, "<li>{}</li>", escape(code_theme(theme)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
        written = true;
    }
    if let Some(shadowing) = &entry.shadowing {
        render_shadowing(out, shadowing);
        written = true;
    }
    if !written {
        out.push_str("<p class=\"muted\">Nothing was written for this entry.</p>\n");
    }
    render_behaviours(out, &entry.behaviours);
    render_lessons(out, entry);
    render_attachments(out, &entry.attachments);
    out.push_str(
        "<p class=\"screen-only back\"><a href=\"#contents\">Back to contents</a></p>\n</article>\n",
    );
}

fn cpd(entry: &BundleEntry) -> String {
    let total = entry
        .clinical_minutes
        .saturating_add(entry.management_minutes);
    let participatory = if entry.participatory {
        "participatory (learning with other people)"
    } else {
        "not participatory"
    };
    if total == 0 {
        return format!("None recorded; {participatory}");
    }
    format!(
        "{} clinical, {} management ({} in all); {participatory}",
        duration(entry.clinical_minutes),
        duration(entry.management_minutes),
        duration(total),
    )
}

/// Sanitised Markdown. Rendered `##` headings carry ids; `scope` keeps them unique on a page
/// that holds many texts. A raw `<` never reaches the output outside a tag, so the replacement
/// cannot touch the learner's words.
fn markdown_block(out: &mut String, text: &str, scope: &str) {
    let html = markdown::render(text).replace(
        "<h2 id=\"user-content-",
        &format!("<h2 id=\"user-content-{scope}-"),
    );
    let _ = writeln!(out, "<div class=\"markdown\">\n{html}</div>");
}

fn render_shadowing(out: &mut String, shadowing: &BundleShadowing) {
    let _ = write!(
        out,
        "<section class=\"part\">\n<h3>Shadowing</h3>\n<dl class=\"details\">\n\
         <div><dt>Who the learner worked with</dt><dd class=\"pre\">{partner}</dd></div>\n\
         <div><dt>What the learner learned</dt><dd class=\"pre\">{mine}</dd></div>\n\
         <div><dt>What they learned</dt><dd class=\"pre\">{theirs}</dd></div>\n\
         </dl>\n</section>\n",
        partner = escape(&or_not_recorded(&shadowing.partner_role)),
        mine = escape(&or_not_recorded(&shadowing.i_learned)),
        theirs = escape(&or_not_recorded(&shadowing.they_learned)),
    );
}

fn render_behaviours(out: &mut String, behaviours: &[BundleRating]) {
    if behaviours.is_empty() {
        return;
    }
    out.push_str(
        "<section class=\"part\">\n<h3>Behaviours this entry shows</h3>\n<ul class=\"behaviours\">\n",
    );
    for b in behaviours {
        let _ = write!(
            out,
            "<li>\n<p><strong>{statement}</strong></p>\n\
             <p class=\"muted\">{framework} · {domain} · <span class=\"id\">{id}</span></p>\n\
             <p>Rating: {rating} – {label}</p>\n",
            statement = escape(&b.statement),
            framework = escape(&b.framework_title),
            domain = escape(&b.domain_title),
            id = escape(&b.behaviour_id),
            rating = b.rating,
            label = escape(&b.rating_label),
        );
        if !b.justification.trim().is_empty() {
            let _ = writeln!(out, "<p class=\"pre\">{}</p>", escape(&b.justification));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

fn render_lessons(out: &mut String, entry: &BundleEntry) {
    if entry.lessons.is_empty() {
        return;
    }
    out.push_str("<section class=\"part\">\n<h3>Linked lessons</h3>\n<ul>\n");
    for lesson in &entry.lessons {
        match &lesson.title {
            Some(title) => {
                let _ = writeln!(out, "<li>{}</li>", escape(title));
            }
            None => {
                let _ = writeln!(
                    out,
                    "<li>{lesson} <span class=\"muted\">(from the pack {pack}, no longer installed)</span></li>",
                    lesson = escape(&lesson.lesson_id),
                    pack = escape(&lesson.pack_id),
                );
            }
        }
    }
    out.push_str("</ul>\n</section>\n");
}

fn render_attachments(out: &mut String, attachments: &[BundleAttachment]) {
    if attachments.is_empty() {
        return;
    }
    out.push_str(
        "<section class=\"part\">\n<h3>Attachments</h3>\n\
         <p class=\"note\">The links open the files once the bundle has been unzipped (extracted) \
         into a folder. Each file's SHA-256 lets you check it is the one the learner sent.</p>\n\
         <ul class=\"attachments\">\n",
    );
    for a in attachments {
        let name = escape(&a.file_name);
        let link = match attachment_href(&a.path) {
            Some(href) => format!("<a class=\"attachment-link\" href=\"{href}\">{name}</a>"),
            None => format!(
                "{name} <span class=\"muted\">(listed at <code>{}</code>, which is not a file in \
                 the bundle's attachments folder)</span>",
                escape(&a.path)
            ),
        };
        let _ = writeln!(
            out,
            "<li>{link}<br>\n<span class=\"muted\">{kind}, {size} ({bytes} bytes)</span><br>\n\
             <span class=\"hash\">SHA-256: <code>{sha}</code></span></li>",
            kind = escape(file_kind(&a.media_type)),
            size = file_size(a.size),
            bytes = a.size,
            sha = escape(&a.sha256),
        );
    }
    out.push_str("</ul>\n</section>\n");
}
