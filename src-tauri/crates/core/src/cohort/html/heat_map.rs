//! A framework's part of the cohort page: the heat map (learners by elements, every cell a
//! number), coverage of each domain per learner, the same figures in words, and the gaps.

use std::fmt::Write as _;

use super::{cell, learner_rows, section, table_head};
use crate::bundle::html_text::{count, escape};
use crate::cohort::{CohortFramework, CohortReport};

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

/// A framework's section: the heat map, each domain per learner, the figures in words, and
/// the elements nobody has evidence for.
pub(super) fn render(out: &mut String, report: &CohortReport, fw: &CohortFramework) {
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
    out.push_str("</tr>\n</thead>\n");
    learner_rows(out, report, |l, out| {
        let mine = l.coverage.iter().find(|c| c.framework_id == fw.id);
        for i in 0..fw.elements.len() {
            let c = mine.map_or(0, |m| m.elements[i]);
            let _ = write!(out, "<td class=\"h{}\">{c}</td>", shade(c));
        }
    });
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
    let caption = format!(
        "Coverage of each domain of {}: elements with evidence, of all its elements, and entries",
        fw.title
    );
    table_head(out, &caption, fw.domains.iter().map(|d| (d.as_str(), "")));
    learner_rows(out, report, |l, out| {
        let mine = l.coverage.iter().find(|c| c.framework_id == fw.id);
        for d in 0..fw.domains.len() {
            let text = mine.and_then(|m| m.domains.get(d)).map_or_else(
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
            cell(out, "", &text);
        }
    });
}
