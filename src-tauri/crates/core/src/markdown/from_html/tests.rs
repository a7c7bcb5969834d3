use super::*;

#[test]
fn paragraphs_headings_and_emphasis_become_markdown() {
    let md = html_to_markdown(
        "<h2>Budgets</h2><p>Read your <strong>monthly</strong> statement, <em>then</em> ask.</p>\
         <p>Second&nbsp;paragraph &amp; more.</p>",
    );
    assert_eq!(
        md,
        "## Budgets\n\nRead your **monthly** statement, *then* ask.\n\nSecond paragraph & more."
    );
}

#[test]
fn lists_nest_and_number() {
    let md = html_to_markdown(
        "<ul><li>One</li><li>Two<ol><li>First</li><li>Second</li></ol></li></ul><p>After</p>",
    );
    assert_eq!(md, "- One\n- Two\n   1. First\n   2. Second\n\nAfter");
}

#[test]
fn scripts_styles_comments_and_images_leave_nothing() {
    let md = html_to_markdown(
        "<p>Keep</p><script>alert('x<p>')</script><style>p{}</style><!-- hidden --><img src=x \
         onerror=alert(1)><iframe src=\"https://example.org\">frame</iframe><p>this</p>",
    );
    assert_eq!(md, "Keep\n\nthis");
}

#[test]
fn only_web_and_mail_links_are_kept() {
    let md = html_to_markdown(
        "<p><a href=\"https://www.nhs.uk/x?a=1&amp;b=2\">NHS</a> and \
         <a href=\"javascript:alert(1)\">bad</a> and <a href='mailto:a@b.org'>mail</a></p>",
    );
    assert_eq!(
        md,
        "[NHS](<https://www.nhs.uk/x?a=1&b=2>) and bad and [mail](<mailto:a@b.org>)"
    );
}

#[test]
fn markdown_in_the_text_is_escaped_not_obeyed() {
    let md = html_to_markdown("<p># not a heading, *not bold*, [not](a link) &lt;b&gt;</p>");
    assert_eq!(
        md,
        "\\# not a heading, \\*not bold\\*, \\[not\\](a link) \\<b\\>"
    );
}

#[test]
fn quotes_code_and_breaks() {
    let md = html_to_markdown(
        "<blockquote><p>Said once</p></blockquote><pre>a  b\n  c</pre><p>x<br>y <code>z</code></p>",
    );
    assert_eq!(md, "> Said once\n\n```\na  b\n  c\n```\n\nx  \ny `z`");
}

#[test]
fn broken_markup_never_fails() {
    for html in [
        "<p",
        "<<<>>>",
        "<a href=\"unterminated>text",
        "&#xFFFFFFFF; &#0; &bogus; &",
        "</p></ul></li>",
        "<ul><li>open",
        "<pre>never closed",
        "<script>never closed",
        "<!-- never closed",
    ] {
        let md = html_to_markdown(html);
        assert!(
            !md.contains("never closed") || html.starts_with("<ul") || html.starts_with("<pre"),
            "{html:?} → {md:?}"
        );
    }
    assert_eq!(html_to_markdown("a < b"), "a \\< b", "a lone '<' is text");
}

#[test]
fn plain_text_passes_through() {
    assert_eq!(
        html_to_markdown("Just text,\nwrapped."),
        "Just text, wrapped."
    );
}

#[test]
fn deep_quotes_and_lists_are_written_no_deeper_than_the_limit() {
    let depth = 5_000;
    let lines = 2_000;
    let html = format!(
        "{}<ul>{}</ul>{}",
        "<blockquote><ul><li>".repeat(depth),
        "<li>line".repeat(lines),
        "</li></ul></blockquote>".repeat(depth)
    );
    let markdown = html_to_markdown(&html);
    let widest = "> ".repeat(MAX_HTML_NESTING) + &"   ".repeat(MAX_HTML_NESTING) + "- line";
    assert!(
        markdown.lines().all(|l| l.len() <= widest.len()),
        "no line is longer than the limit's prefix and its text"
    );
    assert_eq!(
        markdown.lines().filter(|l| l.ends_with("- line")).count(),
        lines,
        "every item's text is kept"
    );
    // Unbounded, each of the 7,000 lines would start with up to 25,000 bytes of prefix.
    assert!(
        markdown.len() < 5 * html.len(),
        "the output ({} bytes) grows with the input ({} bytes), not depth × lines",
        markdown.len(),
        html.len()
    );
}
