//! The bundle's HTML view: one self-contained page with no script and no network, that reads
//! well on screen and prints one entry per page.
//!
//! Every text from the portfolio is escaped here, and Markdown goes through the app's
//! sanitiser ([`crate::markdown::render`]), so an appraiser opening a bundle from someone else
//! runs nothing: the page also carries a Content Security Policy that refuses script and every
//! load but inline styles and `data:` images. The only links are to the page's own parts and,
//! relatively, to the attachments beside it in the unzipped bundle.

mod entry;
mod learning;
pub(crate) mod text;

use std::fmt::Write as _;

use super::{BundleCoverage, BundleEntry, BundleFramework, BundleGoal, PortfolioDocument};
use text::{count, date_in_words, duration, escape, goal_status, instant_in_words, percent};

/// The page's policy: no script, no loads, styles only from the page itself.
pub(crate) const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = include_str!("bundle.css");

/// Parts of the page are handed over once they reach this size.
const PART_BYTES: usize = 64 * 1024;

/// Renders the whole portfolio as one HTML5 page (UTF-8). The same document always gives the
/// same page, byte for byte.
pub fn render_html(document: &PortfolioDocument) -> String {
    let mut page = String::with_capacity(16 * 1024 + document.entries.len() * 4 * 1024);
    render_html_in_parts(document, |part| page.push_str(part));
    page
}

/// [`render_html`] handed over in parts, in order (the head and overview, then one entry at a
/// time): verifying a bundle hashes the page as it is made, so a large portfolio never holds
/// the whole page in memory.
pub(crate) fn render_html_in_parts(document: &PortfolioDocument, part: impl FnMut(&str)) {
    let totals = PageTotals::of(&document.entries);
    let each_entry = |visit: &mut dyn FnMut(&BundleEntry)| {
        document.entries.iter().for_each(visit);
        Ok::<(), std::convert::Infallible>(())
    };
    let Ok(()) = render_page(document, &totals, each_entry, part);
}

/// What the page's cover counts over all the shared entries: known before any entry is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageTotals {
    entries: u32,
    attachments: u32,
    clinical_minutes: u32,
    management_minutes: u32,
}

impl PageTotals {
    pub(crate) fn add(&mut self, entry: &BundleEntry) {
        let attachments = u32::try_from(entry.attachments.len()).unwrap_or(u32::MAX);
        self.entries = self.entries.saturating_add(1);
        self.attachments = self.attachments.saturating_add(attachments);
        self.clinical_minutes = self.clinical_minutes.saturating_add(entry.clinical_minutes);
        self.management_minutes = self
            .management_minutes
            .saturating_add(entry.management_minutes);
    }

    fn of(entries: &[BundleEntry]) -> Self {
        let mut totals = Self::default();
        entries.iter().for_each(|e| totals.add(e));
        totals
    }
}

/// The page, in parts, for a portfolio whose entries are not held: `around` gives everything
/// but the entries (its own `entries` are not read), `totals` what the cover counts, and
/// `each_entry` hands the entries over in order, each time it is called: once for the
/// contents, once for the entries themselves. The same entries give the same page, byte for
/// byte, as [`render_html`] of the whole document.
pub(crate) fn render_page<E>(
    around: &PortfolioDocument,
    totals: &PageTotals,
    mut each_entry: impl FnMut(&mut dyn FnMut(&BundleEntry)) -> Result<(), E>,
    mut part: impl FnMut(&str),
) -> Result<(), E> {
    let document = around;
    let mut out = String::with_capacity(16 * 1024);
    let title = if document.learner.trim().is_empty() {
        "Portfolio".to_owned()
    } else {
        format!("Portfolio of {}", document.learner.trim())
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"color-scheme\" content=\"light\">\n\
         <meta name=\"generator\" content=\"Ward to Board\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        csp = CONTENT_SECURITY_POLICY,
        title = escape(&title),
    );
    cover(&mut out, document, totals, &title);
    contents(
        &mut out,
        totals,
        document.learning.is_some(),
        &mut each_entry,
        &mut part,
    )?;
    out.push_str("<main>\n");
    coverage(&mut out, &document.coverage, &document.frameworks);
    plan(&mut out, &document.goals);
    if let Some(packs) = &document.learning {
        learning::render(&mut out, packs);
    }
    if totals.entries == 0 {
        out.push_str(
            "<section class=\"no-entries\">\n<h2>Entries</h2>\n\
             <p>No entries were shared in this bundle.</p>\n</section>\n",
        );
    }
    let mut index = 0;
    each_entry(&mut |item: &BundleEntry| {
        part(&out);
        out.clear();
        entry::render(&mut out, item, index);
        index += 1;
    })?;
    out.push_str("</main>\n</body>\n</html>\n");
    part(&out);
    Ok(())
}

fn cover(out: &mut String, document: &PortfolioDocument, totals: &PageTotals, title: &str) {
    let period = match (&document.period_from, &document.period_to) {
        (Some(from), Some(to)) => format!("{} to {}", date_in_words(from), date_in_words(to)),
        (Some(from), None) => format!("From {}", date_in_words(from)),
        (None, Some(to)) => format!("Up to {}", date_in_words(to)),
        (None, None) => "All dates".to_owned(),
    };
    let goals = u32::try_from(document.goals.len()).unwrap_or(u32::MAX);
    let _ = write!(
        out,
        "<header class=\"cover\">\n<div class=\"band\">\n\
         <p class=\"caption\">Ward to Board portfolio bundle</p>\n<h1>{title}</h1>\n</div>\n\
         <dl class=\"details summary\">\n\
         <div><dt>Period</dt><dd>{period}</dd></div>\n\
         <div><dt>Created</dt><dd>{created}</dd></div>\n\
         <div><dt>Bundle id</dt><dd><code class=\"id\">{id}</code></dd></div>\n\
         <div><dt>Shared</dt><dd>{entries}, {attachments}, {goals}</dd></div>\n\
         <div><dt>CPD time</dt><dd>{clinical} clinical, {management} management</dd></div>\n\
         </dl>\n\
         <p class=\"note\">Made by Ward to Board for an appraiser to read. This page runs no \
         script and needs no network. Links to attachments work once the bundle has been \
         unzipped (extracted) into a folder. To check that nothing in the bundle was changed \
         after it was made, open it in Ward to Board's review mode or run \
         <code>w2b bundle verify</code>.</p>\n</header>\n",
        title = escape(title),
        period = escape(&period),
        created = escape(&instant_in_words(&document.created_at)),
        id = escape(&document.bundle_id),
        entries = count(totals.entries, "entry", "entries"),
        attachments = count(totals.attachments, "attachment", "attachments"),
        goals = count(goals, "development goal", "development goals"),
        clinical = duration(totals.clinical_minutes),
        management = duration(totals.management_minutes),
    );
}

fn contents<E>(
    out: &mut String,
    totals: &PageTotals,
    has_learning: bool,
    each_entry: &mut impl FnMut(&mut dyn FnMut(&BundleEntry)) -> Result<(), E>,
    part: &mut impl FnMut(&str),
) -> Result<(), E> {
    out.push_str(
        "<nav class=\"contents\" id=\"contents\" aria-labelledby=\"contents-heading\">\n\
         <h2 id=\"contents-heading\">Contents</h2>\n\
         <p class=\"screen-only hint\">Select a title to go to it.</p>\n<ol>\n\
         <li><a href=\"#coverage\">Framework coverage</a></li>\n\
         <li><a href=\"#plan\">Development plan</a></li>\n",
    );
    if has_learning {
        out.push_str("<li><a href=\"#learning\">Learning completed</a></li>\n");
    }
    if totals.entries > 0 {
        out.push_str("<li>Entries\n<ol class=\"entry-list\">\n");
        each_entry(&mut |item: &BundleEntry| {
            let _ = writeln!(
                out,
                "<li><a href=\"#{id}\">{title}</a> <span class=\"meta\">{kind}, {date}</span></li>",
                id = text::entry_id(&item.uid),
                title = escape(&entry::title(item)),
                kind = escape(&entry::kind(item)),
                date = escape(&date_in_words(&item.date)),
            );
            // The list grows with the portfolio: hand it over as it goes.
            if out.len() >= PART_BYTES {
                part(out.as_str());
                out.clear();
            }
        })?;
        out.push_str("</ol>\n</li>\n");
    }
    out.push_str("</ol>\n</nav>\n");
    Ok(())
}

fn coverage(out: &mut String, frameworks: &[BundleCoverage], carried: &[BundleFramework]) {
    let empty = "No entry in this bundle is rated against a framework.";
    if !open_section(
        out,
        "coverage",
        "Framework coverage",
        frameworks.is_empty(),
        empty,
    ) {
        return;
    }
    out.push_str(
        "<p>A behaviour is covered when at least one entry in this bundle is rated against it. \
         The bars show the share of each domain's behaviours covered.</p>\n",
    );
    for framework in frameworks {
        let share = percent(framework.items_covered, framework.items_total);
        // Which version, and whose: the learner's framework, as they had it installed.
        let edition = carried
            .iter()
            .find(|f| f.id == framework.framework_id)
            .map(|f| {
                format!(
                    "<p class=\"framework-edition\">Version {} · {}</p>\n",
                    escape(&f.version),
                    escape(&f.publisher)
                )
            })
            .unwrap_or_default();
        let _ = write!(
            out,
            "<div class=\"framework\">\n<h3>{title}</h3>\n{edition}\
             <p class=\"framework-total\">{covered} of {total} behaviours covered ({share}%)</p>\n\
             {bar}\n<table class=\"coverage-table\">\n\
             <caption>Coverage of {title} by domain</caption>\n<thead><tr>\
             <th scope=\"col\">Domain</th><th scope=\"col\" class=\"num\">Entries</th>\
             <th scope=\"col\" class=\"num\">Behaviours covered</th>\
             <th scope=\"col\" class=\"share\">Share covered</th></tr></thead>\n<tbody>\n",
            title = escape(&framework.framework_title),
            covered = framework.items_covered,
            total = framework.items_total,
            bar = bar(share),
        );
        for domain in &framework.domains {
            let share = percent(domain.behaviours_covered, domain.behaviours_total);
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{title}</th><td class=\"num\">{entries}</td>\
                 <td class=\"num\">{covered} of {total}</td>\
                 <td class=\"share\"><span class=\"share-cell\">{bar}\
                 <span class=\"pct\">{share}%</span></span></td></tr>",
                title = escape(&domain.title),
                entries = domain.entries,
                covered = domain.behaviours_covered,
                total = domain.behaviours_total,
                bar = bar(share),
            );
        }
        if framework.domains.is_empty() {
            out.push_str("<tr><td colspan=\"4\">This framework lists no domains.</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }
    out.push_str("</section>\n");
}

/// Opens a top-level section named `id` with its heading. A section with nothing to show still
/// appears, saying so in `empty_note`, so a reader knows it was not left out by mistake; it is
/// closed here and `false` returned. Otherwise the caller writes the rest and closes it.
fn open_section(out: &mut String, id: &str, heading: &str, empty: bool, empty_note: &str) -> bool {
    let _ = write!(
        out,
        "<section class=\"{id}\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n\
         <h2 id=\"{id}-heading\">{heading}</h2>\n",
    );
    if empty {
        let _ = write!(out, "<p>{empty_note}</p>\n</section>\n");
        return false;
    }
    true
}

/// A horizontal bar drawn with borders and a fill, so it prints in greyscale; the number is
/// always written beside it, so the bar is decoration for sighted readers only.
fn bar(share: u32) -> String {
    format!(
        "<span class=\"bar\" aria-hidden=\"true\"><span class=\"bar-fill\" style=\"width: {share}%\"></span></span>"
    )
}

fn plan(out: &mut String, goals: &[BundleGoal]) {
    let empty = "No development goals are included in this bundle.";
    if !open_section(out, "plan", "Development plan", goals.is_empty(), empty) {
        return;
    }
    for goal in goals {
        let _ = write!(
            out,
            "<div class=\"goal\">\n<h3>{title}</h3>\n\
             <p class=\"goal-status\"><strong class=\"tag\">{status}</strong> \
             Due by {due}</p>\n<dl class=\"details\">\n\
             <div><dt>Specific: the goal</dt><dd class=\"pre\">{title}</dd></div>\n\
             <div><dt>Measurable: how progress is shown</dt><dd class=\"pre\">{measure}</dd></div>\n\
             <div><dt>Achievable: why it can be done</dt><dd class=\"pre\">{achievable}</dd></div>\n\
             <div><dt>Relevant: why it matters</dt><dd class=\"pre\">{relevant}</dd></div>\n\
             <div><dt>Time-bound: due by</dt><dd>{due}</dd></div>\n",
            title = escape(&goal.title),
            status = escape(goal_status(&goal.status)),
            due = escape(&or_not_recorded(&date_in_words(&goal.due_date))),
            measure = escape(&or_not_recorded(&goal.measure)),
            achievable = escape(&or_not_recorded(&goal.achievable)),
            relevant = escape(&or_not_recorded(&goal.relevant)),
        );
        if !goal.behaviours.is_empty() {
            out.push_str("<div><dt>Behaviours it develops</dt><dd><ul>");
            for behaviour in &goal.behaviours {
                let _ = write!(out, "<li>{}</li>", escape(behaviour));
            }
            out.push_str("</ul></dd></div>\n");
        }
        out.push_str("</dl>\n");
        if goal.reviews.is_empty() {
            out.push_str("<p class=\"muted\">No reviews recorded yet.</p>\n");
        } else {
            out.push_str("<h4>Reviews</h4>\n<ol class=\"reviews\">\n");
            for review in &goal.reviews {
                let _ = writeln!(
                    out,
                    "<li><strong>{date}</strong><p class=\"pre\">{note}</p></li>",
                    date = escape(&date_in_words(&review.date)),
                    note = escape(&review.note),
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

fn or_not_recorded(text: &str) -> String {
    if text.trim().is_empty() {
        "Not recorded".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests;
