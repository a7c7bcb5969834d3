//! The files against the manifest: every file hashed as it streams past (`portfolio.json`
//! parsed on the way, within its limits; each attachment held to the allow-list), then the
//! portfolio checked against the manifest.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufReader};

use zip::ZipReadOptions;

use super::attachments::{read_attachment, Sniffed};
use super::entries::{Layout, StoredFile};
use super::error::shown;
use super::stream::{Damage, Digest, Hashing, StreamError};
use super::{malformed, short, too_long, unpack, Archive, BundleError, BundleProblem, PageCheck};
use crate::bundle::{
    learning_problems, Manifest, PortfolioDocument, ATTACHMENTS_DIR, HTML_PATH, MANIFEST_PATH,
    PORTFOLIO_PATH,
};
use crate::json_limits::{JsonLimitError, JsonLimits, LimitedJson};
use crate::portfolio::MAX_TEXT_BYTES;

/// The largest `portfolio.json` read (export refuses to write a larger one). 10,000 entries of
/// a page of text each (3 KB) come to about half of it. With the other limits this keeps
/// `bundle verify` of any input under 256 MiB of memory (under 200 MiB measured at the worst).
pub const MAX_PORTFOLIO_JSON_BYTES: u64 = 64 * 1024 * 1024;
/// Lists and objects inside each other in `portfolio.json`: the format needs six.
pub const MAX_PORTFOLIO_JSON_DEPTH: usize = 16;
/// Values in all in `portfolio.json`, keys included (an entry has about 40).
pub const MAX_PORTFOLIO_JSON_VALUES: u64 = 2_000_000;
/// Items in one list of `portfolio.json` (entries, tags, framework items, ...).
pub const MAX_PORTFOLIO_JSON_ITEMS: u64 = 100_000;
/// One text in `portfolio.json`: twice the longest entry text the app saves
/// ([`MAX_TEXT_BYTES`]), room for a reflection pasted with its formatting escaped.
pub const MAX_PORTFOLIO_TEXT_BYTES: u64 = 2 * MAX_TEXT_BYTES as u64;
/// Every limit `portfolio.json` is read within.
pub const PORTFOLIO_JSON_LIMITS: JsonLimits = JsonLimits {
    max_bytes: MAX_PORTFOLIO_JSON_BYTES,
    max_depth: MAX_PORTFOLIO_JSON_DEPTH,
    max_values: MAX_PORTFOLIO_JSON_VALUES,
    max_items: MAX_PORTFOLIO_JSON_ITEMS,
    max_text_bytes: MAX_PORTFOLIO_TEXT_BYTES,
};

/// What the files held: their total size, the portfolio, and what the allow-list made of
/// each attachment's contents (its media type), by archive path.
pub(super) struct Checked {
    pub total_bytes: u64,
    pub document: PortfolioDocument,
    pub media_types: HashMap<String, &'static str>,
}

/// Hashes every file against the manifest, parsing `portfolio.json` as it streams past and
/// holding each attachment to the allow-list. Every mismatch is collected; a file that lies
/// about its size, or a portfolio over its limits, stops everything at once.
pub(super) fn check_files(
    zip: &mut Archive,
    layout: &Layout,
    manifest: &Manifest,
    file: &str,
) -> Result<Checked, BundleError> {
    let mut problems = Vec::new();
    let mut by_path = HashMap::with_capacity(manifest.files.len());
    for entry in &manifest.files {
        if entry.path == MANIFEST_PATH {
            problems.push(BundleProblem::new(
                &entry.path,
                "is listed in itself; the manifest lists every other file",
            ));
        } else if by_path.insert(entry.path.as_str(), entry).is_some() {
            problems.push(BundleProblem::new(
                &entry.path,
                "is listed twice in the manifest",
            ));
        }
    }
    let mut seen = HashSet::with_capacity(layout.files.len());
    let mut media_types = HashMap::new();
    // Files that match the manifest but that no bundle may hold: unsafe, not tampered.
    let mut refused = Vec::new();
    let mut document = None;
    let mut total = 0u64;
    for stored in &layout.files {
        let Some(expected) = by_path.get(stored.name.as_str()) else {
            problems.push(BundleProblem::new(
                &stored.name,
                "is in the bundle but not in its manifest, so it was added after export",
            ));
            continue;
        };
        seen.insert(stored.name.as_str());
        let digest = if stored.name == PORTFOLIO_PATH {
            let (parsed, digest) = parse_portfolio(zip, stored, file)?;
            document = parsed;
            digest
        } else if stored.name.starts_with(ATTACHMENTS_DIR) {
            let (digest, sniffed) = read_attachment(zip, stored, file)?;
            match sniffed {
                Sniffed::Kept(media_type) => {
                    media_types.insert(stored.name.clone(), media_type);
                }
                Sniffed::Refused(why) => refused.push(BundleProblem::new(&stored.name, why)),
            }
            digest
        } else if stored.name == HTML_PATH {
            unpack(zip, stored, file, &mut io::sink())?
        } else {
            refused.push(BundleProblem::new(
                &stored.name,
                format!(
                    "is not part of a bundle, which holds {PORTFOLIO_PATH}, {HTML_PATH} and the \
                     files under {ATTACHMENTS_DIR} only"
                ),
            ));
            continue;
        };
        match digest {
            Err(why) => problems.push(BundleProblem::new(&stored.name, why.to_string())),
            Ok(digest) if digest.bytes != expected.size => problems.push(BundleProblem::new(
                &stored.name,
                format!(
                    "is {} bytes, but the manifest says {} bytes",
                    digest.bytes, expected.size
                ),
            )),
            Ok(digest) if digest.sha256 != expected.sha256 => problems.push(BundleProblem::new(
                &stored.name,
                "has changed since it was exported (its SHA-256 does not match the manifest)",
            )),
            Ok(digest) => total = total.saturating_add(digest.bytes),
        }
    }
    for entry in manifest.files.iter() {
        if entry.path != MANIFEST_PATH && !seen.contains(entry.path.as_str()) {
            problems.push(BundleProblem::new(
                &entry.path,
                "is listed in the manifest but missing from the bundle",
            ));
        }
    }
    if !by_path.contains_key(PORTFOLIO_PATH)
        && !layout.files.iter().any(|f| f.name == PORTFOLIO_PATH)
    {
        problems.push(BundleProblem::new(
            PORTFOLIO_PATH,
            "is missing; every bundle holds the portfolio",
        ));
    }
    match document {
        _ if !problems.is_empty() => Err(BundleError::Tampered {
            file: file.to_owned(),
            problems: problems.into_iter().chain(refused).collect(),
        }),
        _ if !refused.is_empty() => Err(BundleError::Unsafe {
            file: file.to_owned(),
            problems: refused,
        }),
        Some(Ok(document)) => Ok(Checked {
            total_bytes: total,
            document,
            media_types,
        }),
        Some(Err(error)) => Err(malformed(file, PORTFOLIO_PATH, &error)),
        // Unreachable: a missing portfolio is a problem above. Refuse rather than assume.
        None => Err(BundleError::NotABundle {
            file: file.to_owned(),
            reason: format!("it holds no {PORTFOLIO_PATH}"),
        }),
    }
}

type Parsed = Result<PortfolioDocument, serde_json::Error>;

/// Parses `portfolio.json` from the archive through the hasher, so the biggest file is
/// unpacked once. A parse that stops early still hashes the rest: a changed file is
/// reported as changed, not as malformed. No parse when the entry cannot even be opened.
fn parse_portfolio(
    zip: &mut Archive,
    stored: &StoredFile,
    file: &str,
) -> Result<(Option<Parsed>, Result<Digest, Damage>), BundleError> {
    let options = ZipReadOptions::new().ignore_crc32(true);
    let entry = match zip.by_index_with_options(stored.index, options) {
        Ok(entry) => entry,
        Err(e) => return Ok((None, Err(Damage::Unpackable(e.to_string())))),
    };
    if stored.size > MAX_PORTFOLIO_JSON_BYTES {
        let limit = MAX_PORTFOLIO_JSON_BYTES;
        return Err(over_limit(file, &JsonLimitError::TooLarge { limit }));
    }
    let mut hashing = Hashing::new(entry, stored.size);
    let mut limited = LimitedJson::new(&mut hashing, PORTFOLIO_JSON_LIMITS);
    let parsed = serde_json::from_reader(BufReader::with_capacity(64 * 1024, &mut limited));
    if let Some(exceeded) = limited.exceeded() {
        return Err(over_limit(file, exceeded));
    }
    let digest = match hashing.finish(&mut io::sink()) {
        Ok(digest) if digest.bytes < stored.size => Err(short(&digest, stored)),
        Ok(digest) => Ok(digest),
        Err(StreamError::TooLong { limit }) => return Err(too_long(file, &stored.name, limit)),
        Err(StreamError::Damaged(e)) => Err(Damage::Unpackable(e)),
    };
    Ok((Some(parsed), digest))
}

/// A portfolio over one of its limits: refused as unsafe the moment the limit is passed, so
/// a hostile file is never read whole.
fn over_limit(file: &str, exceeded: &JsonLimitError) -> BundleError {
    BundleError::Unsafe {
        file: file.to_owned(),
        problems: vec![BundleProblem::new(
            PORTFOLIO_PATH,
            format!(
                "{exceeded}: reading stopped there, as no portfolio Ward to Board writes comes \
                 near it"
            ),
        )],
    }
}

/// `portfolio.json` must belong to this bundle, and every attachment it names must be in
/// the manifest with the same size and SHA-256.
pub(super) fn check_document(
    checked: &Checked,
    manifest: &Manifest,
    file: &str,
    page: PageCheck,
) -> Result<(), BundleError> {
    let document = &checked.document;
    let mut problems = Vec::new();
    if document.bundle_id != manifest.bundle_id {
        problems.push(BundleProblem::new(
            PORTFOLIO_PATH,
            format!(
                "belongs to bundle {}, but the manifest is for bundle {}: files from two \
                 exports were mixed",
                shown(&document.bundle_id),
                manifest.bundle_id
            ),
        ));
    }
    if document.format_version != manifest.format_version {
        problems.push(BundleProblem::new(
            PORTFOLIO_PATH,
            format!(
                "says it is format {}, but the manifest says {}",
                document.format_version, manifest.format_version
            ),
        ));
    }
    for problem in learning_problems(document.format_version, document.learning.as_deref()) {
        problems.push(BundleProblem::new(PORTFOLIO_PATH, problem));
    }
    let listed: HashMap<&str, _> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    for entry in &document.entries {
        for attachment in &entry.attachments {
            let why = match listed.get(attachment.path.as_str()) {
                _ if !attachment.path.starts_with(ATTACHMENTS_DIR) => {
                    format!("is not in {ATTACHMENTS_DIR}")
                }
                None => "is not in the manifest".to_owned(),
                Some(f) if f.size != attachment.size || f.sha256 != attachment.sha256 => {
                    "has a different size or SHA-256 in the manifest".to_owned()
                }
                Some(_) => continue,
            };
            problems.push(BundleProblem::new(
                &attachment.path,
                format!(
                    "is attached to the entry “{}” but {why}",
                    shown(&entry.title)
                ),
            ));
        }
    }
    for (title, framework_id, item_id) in
        super::super::unresolved_ratings(&document.entries, &document.frameworks)
    {
        problems.push(BundleProblem::new(
            PORTFOLIO_PATH,
            format!(
                "the entry “{}” is rated against `{}`, which is not in the framework `{}` the \
                 bundle carries",
                shown(title),
                shown(item_id),
                shown(framework_id)
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(BundleError::Tampered {
            file: file.to_owned(),
            problems,
        });
    }
    // What a reader sees is judged once the portfolio belongs to this bundle at all; a bundle
    // that would mislead its reader is refused as unsafe, as its files match its manifest.
    super::meaning::check_meaning(
        document,
        manifest,
        &checked.media_types,
        page,
        &mut problems,
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(BundleError::Unsafe {
            file: file.to_owned(),
            problems,
        })
    }
}
