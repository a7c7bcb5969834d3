//! Markdown built to be slow or to sneak links out (issue #17, finding 1 and the `mailto:`
//! part of finding 5): deep nesting is flattened to the stated limits, raw HTML never opens
//! more than its limit, output stays in proportion to input, and only https, mailto and the
//! app's own addresses survive as links.

use super::super::*;
use super::generated::depth;

/// How many times `needle` occurs in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn eighty_thousand_quote_markers_on_one_line_render_as_the_limit_of_quotes() {
    let md = ">".repeat(80_000) + " deep";
    let out = render(&md);
    assert_eq!(count(&out, "<blockquote>"), MAX_NESTING, "{}", &out[..200]);
    assert_eq!(count(&out, "</blockquote>"), MAX_NESTING);
    assert!(out.contains("deep"), "the text inside is kept");
}

#[test]
fn a_note_of_quote_markers_renders_bounded() {
    // The 250 KB note from the report: every line opens one more level.
    let md = ">\n".repeat(125_000);
    let out = render(&md);
    assert!(
        count(&out, "<blockquote>") <= MAX_NESTING,
        "{} quotes",
        count(&out, "<blockquote>")
    );
    assert!(
        out.len() < md.len(),
        "no more output than input: {}",
        out.len()
    );
}

#[test]
fn deep_lists_keep_their_items_but_not_their_depth() {
    let md = "- ".repeat(5_000) + "last";
    let out = render(&md);
    assert_eq!(count(&out, "<ul>"), MAX_NESTING);
    assert_eq!(count(&out, "</ul>"), MAX_NESTING);
    assert!(out.contains("last"));

    let items: String = (0..100)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let out = render(&items);
    assert_eq!(count(&out, "<ul>"), MAX_NESTING);
    for i in [0, 31, 32, 99] {
        assert!(
            out.contains(&format!("item {i}")),
            "item {i} is shown: {out}"
        );
    }
}

#[test]
fn emphasis_nested_past_the_element_limit_becomes_text() {
    let md = format!("{}x{}", "*a ".repeat(2_000), " a*".repeat(2_000));
    let out = render(&md);
    assert!(depth(&out) <= MAX_ELEMENT_DEPTH, "{} deep", depth(&out));
    assert!(out.contains('x'));
}

#[test]
fn raw_html_never_opens_more_than_its_limit() {
    for md in [
        "<div>".repeat(100_000),
        format!("text {}", "<b>".repeat(50_000)),
        format!("text {}", "<span title=a>".repeat(50_000)),
        "<div>\n".repeat(20_000),
    ] {
        let out = render(&md);
        assert!(
            depth(&out) <= MAX_RAW_HTML_OPEN + 1,
            "{} deep from {}",
            depth(&out),
            &md[..20]
        );
        let elements = count(&out, "<div") + count(&out, "<b>") + count(&out, "<span");
        assert!(
            elements <= MAX_RAW_HTML_OPEN,
            "{elements} elements from {}",
            &md[..20]
        );
    }
}

#[test]
fn a_tag_with_a_hundred_thousand_attributes_keeps_a_few() {
    let md = format!("<b {}>x</b>", "a=1 ".repeat(100_000));
    let out = render(&md);
    assert_eq!(
        out, "<p><b>x</b></p>\n",
        "none of these attributes is allowed anyway"
    );
}

#[test]
fn output_stays_in_proportion_to_input_for_every_shape() {
    let shapes = [
        ">".repeat(100_000),
        "- ".repeat(50_000),
        "* ".repeat(50_000),
        "1. ".repeat(30_000),
        "[".repeat(100_000),
        "*a".repeat(50_000),
        "https://a.example/ ".repeat(5_000),
        "| a |\n|---|\n".to_owned() + &"| x |\n".repeat(20_000),
        "<i>".repeat(30_000),
        "a\\\n".repeat(30_000),
    ];
    for md in shapes {
        let out = render(&md);
        assert!(
            out.len() <= 12 * md.len() + 1024,
            "{} bytes from {} bytes of {:?}",
            out.len(),
            md.len(),
            &md[..12]
        );
    }
}

#[test]
fn only_https_mailto_and_lesson_links_keep_their_target() {
    let out = render(
        "[a](http://plain.example/) [b](ftp://x/) [c](file:///etc/passwd) [d](https://ok.example/) \
         [e](mailto:a@nhs.net) <a href=\"tel:123\">f</a> <a href=\"data:text/html,x\">g</a> \
         http://bare.example/ https://bare.example/",
    );
    let hrefs: Vec<&str> = out
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://ok.example/",
            "mailto:a@nhs.net",
            "https://bare.example/"
        ],
        "{out}"
    );
    assert!(
        out.contains("http://bare.example/"),
        "a bare http address stays as text"
    );
}

#[test]
fn mail_links_lose_attachments_and_copies() {
    let out = render(
        "[write](mailto:a@nhs.net?subject=Hi&attach=%2Fetc%2Fpasswd&bcc=x@evil.example&body=Text)",
    );
    assert!(
        out.contains(r#"href="mailto:a@nhs.net?subject=Hi&amp;body=Text""#),
        "{out}"
    );
    assert!(!out.contains("attach") && !out.contains("bcc"), "{out}");
}

#[test]
fn pack_check_hears_where_nesting_goes_too_deep_once() {
    let md = format!(
        "Intro\n\n{}deep\n\n{}again\n",
        ">".repeat(40),
        "- ".repeat(40)
    );
    let found = scan(&md).too_deep;
    assert_eq!(found.len(), 1, "one finding per kind and lesson: {found:?}");
    assert_eq!(
        found[0].offset,
        7 + MAX_NESTING,
        "where the 33rd level opens"
    );
    assert!(
        found[0].message.contains("more than 32 deep"),
        "{}",
        found[0].message
    );

    let md = format!("{}x{}", "*a ".repeat(100), " a*".repeat(100));
    let found = scan(&md).too_deep;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("elements are nested"),
        "{}",
        found[0].message
    );

    assert!(scan(&format!("{}ok", "> ".repeat(MAX_NESTING)))
        .too_deep
        .is_empty());
}

#[test]
fn a_thousand_copies_of_one_mistake_are_fifty_warnings_and_a_count() {
    let md = "<b>x</b> ".repeat(1_000);
    let findings = scan(&md).findings;
    assert_eq!(findings.len(), MAX_FINDINGS_PER_LESSON + 1);
    assert_eq!(
        findings.last().map(|f| f.message.as_str()),
        Some("950 more warnings like the ones above are not listed")
    );
}

#[test]
fn what_may_be_handed_to_the_system_is_https_as_written_or_a_trimmed_mailto() {
    let cases = [
        (
            "HTTPS://Example.org/a?b=c#d",
            Some("HTTPS://Example.org/a?b=c#d"),
        ),
        (
            "mailto:?to=a@nhs.net&Subject=Hi&x-header=1",
            Some("mailto:?to=a@nhs.net&Subject=Hi"),
        ),
        (
            "mailto:a@nhs.net?%61ttach=/etc/passwd",
            Some("mailto:a@nhs.net"),
        ),
        ("mailto:a@nhs.net?", Some("mailto:a@nhs.net")),
        (
            "mailto:a@nhs.net?body=line%0Aline",
            Some("mailto:a@nhs.net?body=line%0Aline"),
        ),
        ("mailto:a@nhs.net?body=a\u{7}b", None),
        ("https:/one-slash.example", None),
        (" https://leading-space.example", None),
        ("#/lesson/p/x", None),
    ];
    for (url, expected) in cases {
        assert_eq!(outside_link(url).as_deref(), expected, "{url:?}");
    }
}

#[test]
fn long_runs_of_text_reach_the_sanitiser_in_short_pieces() {
    // One run of 400,000 `&` cost the sanitiser's parser time in the square of its length.
    let md = "&".repeat(400_000);
    let out = render(&md);
    assert_eq!(
        count(&out, "&amp;"),
        400_000,
        "every character is kept, and no break shows"
    );
    let raw = format!("<div>{}</div>", "&amp;".repeat(100_000));
    assert_eq!(count(&render(&raw), "&amp;"), 100_000);
    let long_title = format!(
        "<b title=\"{}\">x</b>",
        "&amp;".repeat(MAX_RAW_HTML_ATTRIBUTE_BYTES)
    );
    assert_eq!(
        render(&long_title),
        "<p><b>x</b></p>\n",
        "a title that long is dropped"
    );
}

#[test]
fn a_link_with_an_address_longer_than_any_needs_loses_it() {
    let md = format!(
        "[x](https://a.example/?{}) [y](https://ok.example/)",
        "&a".repeat(MAX_RAW_HTML_ATTRIBUTE_BYTES)
    );
    let out = render(&md);
    assert_eq!(
        count(&out, "href="),
        1,
        "only the ordinary link keeps its address: {}",
        &out[..80]
    );
}
