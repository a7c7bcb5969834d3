//! Lesson Markdown to sanitised HTML: the one place pack text becomes markup the app shows.
//!
//! Packs come from other people, and any script that reaches the page can call the app's
//! commands, so the output of pulldown-cmark is never trusted: it goes through an ammonia
//! allow-list. Images are not rendered yet (packs will get app-served images); a remote image
//! in particular must never make the app touch the network, so images become their alt text.

use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

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
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
}

/// Renders lesson Markdown to HTML that is safe to insert into the app's page.
///
/// Raw HTML in the source is sanitised like everything else (script, iframes, forms, styles and
/// event handlers are removed); links keep only `http`, `https` and `mailto` targets.
pub fn render(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).filter(|event| {
        !matches!(
            event,
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)
        )
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events);
    let raw = raw
        .replace(r#" style="text-align: left""#, r#" class="w2b-align-left""#)
        .replace(r#" style="text-align: center""#, r#" class="w2b-align-center""#)
        .replace(r#" style="text-align: right""#, r#" class="w2b-align-right""#);
    sanitiser().clean(&raw).to_string()
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
        assert!(!out.contains("<script"), "a pack must never run script in the app: {out}");
        assert!(!out.contains("__TAURI"), "script text must not survive either: {out}");
    }

    #[test]
    fn event_handlers_are_removed() {
        let out = render(r#"<img src=x onerror="alert(1)"> <p onclick="alert(2)">hi</p>"#);
        insta::assert_snapshot!(out);
        assert!(!out.contains("onerror") && !out.contains("onclick"), "handlers run script: {out}");
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let out = render("[click me](javascript:alert(1)) and <a href=\"javascript:alert(2)\">x</a>");
        insta::assert_snapshot!(out);
        assert!(!out.contains("javascript:"), "javascript: URLs run script: {out}");
    }

    #[test]
    fn remote_images_are_not_loaded() {
        let out = render("![tracking pixel](https://evil.example/p.png) <img src=\"http://evil.example/q.png\">");
        insta::assert_snapshot!(out);
        assert!(!out.contains("<img"), "an image tag would make the app fetch a URL: {out}");
        assert!(!out.contains("evil.example"), "no remote address may survive: {out}");
        assert!(out.contains("tracking pixel"), "the alt text is still shown: {out}");
    }

    #[test]
    fn frames_forms_styles_and_svg_are_removed() {
        let out = render(
            "<iframe src=\"https://evil.example\"></iframe><form action=\"https://evil.example\">\
             <input name=a></form><style>body{display:none}</style><svg onload=alert(1)></svg>\
             <a href=\"file:///etc/passwd\">f</a><p style=\"color:red\" id=\"main\">text</p>",
        );
        insta::assert_snapshot!(out);
        for banned in ["<iframe", "<form", "<input", "<style", "<svg", "file:", "style=", "id=\"main\""] {
            assert!(!out.contains(banned), "{banned} must be stripped: {out}");
        }
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
