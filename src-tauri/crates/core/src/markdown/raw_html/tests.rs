use super::*;

fn written(fragments: &[(&str, usize)]) -> String {
    let mut raw = RawHtml::default();
    let mut out = String::new();
    for (fragment, depth) in fragments {
        raw.write(fragment, *depth, &mut out);
    }
    raw.close_from(0, &mut out);
    out
}

#[test]
fn tags_are_written_again_in_one_plain_form() {
    assert_eq!(
        written(&[("<B class='a \"b\"' title=x>bold</b> &amp; <br/>", 0)]),
        r#"<b class="a &quot;b&quot;" title="x">bold</b> &amp; <br>"#
    );
}

#[test]
fn scripts_styles_svg_and_comments_go_with_their_content() {
    let out = written(&[(
        "a<script>x('<b>')</script>b<STYLE>p{}</Style>c<svg onload=x()><g/></svg>d<!-- <b> -->e\
         <!doctype html>f<?php x ?>g",
        0,
    )]);
    assert_eq!(out, "abcdefg");
}

#[test]
fn a_tag_that_never_ends_is_shown_as_text() {
    assert_eq!(
        written(&[("<b title=\"x>y <i>z", 0)]),
        "&lt;b title=\"x>y &lt;i>z"
    );
    assert_eq!(written(&[("1 < 2 <3 </ b", 0)]), "1 &lt; 2 &lt;3 &lt;/ b");
}

#[test]
fn no_more_than_the_limit_of_elements_is_ever_open() {
    let deep = "<div>".repeat(MAX_RAW_HTML_OPEN * 10);
    let out = written(&[(&deep, 0)]);
    assert_eq!(out.matches("<div>").count(), MAX_RAW_HTML_OPEN);
    assert_eq!(
        out.matches("</div>").count(),
        MAX_RAW_HTML_OPEN,
        "every element opened is closed at the end"
    );
}

#[test]
fn an_end_tag_closes_only_what_was_opened_at_its_own_depth() {
    // `<b>` opened in a paragraph cannot be closed from inside a table cell below it.
    let out = written(&[("<b>", 1), ("</b>", 3), ("</i>", 1), ("</b>", 1)]);
    assert_eq!(out, "<b></b>");
}

#[test]
fn attributes_past_the_limit_and_repeats_are_left_out() {
    let many: String = (0..MAX_RAW_HTML_ATTRIBUTES * 100)
        .map(|i| format!(" a{i}=v"))
        .collect();
    let out = written(&[(&format!("<span id=1 ID=2{many}>x</span>"), 0)]);
    assert_eq!(out.matches('=').count(), MAX_RAW_HTML_ATTRIBUTES);
    assert!(out.starts_with(r#"<span id="1" a0="v""#), "{out}");
}

#[test]
fn a_script_split_over_fragments_is_dropped_up_to_its_end_tag() {
    let mut raw = RawHtml::default();
    let mut out = String::new();
    raw.write("before<script>", 1, &mut out);
    assert!(raw.is_dropping(), "text after the start tag is dropped");
    raw.write("<b>x</b>", 1, &mut out);
    raw.write("</SCRIPT >after", 1, &mut out);
    assert!(!raw.is_dropping());
    assert_eq!(out, "beforeafter");
}

#[test]
fn elements_end_before_the_markdown_element_they_were_opened_in() {
    let mut raw = RawHtml::default();
    let mut out = String::new();
    raw.write("<b>", 0, &mut out);
    raw.write("<i>", 2, &mut out);
    raw.write("<u>", 3, &mut out);
    raw.close_from(2, &mut out);
    assert_eq!(
        out, "<b><i><u></u></i>",
        "the element at depth 2 ends: what it holds ends"
    );
    raw.close_from(0, &mut out);
    assert_eq!(out, "<b><i><u></u></i></b>");
}
