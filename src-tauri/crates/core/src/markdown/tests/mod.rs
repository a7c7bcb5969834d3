use std::collections::{HashMap, HashSet};

use super::*;

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
    let out = render("[click me](javascript:alert(1)) and <a href=\"javascript:alert(2)\">x</a>");
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
    let out = render("- NHS England, NHS Payment Scheme: https://www.england.nhs.uk/pay-syst/.\n");
    insta::assert_snapshot!(out);
    assert!(
        out.contains(r#"<a href="https://www.england.nhs.uk/pay-syst/" rel="noopener noreferrer">https://www.england.nhs.uk/pay-syst/</a>."#),
        "the address is a link and the full stop stays outside it: {out}"
    );
}

#[test]
fn addresses_with_dashes_and_underscores_survive_whole() {
    let url =
        "https://www.gmc-uk.org/professional-standards/candour---openness-and_honesty/about_this";
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
        "only https addresses are linked: {out}"
    );
}

#[test]
fn lint_names_what_will_be_stripped_and_where() {
    let md = "Intro\n\n<script>x()</script>\n\n![pixel](https://evil.example/p.png) [a](javascript:x) [b](other.md) [c](https://ok)\n";
    let found: Vec<(usize, String)> = scan(md)
        .findings
        .into_iter()
        .map(|f| (f.offset, f.message))
        .collect();
    assert_eq!(
        found.len(),
        3,
        "script, remote image, javascript link; not the https or relative link: {found:?}"
    );
    assert_eq!(found[0].0, 7, "the script's offset is reported");
    assert!(
        found[1].1.contains("image `https://evil.example/p.png`"),
        "{found:?}"
    );
    assert!(found[2].1.contains("javascript:x"), "{found:?}");
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

#[test]
fn references_list_relative_images_and_links() {
    let md = "![chart](images/c.png) [next](02-next.md#top) [web](https://x.org) [top](#top)";
    let found: Vec<(ReferenceKind, String)> = scan(md)
        .references
        .into_iter()
        .map(|r| (r.kind, r.target))
        .collect();
    assert_eq!(
        found,
        [
            (ReferenceKind::Image, "images/c.png".to_owned()),
            (ReferenceKind::Link, "02-next.md#top".to_owned())
        ],
        "only relative targets need resolving"
    );
}

#[test]
fn relative_paths_resolve_inside_the_pack_only() {
    assert_eq!(
        resolve_relative("m/01.md", "images/a.png").as_deref(),
        Some("m/images/a.png"),
        "beside the lesson"
    );
    assert_eq!(
        resolve_relative("m/01.md", "../n/02.md#x").as_deref(),
        Some("n/02.md"),
        "another module"
    );
    assert_eq!(
        resolve_relative("m/01.md", "../../etc/passwd"),
        None,
        "never above the pack"
    );
    assert_eq!(
        resolve_relative("m/01.md", "/etc/passwd"),
        None,
        "never absolute"
    );
    assert_eq!(
        resolve_relative("m/01.md", "file:x"),
        None,
        "never a scheme"
    );
}

#[test]
fn pack_images_and_lesson_links_render_as_app_addresses() {
    let lessons = HashMap::from([("m/02 next.md".to_owned(), "next-lesson".to_owned())]);
    let assets = HashSet::from(["m/images/chart 1.png".to_owned()]);
    let context = LessonContext {
        pack_id: "p.one",
        lesson_path: "m/01.md",
        lessons: &lessons,
        assets: &assets,
    };
    let md = "![A chart](<images/chart 1.png>) ![gone](images/missing.png) [Next](<02 next.md>) [up](../x.md)";
    let out = render_lesson(md, &context).html;
    insta::assert_snapshot!(out);
    assert!(
        out.contains(r#"src="w2b-pack://localhost/p.one/m/images/chart%201.png""#),
        "pack image served by the app: {out}"
    );
    assert!(
        !out.contains("missing.png"),
        "an image the pack lacks is not requested: {out}"
    );
    assert!(
        out.contains(r##"href="#/lesson/p.one/next-lesson""##),
        "lesson links become app routes: {out}"
    );
    assert!(
        !out.contains("x.md"),
        "a link to no lesson is removed: {out}"
    );
}

#[test]
fn raw_html_cannot_load_remote_images_or_link_into_packs() {
    let lessons = HashMap::new();
    let assets = HashSet::new();
    let context = LessonContext {
        pack_id: "p",
        lesson_path: "m/01.md",
        lessons: &lessons,
        assets: &assets,
    };
    let out = render_lesson(
        "<img src=\"https://evil.example/t.png\" onerror=\"x()\"> <a href=\"w2b-pack://localhost/p/x\">x</a>",
        &context,
    )
    .html;
    assert!(
        !out.contains("evil.example") && !out.contains("onerror"),
        "remote sources and handlers go: {out}"
    );
    assert!(
        !out.contains(r#"href="w2b-pack"#),
        "no link into pack files: {out}"
    );
}

#[test]
fn asset_urls_round_trip_and_refuse_escapes() {
    let url = asset_url("p.one", "m/images/chart 1 ü.png");
    let path = url
        .strip_prefix("w2b-pack://localhost")
        .expect("app address");
    assert_eq!(
        parse_asset_path(path),
        Some(("p.one".into(), "m/images/chart 1 ü.png".into())),
        "round trip"
    );
    assert_eq!(
        parse_asset_path("/p/m/%2E%2E/x.png"),
        None,
        "encoded .. cannot escape"
    );
    assert_eq!(
        parse_asset_path("/p/m/x%2"),
        None,
        "broken escapes are refused"
    );
    assert_eq!(parse_asset_path("/p/"), None, "no file named");
}

#[test]
fn a_lessons_sections_carry_the_ids_of_its_rendered_headings() {
    let (lessons, assets) = (HashMap::new(), HashSet::new());
    let context = LessonContext {
        pack_id: "p",
        lesson_path: "m/01.md",
        lessons: &lessons,
        assets: &assets,
    };
    let md = "Intro.\n\n## Reading a `YTD`  statement\n\nText.\n\n### Not listed\n\n## The *second* one\n";
    let out = render_lesson(md, &context);
    assert_eq!(
        out.sections,
        [
            Section {
                id: "user-content-section-1".into(),
                title: "Reading a YTD statement".into()
            },
            Section {
                id: "user-content-section-2".into(),
                title: "The second one".into()
            },
        ]
    );
    for section in &out.sections {
        assert!(
            out.html.contains(&format!("<h2 id=\"{}\">", section.id)),
            "{} is the id of its heading: {}",
            section.id,
            out.html
        );
    }
}

mod generated;
mod hostile;
