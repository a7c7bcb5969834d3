use super::text::{attachment_href, date_in_words, duration, escape, file_size, instant_in_words};
use super::*;
use crate::bundle::sample::bundle_entry;
use crate::bundle::{
    BundleAttachment, BundleDomainCoverage, BundleEntry, BundleGoalReview, BundleLesson,
    BundleRating, BundleReflection, BundleSection, BundleShadowing,
};

fn entry(uid: &str, kind: &str, label: &str, title: &str) -> BundleEntry {
    BundleEntry {
        kind: kind.to_owned(),
        kind_label: label.to_owned(),
        ..bundle_entry(uid, title, "2026-03-15")
    }
}

fn document() -> PortfolioDocument {
    let mut reflection = entry("a1", "reflection", "Reflection", "Handover that went wrong");
    reflection.version = 3;
    reflection.reflection = Some(BundleReflection {
        template: "gibbs".into(),
        template_title: "Gibbs' reflective cycle".into(),
        sections: vec![
            BundleSection {
                title: "Description".into(),
                text: "## What happened\n\nThe *night* handover ran late.".into(),
            },
            BundleSection {
                title: "Feelings".into(),
                text: String::new(),
            },
        ],
        code_themes: vec!["preserve_safety".into()],
    });
    reflection.tags = vec!["handover".into(), "safety".into()];
    reflection.behaviours = vec![BundleRating {
        framework_id: "nhs-leadership".into(),
        framework_title: "Healthcare Leadership Model".into(),
        behaviour_id: "inspiring-1".into(),
        statement: "Sets a shared purpose".into(),
        domain_title: "Inspiring shared purpose".into(),
        rating: 2,
        rating_label: "Developing".into(),
        justification: "I led the huddle.\nThen I followed up.".into(),
    }];
    reflection.attachments = vec![BundleAttachment {
        file_name: "rota.pdf".into(),
        media_type: "application/pdf".into(),
        size: 245_760,
        sha256: "ab".repeat(32),
        path: "attachments/1-rota.pdf".into(),
    }];
    let mut cpd = entry("b2", "cpd", "CPD activity", "Budget course");
    cpd.body = "Learned about **variance**.".into();
    cpd.clinical_minutes = 30;
    cpd.management_minutes = 150;
    cpd.participatory = true;
    cpd.lessons = vec![
        BundleLesson {
            pack_id: "finance".into(),
            lesson_id: "l1".into(),
            title: Some("Reading a budget".into()),
        },
        BundleLesson {
            pack_id: "finance".into(),
            lesson_id: "gone".into(),
            title: None,
        },
    ];
    let mut shadow = entry(
        "c3",
        "shadowing",
        "Shadowing or paired learning",
        "A day with the matron",
    );
    shadow.shadowing = Some(BundleShadowing {
        partner_role: "Matron".into(),
        i_learned: "How beds are planned.".into(),
        they_learned: "How the ward sees it.".into(),
    });
    shadow.feedback_source = Some("colleague".into());
    PortfolioDocument {
        format_version: 1,
        bundle_id: "0123456789abcdef0123456789abcdef".into(),
        created_at: "2026-04-02T09:30:00Z".into(),
        learner: "Sam Patel".into(),
        period_from: Some("2025-04-01".into()),
        period_to: Some("2026-03-31".into()),
        entries: vec![reflection, cpd, shadow],
        coverage: vec![BundleCoverage {
            framework_id: "nhs-leadership".into(),
            framework_title: "Healthcare Leadership Model".into(),
            items_total: 10,
            items_covered: 3,
            domains: vec![
                BundleDomainCoverage {
                    title: "Inspiring shared purpose".into(),
                    entries: 2,
                    behaviours_covered: 2,
                    behaviours_total: 4,
                },
                BundleDomainCoverage {
                    title: "Engaging the team".into(),
                    entries: 0,
                    behaviours_covered: 0,
                    behaviours_total: 6,
                },
            ],
        }],
        goals: vec![BundleGoal {
            title: "Run the ward budget meeting".into(),
            measure: "Chair three meetings".into(),
            achievable: "My manager will mentor me".into(),
            relevant: "Band 7 role".into(),
            due_date: "2026-06-30".into(),
            status: "in_progress".into(),
            behaviours: vec!["Holding to account".into()],
            reviews: vec![BundleGoalReview {
                date: "2026-02-01".into(),
                note: "Chaired one.".into(),
            }],
        }],
        frameworks: vec![],
        learning: None,
    }
}

/// Every tag in a page, `<` to `>`. Escaped text holds no raw `<`, so what is found here is
/// markup the browser would act on.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .filter_map(|(start, _)| {
            html[start..]
                .find('>')
                .map(|end| &html[start..=start + end])
        })
        .collect()
}

#[test]
fn escape_covers_markup_quotes_and_ampersands() {
    assert_eq!(
        escape(r#"<script>alert("x")</script> & 'y'"#),
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
        "text must never become markup or leave an attribute"
    );
    assert_eq!(
        escape("Ward 7 – café"),
        "Ward 7 – café",
        "other text is kept as it is"
    );
}

#[test]
fn the_page_has_one_article_per_entry_and_every_part() {
    let html = render_html(&document());
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
        "an HTML5 page in British English"
    );
    assert!(
        html.contains("<meta charset=\"utf-8\">"),
        "the page says it is UTF-8"
    );
    assert_eq!(
        html.matches("<article class=\"entry\"").count(),
        3,
        "one article per entry"
    );
    for uid in ["a1", "b2", "c3"] {
        assert!(
            html.contains(&format!("<article class=\"entry\" id=\"entry-{uid}\"")),
            "entry {uid} has its anchor"
        );
        assert!(
            html.contains(&format!("<a href=\"#entry-{uid}\">")),
            "the contents list links to entry {uid}"
        );
    }
    assert!(
        html.contains("<h1>Portfolio of Sam Patel</h1>"),
        "the cover names the learner"
    );
    assert!(
        html.contains("1 April 2025 to 31 March 2026"),
        "the cover gives the period in words"
    );
    assert!(
        html.contains("2 April 2026 at 09:30 UTC"),
        "the cover says when the bundle was made"
    );
    assert!(
        html.contains("0123456789abcdef0123456789abcdef"),
        "the cover gives the bundle id"
    );
    assert!(
        html.contains("3 entries, 1 attachment, 1 development goal"),
        "the cover counts what is shared"
    );
    assert!(
        html.contains("<table class=\"coverage-table\">"),
        "coverage is a table"
    );
    assert!(
        html.contains("3 of 10 behaviours covered (30%)"),
        "the framework's total is in words"
    );
    assert!(
        html.contains("<td class=\"num\">2 of 4</td>"),
        "each domain's count is written as text"
    );
    assert!(
        html.contains("style=\"width: 50%\""),
        "the bar is as long as the share"
    );
    assert!(
        html.contains("Run the ward budget meeting") && html.contains("Chair three meetings"),
        "goals and their measures are shown"
    );
    assert!(
        html.contains("In progress")
            && html.contains("30 June 2026")
            && html.contains("Chaired one."),
        "status, due date and reviews are shown"
    );
    assert!(html.contains("version 3"), "the shared version is named");
    assert!(
        html.contains(
            "30 minutes clinical, 2 hours 30 minutes management (3 hours in all); participatory"
        ),
        "CPD time in words"
    );
    assert!(
        html.contains("<em>night</em>"),
        "reflection text is rendered Markdown"
    );
    assert!(
        html.contains("Preserve safety"),
        "Code themes are named by title"
    );
    assert!(
        html.contains("Rating: 2 – Developing") && html.contains("I led the huddle."),
        "ratings carry label and justification"
    );
    assert!(
        html.contains("<li>Reading a budget</li>"),
        "linked lessons are listed by title"
    );
    assert!(
        !html.contains("href=\"#/lesson"),
        "lessons are not links: the app is not there"
    );
    assert!(
        html.contains("<a class=\"attachment-link\" href=\"attachments/1-rota.pdf\">rota.pdf</a>"),
        "attachments link relatively into the bundle"
    );
    assert!(
        html.contains(&"ab".repeat(32)) && html.contains("240 KB"),
        "attachments show their hash and size"
    );
    assert!(
        html.contains("once the bundle has been unzipped"),
        "the reader learns when the links work"
    );
    assert!(
        html.contains("A colleague") && html.contains("Matron"),
        "feedback source and shadowing are shown"
    );
}

#[test]
fn markdown_heading_ids_stay_unique_across_entries() {
    let mut doc = document();
    doc.entries[1].body = "## Part\n\ntext".into();
    doc.entries[2].body = "## Part\n\ntext".into();
    let html = render_html(&doc);
    let ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &html[i + 5..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "an id names one element: {ids:?}");
}

#[test]
fn the_page_has_a_strict_policy_and_no_script() {
    let html = render_html(&document());
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
        "the policy forbids script and every load"
    );
    assert!(
        !html.to_lowercase().contains("<script"),
        "the page carries no script"
    );
    assert!(!html.contains("javascript:"), "no javascript: URL");
    for loader in [
        "src=", "url(", "@import", "<link", "<iframe", "<object", "<embed",
    ] {
        assert!(
            !html.contains(loader),
            "nothing may load from anywhere ({loader})"
        );
    }
}

#[test]
fn print_styles_put_each_entry_on_its_own_a4_page() {
    let html = render_html(&document());
    assert!(html.contains("size: A4;"), "pages are A4");
    assert!(
        html.contains("article.entry { break-before: page; }"),
        "each entry starts a page"
    );
    assert!(
        html.contains("a.attachment-link::after { content: \" (\" attr(href) \")\""),
        "printed attachment links show where the file is"
    );
    assert!(
        html.contains("class=\"screen-only back\""),
        "links that only work on screen are marked to hide in print"
    );
}

#[test]
fn hostile_text_is_inert() {
    let hostile = r#"<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>" onmouseover="alert(4)"#;
    let mut doc = document();
    doc.learner = hostile.into();
    doc.bundle_id = hostile.into();
    doc.created_at = hostile.into();
    doc.period_from = Some(hostile.into());
    for e in &mut doc.entries {
        e.uid = hostile.into();
        e.title = hostile.into();
        e.kind_label = hostile.into();
        e.date = hostile.into();
        e.body = hostile.into();
        e.tags = vec![hostile.into()];
        e.feedback_source = Some(hostile.into());
        if let Some(r) = &mut e.reflection {
            r.template_title = hostile.into();
            r.code_themes = vec![hostile.into()];
            for s in &mut r.sections {
                s.title = hostile.into();
                s.text = hostile.into();
            }
        }
        for b in &mut e.behaviours {
            b.statement = hostile.into();
            b.justification = hostile.into();
            b.rating_label = hostile.into();
        }
        for l in &mut e.lessons {
            l.title = l.title.as_ref().map(|_| hostile.into());
            l.lesson_id = hostile.into();
        }
        for a in &mut e.attachments {
            a.file_name = hostile.into();
            a.media_type = hostile.into();
            a.sha256 = hostile.into();
        }
    }
    doc.entries[0].attachments[0].path = "javascript:alert(5)".into();
    doc.coverage[0].framework_title = hostile.into();
    doc.coverage[0].domains[0].title = hostile.into();
    doc.goals[0].title = hostile.into();
    doc.goals[0].measure = hostile.into();
    doc.goals[0].behaviours = vec![hostile.into()];
    doc.goals[0].reviews[0].note = hostile.into();

    let html = render_html(&doc);
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element may come out"
    );
    assert!(!html.contains("<img"), "no image may load");
    for tag in tags(&html) {
        let lower = tag.to_lowercase();
        assert!(
            !lower.contains("javascript:"),
            "no tag may carry a javascript: URL: {tag}"
        );
        assert!(
            !lower
                .split(|c: char| c.is_whitespace() || c == '/')
                .any(|word| word.starts_with("on") && word.contains('=')),
            "no tag may carry an event handler: {tag}"
        );
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "hostile plain text is shown, escaped"
    );
    assert!(
        !html.contains("onerror=\"alert"),
        "no live handler attribute survives anywhere"
    );
}

#[test]
fn markdown_from_the_learner_goes_through_the_sanitiser() {
    let mut doc = document();
    doc.entries[1].body =
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))"
            .into();
    let html = render_html(&doc);
    assert!(
        !html.contains("alert(1)"),
        "script text in Markdown is dropped whole"
    );
    assert!(
        !html.contains("onerror"),
        "event handlers are dropped whole"
    );
    assert!(
        !html.contains("javascript:"),
        "javascript: URLs are dropped"
    );
}

#[test]
fn attachment_links_stay_inside_the_bundle() {
    assert_eq!(
        attachment_href("attachments/2-ward rota#1.pdf").as_deref(),
        Some("attachments/2-ward%20rota%231.pdf"),
        "a name cannot become a fragment or query"
    );
    for bad in [
        "javascript:alert(1)",
        "https://evil.example/x",
        "attachments/../portfolio.json",
        "attachments/",
        "/etc/passwd",
        "attachments/a\\..\\b",
    ] {
        assert_eq!(
            attachment_href(bad),
            None,
            "{bad} is not a file in the attachments folder"
        );
    }
}

#[test]
fn words_for_dates_times_and_sizes() {
    assert_eq!(
        date_in_words("2026-03-05"),
        "5 March 2026",
        "dates read as words"
    );
    assert_eq!(date_in_words("soon"), "soon", "other text is kept");
    assert_eq!(
        instant_in_words("2026-03-05T23:30:00-02:00"),
        "6 March 2026 at 01:30 UTC",
        "instants are given in UTC"
    );
    assert_eq!(duration(0), "0 minutes", "no time");
    assert_eq!(duration(61), "1 hour 1 minute", "singular units");
    assert_eq!(duration(120), "2 hours", "whole hours");
    assert_eq!(file_size(10), "1 KB", "tiny files still show a size");
    assert_eq!(
        file_size(5 * 1024 * 1024 / 2),
        "2.5 MB",
        "megabytes to one place"
    );
}

#[test]
fn an_empty_portfolio_still_reads_well() {
    let mut doc = document();
    doc.learner = "  ".into();
    doc.period_from = None;
    doc.period_to = None;
    doc.entries.clear();
    doc.coverage.clear();
    doc.goals.clear();
    let html = render_html(&doc);
    assert!(
        html.contains("<h1>Portfolio</h1>") && html.contains("<title>Portfolio</title>"),
        "no name, a plain title"
    );
    assert!(html.contains("All dates"), "no period chosen");
    assert!(
        html.contains("No entries were shared"),
        "says there are no entries"
    );
    assert!(
        html.contains("No entry in this bundle is rated against a framework"),
        "says there is no coverage"
    );
    assert!(
        html.contains("No development goals are included"),
        "says there is no plan"
    );
}

#[test]
fn the_same_document_gives_the_same_page() {
    let doc = document();
    assert_eq!(
        render_html(&doc),
        render_html(&doc.clone()),
        "the page is part of a hashed bundle: it must not vary"
    );
}
