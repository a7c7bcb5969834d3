//! The cohort report as one HTML page: no script, no network (the bundle page's Content
//! Security Policy), every text escaped, tables with headers and captions, and a heat map
//! whose every cell is a number and which is also told in words. Prints on A4 landscape.

mod heat_map;

use std::fmt::Write as _;

use super::csv::{hours, lessons};
use super::{CohortReport, LearnerReport};
use crate::bundle::html_text::{count, date_in_words, escape, instant_in_words};
use crate::bundle::CONTENT_SECURITY_POLICY;

const STYLE: &str = include_str!("../cohort.css");

/// Renders the report as a complete HTML5 page (UTF-8). The same report always gives the same
/// page.
pub fn render_html(report: &CohortReport) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.learners.len() * 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"Ward to Board\">\n\
         <title>Cohort report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    cover(&mut out, report);
    out.push_str("<main>\n");
    notices(&mut out, report);
    refused(&mut out, report);
    glance(&mut out, report);
    kinds(&mut out, report);
    revalidation(&mut out, report);
    for fw in &report.frameworks {
        heat_map::render(&mut out, report, fw);
    }
    distribution(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn cover(out: &mut String, report: &CohortReport) {
    let reported = u32::try_from(report.learners.len()).unwrap_or(u32::MAX);
    let refused = u32::try_from(report.refused.len()).unwrap_or(u32::MAX);
    let frameworks = if report.scheme_framework {
        "the scheme's own framework"
    } else {
        "the frameworks the bundles carry"
    };
    let _ = write!(
        out,
        "<header>\n<div class=\"band\">\n<p>Ward to Board</p>\n<h1>Cohort report</h1>\n</div>\n\
         <dl class=\"summary\">\n\
         <div><dt>Made</dt><dd>{made}</dd></div>\n\
         <div><dt>Bundles found</dt><dd>{found}</dd></div>\n\
         <div><dt>Reported on</dt><dd>{reported}</dd></div>\n\
         <div><dt>Refused</dt><dd>{refused}</dd></div>\n\
         <div><dt>Coverage against</dt><dd>{frameworks}</dd></div>\n</dl>\n\
         <p>Every bundle was checked against its manifest before it was counted, as review \
         mode checks it. Counts come from the entries each learner chose to share, not from \
         their whole portfolio. This page runs no script and needs no network.</p>\n\
         <nav aria-labelledby=\"contents-heading\"><h2 id=\"contents-heading\" class=\"first\">\
         Contents</h2>\n<ol>\n",
        made = escape(&instant_in_words(&report.generated_at)),
        found = count(report.bundles_found, "bundle", "bundles"),
        reported = count(reported, "learner's bundle", "learners' bundles"),
        refused = count(refused, "bundle", "bundles"),
    );
    let mut link = |id: &str, title: &str| {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", escape(title));
    };
    if !report.notices.is_empty() {
        link("notices", "Things to check");
    }
    if !report.refused.is_empty() {
        link("refused", "Bundles refused");
    }
    link("glance", "Learners at a glance");
    link("kinds", "Entries by kind");
    link("revalidation", "Revalidation-style counts");
    for (i, fw) in report.frameworks.iter().enumerate() {
        link(
            &format!("framework-{i}"),
            &format!("Coverage: {}", fw.title),
        );
    }
    link("distribution", "Entries per learner");
    out.push_str("</ol>\n</nav>\n</header>\n");
}

fn section(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{}</h2>",
        escape(heading)
    );
}

fn notices(out: &mut String, report: &CohortReport) {
    if report.notices.is_empty() {
        return;
    }
    section(out, "notices", "Things to check");
    out.push_str("<div class=\"notices\">\n<ul>\n");
    for notice in &report.notices {
        let _ = writeln!(out, "<li>{}</li>", escape(notice));
    }
    out.push_str("</ul>\n</div>\n</section>\n");
}

fn refused(out: &mut String, report: &CohortReport) {
    if report.refused.is_empty() {
        return;
    }
    section(out, "refused", "Bundles refused");
    out.push_str(
        "<div class=\"refused\">\n<p>These bundles were not counted. Ask each learner to \
         export theirs again and send the new file.</p>\n<table>\n<caption>Bundles refused, \
         with the reason</caption>\n<thead><tr><th scope=\"col\">File</th>\
         <th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n",
    );
    for r in &report.refused {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" class=\"file\">{}</th><td class=\"reason\">{}</td></tr>",
            escape(&r.file),
            escape(&r.reason)
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// A learner's row header: their name, and the bundle's file below it.
fn learner_th(l: &LearnerReport) -> String {
    let also = if l.also_in.is_empty() {
        String::new()
    } else {
        format!(
            "<br><strong>Also in {}</strong>",
            escape(&l.also_in.join(", "))
        )
    };
    // The file's name is enough beside the learner; the full path is in the CSV and JSON.
    let file = std::path::Path::new(&l.file)
        .file_name()
        .map_or_else(|| l.file.clone(), |n| n.to_string_lossy().into_owned());
    format!(
        "<th scope=\"row\">{}<br><span class=\"file muted\">{}</span>{also}</th>",
        escape(l.name()),
        escape(&file)
    )
}

fn period(l: &LearnerReport) -> String {
    let chosen = match (&l.period_from, &l.period_to) {
        (Some(f), Some(t)) => format!("{} to {}", date_in_words(f), date_in_words(t)),
        (Some(f), None) => format!("From {}", date_in_words(f)),
        (None, Some(t)) => format!("Up to {}", date_in_words(t)),
        (None, None) => "All dates".to_owned(),
    };
    match (&l.first_entry, &l.last_entry) {
        (Some(a), Some(b)) => format!(
            "{chosen} (entries dated {} to {})",
            date_in_words(a),
            date_in_words(b)
        ),
        _ => chosen,
    }
}

/// Opens a table whose rows are learners: its caption, then a heading row of "Learner" and
/// `heads` (each a title and a class for its cells).
fn table_head<'a>(
    out: &mut String,
    caption: &str,
    heads: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Learner</th>",
        escape(caption)
    );
    for (title, class) in heads {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"{class}\">{}</th>",
            escape(title)
        );
    }
    out.push_str("</tr></thead>\n");
}

/// A row per learner, headed by the learner, with the cells `cells` writes; closes the table.
fn learner_rows(
    out: &mut String,
    report: &CohortReport,
    cells: impl Fn(&LearnerReport, &mut String),
) {
    out.push_str("<tbody>\n");
    for l in &report.learners {
        out.push_str("<tr>");
        out.push_str(&learner_th(l));
        cells(l, out);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// A cell of text, escaped; `class` is `n` for numbers.
fn cell(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, "<td class=\"{class}\">{}</td>", escape(text));
}

fn glance(out: &mut String, report: &CohortReport) {
    section(out, "glance", "Learners at a glance");
    if report.learners.is_empty() {
        out.push_str("<p>No bundle could be reported on.</p>\n</section>\n");
        return;
    }
    table_head(
        out,
        "Each learner's bundle: the period it covers, its entries, the last day with activity, \
         and lessons completed (only when the learner chose to share them)",
        [
            ("Period covered", ""),
            ("Entries", "n"),
            ("Last activity", ""),
            ("Lessons completed", ""),
        ],
    );
    learner_rows(out, report, |l, out| {
        let last = l
            .last_activity
            .as_deref()
            .map_or_else(|| "None".to_owned(), date_in_words);
        cell(out, "", &period(l));
        cell(out, "n", &l.entries.to_string());
        cell(out, "", &last);
        cell(out, "", &lessons(l));
    });
    out.push_str("</section>\n");
}

fn kinds(out: &mut String, report: &CohortReport) {
    section(out, "kinds", "Entries by kind");
    let Some(first) = report.learners.first() else {
        out.push_str("<p>No bundle could be reported on.</p>\n</section>\n");
        return;
    };
    let heads = first.by_kind.iter().map(|k| (k.label.as_str(), "n"));
    table_head(out, "Entries shared, by kind, for each learner", heads);
    learner_rows(out, report, |l, out| {
        for k in &first.by_kind {
            let found = l.by_kind.iter().find(|x| x.kind == k.kind);
            cell(out, "n", &found.map_or(0, |x| x.count).to_string());
        }
    });
    out.push_str("</section>\n");
}

fn revalidation(out: &mut String, report: &CohortReport) {
    section(out, "revalidation", "Revalidation-style counts");
    out.push_str(
        "<p>Counted from the shared entries in the manner of NMC revalidation (35 hours of CPD, \
         20 of them participatory; 5 pieces of practice-related feedback; 5 written reflective \
         accounts). They show what was shared, not whether a learner meets a regulator's \
         requirements.</p>\n",
    );
    table_head(
        out,
        "Revalidation-style counts for each learner",
        [
            ("CPD hours", "n"),
            ("Participatory CPD hours", "n"),
            ("Feedback", "n"),
            ("Reflective accounts (NMC form)", "n"),
        ],
    );
    learner_rows(out, report, |l, out| {
        let r = &l.revalidation;
        cell(out, "n", &hours(r.cpd_minutes));
        cell(out, "n", &hours(r.participatory_minutes));
        cell(out, "n", &r.feedback.to_string());
        cell(out, "n", &r.reflective_accounts.to_string());
    });
    out.push_str("</section>\n");
}

fn distribution(out: &mut String, report: &CohortReport) {
    section(out, "distribution", "Entries per learner");
    let d = &report.distribution;
    let _ = writeln!(
        out,
        "<p>Fewest: {}. Median: {}. Most: {}.</p>\n<table>\n<caption>Learners by the number of \
         entries they shared</caption>\n<thead><tr><th scope=\"col\">Entries</th>\
         <th scope=\"col\" class=\"n\">Learners</th><th scope=\"col\"><span class=\"muted\">\
         Bar</span></th></tr></thead>\n<tbody>",
        d.fewest, d.median, d.most
    );
    let widest = d.bands.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    for (label, learners) in &d.bands {
        let width = learners * 300 / widest;
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{learners}</td><td><span \
             class=\"bar\" aria-hidden=\"true\" style=\"width: {width}px\"></span></td></tr>",
            escape(label)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
