//! The cohort report as one HTML page: no script, no network (the bundle page's Content
//! Security Policy), every text escaped, tables with headers and captions, and a heat map
//! whose every cell is a number and which is also told in words. Prints on A4 landscape.

use std::fmt::Write as _;

use super::csv::{hours, lessons};
use super::{CohortFramework, CohortReport, LearnerReport};
use crate::bundle::html_text::{count, date_in_words, escape, instant_in_words};
use crate::bundle::CONTENT_SECURITY_POLICY;

const STYLE: &str = include_str!("cohort.css");

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
        heat_map(&mut out, report, fw);
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
    format!(
        "<th scope=\"row\">{}<br><span class=\"file muted\">{}</span>{also}</th>",
        escape(l.name()),
        escape(&l.file)
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

fn glance(out: &mut String, report: &CohortReport) {
    section(out, "glance", "Learners at a glance");
    if report.learners.is_empty() {
        out.push_str("<p>No bundle could be reported on.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<div class=\"scroll\"><table>\n<caption>Each learner's bundle: the period it covers, \
         its entries, the last day with activity, and lessons completed (only when the learner \
         chose to share them)</caption>\n<thead><tr><th scope=\"col\">Learner</th>\
         <th scope=\"col\">Period covered</th><th scope=\"col\" class=\"n\">Entries</th>\
         <th scope=\"col\">Last activity</th><th scope=\"col\">Lessons completed</th>\
         </tr></thead>\n<tbody>\n",
    );
    for l in &report.learners {
        let _ = writeln!(
            out,
            "<tr>{}<td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            learner_th(l),
            escape(&period(l)),
            l.entries,
            escape(
                &l.last_activity
                    .as_deref()
                    .map_or_else(|| "None".to_owned(), date_in_words)
            ),
            escape(&lessons(l)),
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn kinds(out: &mut String, report: &CohortReport) {
    section(out, "kinds", "Entries by kind");
    let Some(first) = report.learners.first() else {
        out.push_str("<p>No bundle could be reported on.</p>\n</section>\n");
        return;
    };
    out.push_str(
        "<div class=\"scroll\"><table>\n<caption>Entries shared, by kind, for each \
         learner</caption>\n<thead><tr><th scope=\"col\">Learner</th>",
    );
    for k in &first.by_kind {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"n\">{}</th>",
            escape(&k.label)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for l in &report.learners {
        out.push_str("<tr>");
        out.push_str(&learner_th(l));
        for k in &first.by_kind {
            let c = l
                .by_kind
                .iter()
                .find(|x| x.kind == k.kind)
                .map_or(0, |x| x.count);
            let _ = write!(out, "<td class=\"n\">{c}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn revalidation(out: &mut String, report: &CohortReport) {
    section(out, "revalidation", "Revalidation-style counts");
    out.push_str(
        "<p>Counted from the shared entries in the manner of NMC revalidation (35 hours of CPD, \
         20 of them participatory; 5 pieces of practice-related feedback; 5 written reflective \
         accounts). They show what was shared, not whether a learner meets a regulator's \
         requirements.</p>\n<div class=\"scroll\"><table>\n<caption>Revalidation-style counts \
         for each learner</caption>\n<thead><tr><th scope=\"col\">Learner</th>\
         <th scope=\"col\" class=\"n\">CPD hours</th>\
         <th scope=\"col\" class=\"n\">Participatory CPD hours</th>\
         <th scope=\"col\" class=\"n\">Feedback</th>\
         <th scope=\"col\" class=\"n\">Reflective accounts (NMC form)</th></tr></thead>\n<tbody>\n",
    );
    for l in &report.learners {
        let r = &l.revalidation;
        let _ = writeln!(
            out,
            "<tr>{}<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td></tr>",
            learner_th(l),
            hours(r.cpd_minutes),
            hours(r.participatory_minutes),
            r.feedback,
            r.reflective_accounts
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// 0, 1, 2 to 3, 4 to 9, 10 or more entries: the shade of a heat map cell.
fn shade(entries: u32) -> u8 {
    match entries {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=9 => 3,
        _ => 4,
    }
}

fn heat_map(out: &mut String, report: &CohortReport, fw: &CohortFramework) {
    let index = report.frameworks.iter().position(|f| f == fw).unwrap_or(0);
    section(
        out,
        &format!("framework-{index}"),
        &format!("Coverage: {}", fw.title),
    );
    let total = u32::try_from(report.learners.len()).unwrap_or(u32::MAX);
    let _ = writeln!(
        out,
        "<p>Version {}. Each cell is the number of entries a learner shared that evidence \
         an element; a darker cell means more. The same figures are given in words after the \
         table.</p>\n<p class=\"key\" aria-hidden=\"true\">Key: <span class=\"h0\">0</span>\
         <span class=\"h1\">1</span><span class=\"h2\">2 to 3</span><span class=\"h3\">4 to \
         9</span><span class=\"h4\">10 or more</span></p>",
        escape(&fw.version)
    );
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"heat\">\n<caption>Heat map: entries evidencing \
         each element of {title}, by learner</caption>\n<thead>\n<tr><td></td>",
        title = escape(&fw.title)
    );
    for (d, domain) in fw.domains.iter().enumerate() {
        let span = fw.elements.iter().filter(|e| e.domain == d).count();
        if span > 0 {
            let _ = write!(
                out,
                "<th scope=\"colgroup\" colspan=\"{span}\">{}</th>",
                escape(domain)
            );
        }
    }
    out.push_str("</tr>\n<tr><th scope=\"col\">Learner</th>");
    for e in &fw.elements {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"element\">{}</th>",
            escape(&e.title)
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for l in &report.learners {
        out.push_str("<tr>");
        out.push_str(&learner_th(l));
        let mine = l.coverage.iter().find(|c| c.framework_id == fw.id);
        for i in 0..fw.elements.len() {
            let c = mine.map_or(0, |m| m.elements[i]);
            let _ = write!(out, "<td class=\"h{}\">{c}</td>", shade(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    domains_table(out, report, fw);
    out.push_str("<h3>In words</h3>\n<ul>\n");
    for e in &fw.elements {
        let _ = writeln!(
            out,
            "<li>{}: {} of {total} learners have evidence, in {}.</li>",
            escape(&e.title),
            e.learners,
            count(e.entries, "entry", "entries")
        );
    }
    out.push_str("</ul>\n<h3>Elements nobody has evidence for yet</h3>\n");
    let gaps: Vec<_> = fw.elements.iter().filter(|e| e.learners == 0).collect();
    if gaps.is_empty() {
        out.push_str("<p>Every element has evidence from at least one learner.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for e in gaps {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"muted\">({})</span></li>",
                escape(&e.title),
                escape(fw.domains.get(e.domain).map_or("", String::as_str))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn domains_table(out: &mut String, report: &CohortReport, fw: &CohortFramework) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table>\n<caption>Coverage of each domain of {}: elements with \
         evidence, of all its elements, and entries</caption>\n<thead><tr>\
         <th scope=\"col\">Learner</th>",
        escape(&fw.title)
    );
    for domain in &fw.domains {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(domain));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for l in &report.learners {
        out.push_str("<tr>");
        out.push_str(&learner_th(l));
        let mine = l.coverage.iter().find(|c| c.framework_id == fw.id);
        for d in 0..fw.domains.len() {
            let cell = mine.and_then(|m| m.domains.get(d)).map_or_else(
                || "None".to_owned(),
                |c| {
                    format!(
                        "{} of {} elements; {}",
                        c.elements_covered,
                        c.elements_total,
                        count(c.entries, "entry", "entries")
                    )
                },
            );
            let _ = write!(out, "<td>{}</td>", escape(&cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
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
