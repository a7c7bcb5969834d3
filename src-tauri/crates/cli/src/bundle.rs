//! The `w2b bundle` commands: verify a portfolio bundle an appraiser received, and describe
//! it. Both verify the whole bundle first; neither writes anything.

use std::path::Path;
use std::process::ExitCode;

use serde_json::{json, Value};
use w2b_core::bundle::{verify_bundle, BundleError, VerifiedBundle};

/// 1 when the bundle has problems (each is listed); 2 when there is nothing this version can
/// check: not a bundle, unreadable, or from a newer version.
fn exit_code(error: &BundleError) -> ExitCode {
    match error {
        BundleError::NotABundle { .. } | BundleError::Io { .. } | BundleError::TooNew { .. } => {
            ExitCode::from(2)
        }
        _ => ExitCode::from(1),
    }
}

fn refused(error: &BundleError) -> ExitCode {
    eprintln!("{error}");
    if !error.problems().is_empty() {
        eprintln!("{} problem(s) found", error.problems().len());
    }
    exit_code(error)
}

/// "Signed by NAME (fingerprint ...)" or "Not signed": who vouches for the bundle.
fn signed_by(bundle: &VerifiedBundle) -> String {
    bundle.signer.as_ref().map_or_else(
        || "Not signed".to_owned(),
        |s| {
            format!(
                "Signed by {} (fingerprint {})",
                plain(s.name()),
                s.fingerprint()
            )
        },
    )
}

pub fn verify(path: &Path) -> ExitCode {
    match verify_bundle(path) {
        Ok(bundle) => {
            say!(
                "OK: {} files, {} entries, bundle {}",
                bundle.manifest.files.len(),
                bundle.document.entries.len(),
                bundle.manifest.bundle_id
            );
            say!("{}", signed_by(&bundle));
            ExitCode::SUCCESS
        }
        Err(error) => refused(&error),
    }
}

pub fn info(path: &Path, as_json: bool) -> ExitCode {
    match (verify_bundle(path), as_json) {
        (Ok(bundle), true) => {
            say!("{:#}", summary(&bundle));
            ExitCode::SUCCESS
        }
        (Ok(bundle), false) => {
            describe(&bundle);
            ExitCode::SUCCESS
        }
        (Err(error), true) => {
            let problems: Vec<Value> = error
                .problems()
                .iter()
                .map(|p| json!({ "path": p.path, "problem": p.problem }))
                .collect();
            let report = json!({
                "status": "refused",
                "message": error.to_string(),
                "problems": problems,
            });
            say!("{report:#}");
            exit_code(&error)
        }
        (Err(error), false) => refused(&error),
    }
}

/// Entries counted by kind, in the order the kinds first appear: (kind, label, count).
fn by_kind(bundle: &VerifiedBundle) -> Vec<(&str, &str, usize)> {
    let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
    for entry in &bundle.document.entries {
        match kinds.iter_mut().find(|(kind, _, _)| *kind == entry.kind) {
            Some((_, _, count)) => *count += 1,
            None => kinds.push((&entry.kind, &entry.kind_label, 1)),
        }
    }
    kinds
}

/// (count, bytes) of every entry's attachments.
fn attachments(bundle: &VerifiedBundle) -> (usize, u64) {
    bundle
        .document
        .entries
        .iter()
        .flat_map(|e| &e.attachments)
        .fold((0, 0), |(n, bytes), a| (n + 1, bytes + a.size))
}

fn summary(bundle: &VerifiedBundle) -> Value {
    let manifest = &bundle.manifest;
    let document = &bundle.document;
    let (attached, attached_bytes) = attachments(bundle);
    let kinds: Vec<Value> = by_kind(bundle)
        .into_iter()
        .map(|(kind, label, count)| json!({ "kind": kind, "label": label, "count": count }))
        .collect();
    let coverage: Vec<Value> = document
        .coverage
        .iter()
        .map(|c| {
            json!({
                "frameworkId": c.framework_id,
                "frameworkTitle": c.framework_title,
                "itemsCovered": c.items_covered,
                "itemsTotal": c.items_total,
            })
        })
        .collect();
    json!({
        "status": "verified",
        "bundleId": manifest.bundle_id,
        "formatVersion": manifest.format_version,
        "appVersion": manifest.app_version,
        "createdAt": manifest.created_at,
        "learner": manifest.learner,
        "periodFrom": manifest.period_from,
        "periodTo": manifest.period_to,
        "entries": { "total": document.entries.len(), "byKind": kinds },
        "attachments": { "count": attached, "bytes": attached_bytes },
        "goals": document.goals.len(),
        "coverage": coverage,
        "files": manifest.files.len(),
        "bytes": bundle.total_bytes,
        "manifestSha256": bundle.manifest_sha256,
        "signer": bundle.signer.as_ref().map(|s| json!({
            "name": s.name(),
            "fingerprint": s.fingerprint(),
        })),
    })
}

/// Text from the bundle, safe for a terminal: control characters (escape sequences
/// included) and direction marks are shown escaped, never sent.
pub(crate) fn plain(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_debug().collect::<Vec<_>>()
            } else if w2b_core::file_names::BIDI_CONTROLS.contains(&c) {
                // A direction mark would turn the rest of the line around.
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

fn period(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format!("{} to {}", plain(from), plain(to)),
        (Some(from), None) => format!("from {}", plain(from)),
        (None, Some(to)) => format!("up to {}", plain(to)),
        (None, None) => "all dates".into(),
    }
}

fn describe(bundle: &VerifiedBundle) {
    let manifest = &bundle.manifest;
    let document = &bundle.document;
    let kinds: Vec<String> = by_kind(bundle)
        .into_iter()
        .map(|(_, label, count)| format!("{count} {}", plain(label)))
        .collect();
    let (attached, attached_bytes) = attachments(bundle);
    say!("Bundle {}", manifest.bundle_id);
    say!("{}", signed_by(bundle));
    say!("Format version: {}", manifest.format_version);
    say!("Made by: Ward to Board {}", plain(&manifest.app_version));
    say!("Created: {}", plain(&manifest.created_at));
    say!(
        "Learner: {}",
        match manifest.learner.as_str() {
            "" => "(not given)".into(),
            name => plain(name),
        }
    );
    say!(
        "Period: {}",
        period(
            manifest.period_from.as_deref(),
            manifest.period_to.as_deref()
        )
    );
    say!(
        "Entries: {}{}",
        document.entries.len(),
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        }
    );
    say!("Attachments: {attached} ({attached_bytes} bytes)");
    say!("Goals: {}", document.goals.len());
    if document.coverage.is_empty() {
        say!("Coverage: none (no entry rates a framework)");
    } else {
        say!("Coverage:");
        for framework in &document.coverage {
            say!(
                "  {}: {} of {} items covered",
                plain(&framework.framework_title),
                framework.items_covered,
                framework.items_total
            );
        }
    }
    say!(
        "Files: {} ({} bytes), each matching the manifest",
        manifest.files.len(),
        bundle.total_bytes
    );
}
