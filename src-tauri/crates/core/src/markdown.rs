//! Lesson Markdown to sanitised HTML: the one place pack text becomes markup the app shows.
//!
//! Packs come from other people, and any script that reaches the page can call the app's
//! commands, so the output of pulldown-cmark is never trusted: it goes through an ammonia
//! allow-list. Images are not rendered yet (packs will get app-served images); a remote image
//! in particular must never make the app touch the network, so images become their alt text.

use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The callout kinds a lesson may use (GitHub-style alerts: `> [!NOTE]`).
const ALERT_CLASSES: [&str; 5] = [
    "markdown-alert-note",
    "markdown-alert-tip",
    "markdown-alert-important",
    "markdown-alert-warning",
    "markdown-alert-caution",
];

/// Table cell alignment, carried as a class because the CSP forbids inline styles.
const ALIGN_CLASSES: [&str; 3] = ["w2b-align-left", "w2b-align-center", "w2b-align-right"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
}

/// Renders lesson Markdown to HTML that is safe to insert into the app's page.
///
/// Raw HTML in the source is sanitised like everything else (script, iframes, forms, styles and
/// event handlers are removed); links keep only `http`, `https` and `mailto` targets.
pub fn render(markdown: &str) -> String {
    // The parser may split one run of text at characters that could have been markup; join
    // the pieces again so an address is seen whole.
    let mut merged: Vec<Event<'_>> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match (merged.last_mut(), event) {
            (_, Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)) => {}
            (Some(Event::Text(previous)), Event::Text(text)) => {
                *previous = CowStr::from(format!("{previous}{text}"));
            }
            (_, event) => merged.push(event),
        }
    }
    let mut in_link = 0usize;
    let events = merged.into_iter().flat_map(move |event| {
        match &event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Text(text) if in_link == 0 => autolink(text),
            other => vec![other],
        }
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events);
    let raw = raw
        .replace(r#" style="text-align: left""#, r#" class="w2b-align-left""#)
        .replace(
            r#" style="text-align: center""#,
            r#" class="w2b-align-center""#,
        )
        .replace(
            r#" style="text-align: right""#,
            r#" class="w2b-align-right""#,
        );
    sanitiser().clean(&raw).to_string()
}

/// Turns bare `https://` and `http://` addresses in text into links, as GitHub does: pack
/// authors often list sources as "Name: https://...". Trailing punctuation that usually ends
/// the sentence rather than the address is left outside the link.
fn autolink(text: CowStr<'_>) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest
        .find("https://")
        .into_iter()
        .chain(rest.find("http://"))
        .min()
    {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
        if url.len() <= "https://".len() {
            events.push(Event::Text(CowStr::from(rest[..start + end].to_owned())));
            rest = &rest[start + end..];
            continue;
        }
        if start > 0 {
            events.push(Event::Text(CowStr::from(rest[..start].to_owned())));
        }
        let url = CowStr::from(url.to_owned());
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: url.clone(),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        events.push(Event::Text(url.clone()));
        events.push(Event::End(TagEnd::Link));
        rest = &rest[start + url.len()..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_owned())));
    }
    events
}

/// Something in lesson Markdown that [`render`] will strip or change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the Markdown.
    pub offset: usize,
    pub message: String,
    pub hint: &'static str,
}

/// Finds what the renderer will strip, so pack authors hear about it before learners do.
pub fn lint(markdown: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let finding = |message: String, hint| Finding {
            offset: range.start,
            message,
            hint,
        };
        match event {
            // One finding per element: closing tags and comments add nothing.
            Event::Html(html) | Event::InlineHtml(html) if !html.trim().starts_with("<!--") && !html.trim().starts_with("</") => findings.push(finding(
                format!("raw HTML `{}` is removed or reduced to plain formatting", html.trim().chars().take(40).collect::<String>()),
                "write it in Markdown instead",
            )),
            Event::Start(Tag::Image { dest_url, .. }) => findings.push(finding(
                format!("image `{dest_url}` is not shown in this version of the app; its alt text is shown instead"),
                "describe the picture in the alt text, or use a table",
            )),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let lower = dest_url.to_ascii_lowercase();
                if !["https://", "http://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
                    findings.push(finding(
                        format!("link target `{dest_url}` is removed: only https, http and mailto links are kept"),
                        "link to a web address, or remove the link",
                    ));
                }
            }
            _ => {}
        }
    }
    findings
}

fn sanitiser() -> Builder<'static> {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .id_prefix(Some("user-content-"))
        .rm_tags(["img"])
        .add_allowed_classes("blockquote", ALERT_CLASSES)
        .add_allowed_classes("th", ALIGN_CLASSES)
        .add_allowed_classes("td", ALIGN_CLASSES);
    builder
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn lesson_features_render() {
        let md = "## Reading a statement\n\nThe *variance* is **adverse**.\n\n\
                  | Line | Budget |\n|:--|--:|\n| Nursing | 1,200 |\n\n\
                  > [!NOTE]\n> **Worked example:** the sums.\n\n- one\n- two\n";
        insta::assert_snapshot!(render(md));
    }

    #[test]
    fn script_is_removed() {
        let out = render("Hello <script>window.__TAURI_INTERNALS__.invoke('x')</script> there");
        insta::assert_snapshot!(out);
        assert!(
            !out.contains("<script"),
            "a pack must never run script in the app: {out}"
        );
        assert!(
            !out.contains("__TAURI"),
            "script text must not survive either: {out}"
        );
    }

    #[test]
    fn event_handlers_are_removed() {
        let out = render(r#"<img src=x onerror="alert(1)"> <p onclick="alert(2)">hi</p>"#);
        insta::assert_snapshot!(out);
        assert!(
            !out.contains("onerror") && !out.contains("onclick"),
            "handlers run script: {out}"
        );
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let out =
            render("[click me](javascript:alert(1)) and <a href=\"javascript:alert(2)\">x</a>");
        insta::assert_snapshot!(out);
        assert!(
            !out.contains("javascript:"),
            "javascript: URLs run script: {out}"
        );
    }

    #[test]
    fn remote_images_are_not_loaded() {
        let out = render(
            "![tracking pixel](https://evil.example/p.png) <img src=\"http://evil.example/q.png\">",
        );
        insta::assert_snapshot!(out);
        assert!(
            !out.contains("<img"),
            "an image tag would make the app fetch a URL: {out}"
        );
        assert!(
            !out.contains("evil.example"),
            "no remote address may survive: {out}"
        );
        assert!(
            out.contains("tracking pixel"),
            "the alt text is still shown: {out}"
        );
    }

    #[test]
    fn frames_forms_styles_and_svg_are_removed() {
        let out = render(
            "<iframe src=\"https://evil.example\"></iframe><form action=\"https://evil.example\">\
             <input name=a></form><style>body{display:none}</style><svg onload=alert(1)></svg>\
             <a href=\"file:///etc/passwd\">f</a><p style=\"color:red\" id=\"main\">text</p>",
        );
        insta::assert_snapshot!(out);
        for banned in [
            "<iframe",
            "<form",
            "<input",
            "<style",
            "<svg",
            "file:",
            "style=",
            "id=\"main\"",
        ] {
            assert!(!out.contains(banned), "{banned} must be stripped: {out}");
        }
    }

    #[test]
    fn bare_addresses_become_links_without_their_full_stop() {
        let out =
            render("- NHS England, NHS Payment Scheme: https://www.england.nhs.uk/pay-syst/.\n");
        insta::assert_snapshot!(out);
        assert!(
            out.contains(r#"<a href="https://www.england.nhs.uk/pay-syst/" rel="noopener noreferrer">https://www.england.nhs.uk/pay-syst/</a>."#),
            "the address is a link and the full stop stays outside it: {out}"
        );
    }

    #[test]
    fn addresses_with_dashes_and_underscores_survive_whole() {
        let url = "https://www.gmc-uk.org/professional-standards/candour---openness-and_honesty/about_this";
        let out = render(&format!("GMC and NMC guidance: {url}\n"));
        assert!(
            out.contains(&format!(r#"<a href="{url}""#)),
            "the whole address is linked, unchanged: {out}"
        );
    }

    #[test]
    fn addresses_already_in_links_or_code_are_left_alone() {
        let out = render("[the CQC](https://www.cqc.org.uk/) and `https://example.org/x`");
        assert_eq!(
            out.matches("<a ").count(),
            1,
            "no link inside a link: {out}"
        );
        assert!(
            out.contains("<code>https://example.org/x</code>"),
            "code stays code: {out}"
        );
    }

    #[test]
    fn autolinks_cannot_smuggle_markup_or_schemes() {
        let out = render(
            "see https://x.example/\"onmouseover=alert(1) and javascript:https://y and https://",
        );
        assert!(
            !out.contains("onmouseover=\""),
            "the address cannot break out of its attribute: {out}"
        );
        assert!(
            !out.contains("href=\"javascript"),
            "only http(s) addresses are linked: {out}"
        );
    }

    #[test]
    fn lint_names_what_will_be_stripped_and_where() {
        let md = "Intro\n\n<script>x()</script>\n\n![chart](chart.png) [a](javascript:x) [b](other.md) [c](https://ok)\n";
        let found: Vec<(usize, String)> = super::lint(md)
            .into_iter()
            .map(|f| (f.offset, f.message))
            .collect();
        assert_eq!(
            found.len(),
            4,
            "script, image and two bad links, not the https link: {found:?}"
        );
        assert_eq!(found[0].0, 7, "the script's offset is reported");
        assert!(found[1].1.contains("image `chart.png`"), "{found:?}");
        assert!(
            found[2].1.contains("javascript:x") && found[3].1.contains("other.md"),
            "{found:?}"
        );
    }

    #[test]
    fn safe_links_are_kept_and_isolated() {
        let out = render("See [the CQC](https://www.cqc.org.uk/) or [mail us](mailto:a@b.c).");
        assert!(
            out.contains(r#"href="https://www.cqc.org.uk/" rel="noopener noreferrer""#),
            "https links stay usable, without an opener: {out}"
        );
        assert!(out.contains("mailto:a@b.c"), "mailto links stay: {out}");
    }
}
