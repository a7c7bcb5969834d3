//! What a reader of the bundle will see, checked against what it claims: the page
//! (`portfolio.html`) must be exactly the one Ward to Board makes from `portfolio.json`, and
//! each attachment's name and kind in the portfolio must match what the file is. A bundle
//! whose hashes all match can still lie here (a page swapped for a phishing form, with a
//! manifest made to match), so these checks come after the hashes.

use std::collections::{HashMap, HashSet};

use sha2::{Digest as _, Sha256};

use super::error::shown;
use super::{BundleProblem, PageCheck};
use crate::bundle::{
    render_html_in_parts, Manifest, PortfolioDocument, ATTACHMENTS_DIR, HTML_PATH,
};
use crate::file_names::{name_problem, NameProblem};
use crate::portfolio::attachment_media_type;

/// Adds a problem for a page other than the one made from the portfolio, and for any
/// attachment whose name or kind in the portfolio is not what the file is.
pub(super) fn check_meaning(
    document: &PortfolioDocument,
    manifest: &Manifest,
    media_types: &HashMap<String, &'static str>,
    page: PageCheck,
    problems: &mut Vec<BundleProblem>,
) {
    check_page(document, manifest, page, problems);
    let mut named = HashSet::new();
    for entry in &document.entries {
        for attachment in &entry.attachments {
            named.insert(attachment.path.as_str());
            let why = match (
                misleading(&attachment.file_name),
                attachment_media_type(&attachment.file_name),
                media_types.get(&attachment.path),
            ) {
                (Some(problem), _, _) => format!("the name is refused: it {problem}"),
                (None, Err(refused), _) => format!("the name is refused: {refused}"),
                // Refused by the allow-list, or missing: that is reported already.
                (None, Ok(_), None) => continue,
                (None, Ok(by_name), Some(by_content)) if by_name != *by_content => format!(
                    "the name is of another kind of file ({by_name}) from what it holds \
                     ({by_content})"
                ),
                (None, Ok(_), Some(by_content)) if attachment.media_type != *by_content => {
                    format!(
                        "it is listed as {} and holds {by_content}",
                        shown(&attachment.media_type)
                    )
                }
                (None, Ok(_), Some(_)) => continue,
            };
            problems.push(BundleProblem::new(
                &attachment.path,
                format!(
                    "is attached to the entry “{}” as `{}`, but {why}",
                    shown(&entry.title),
                    shown(&attachment.file_name)
                ),
            ));
        }
    }
    for listed in &manifest.files {
        if listed.path.starts_with(ATTACHMENTS_DIR) && !named.contains(listed.path.as_str()) {
            problems.push(BundleProblem::new(
                &listed.path,
                "is in the bundle but attached to no entry, so no reader would know it is there",
            ));
        }
    }
}

/// The shared name rules a name shown to a reader must keep: nothing invisible that makes it
/// read as another, and a length a file system takes. (Characters only Windows refuses are
/// left: a learner on a Mac may have attached `Rota: May.pdf`.)
fn misleading(name: &str) -> Option<NameProblem> {
    name_problem(name).filter(|p| {
        matches!(
            p,
            NameProblem::Control | NameProblem::Bidi { .. } | NameProblem::TooLong { .. }
        )
    })
}

/// The page must be, byte for byte, the one made from `portfolio.json`: its SHA-256 is in the
/// manifest (checked against the file already), so the page is made again and hashed part by
/// part, never held whole. With [`PageCheck::HashedOnly`] the page must still be there (its
/// hash was checked with the other files), but it is not made again.
fn check_page(
    document: &PortfolioDocument,
    manifest: &Manifest,
    page: PageCheck,
    problems: &mut Vec<BundleProblem>,
) {
    let Some(listed) = manifest.files.iter().find(|f| f.path == HTML_PATH) else {
        problems.push(BundleProblem::new(
            HTML_PATH,
            "is missing; every bundle holds the page made from its portfolio",
        ));
        return;
    };
    if page == PageCheck::HashedOnly {
        return;
    }
    let mut sha = Sha256::new();
    let mut bytes = 0u64;
    render_html_in_parts(document, |part| {
        sha.update(part.as_bytes());
        bytes += part.len() as u64;
    });
    if bytes == listed.size && hex::encode(sha.finalize()) == listed.sha256 {
        return;
    }
    let made_by = if manifest.app_version == crate::APP_VERSION {
        String::new()
    } else {
        format!(
            " (the bundle says it was made by Ward to Board {}, this is {}: if the learner's \
             version is older, ask them to update it and export again)",
            shown(&manifest.app_version),
            crate::APP_VERSION
        )
    };
    problems.push(BundleProblem::new(
        HTML_PATH,
        format!(
            "is not the page Ward to Board makes from {}, so it may show what the portfolio \
             does not say (a changed text, a form asking for a password, a script){made_by}",
            crate::bundle::PORTFOLIO_PATH
        ),
    ));
}
