//! The portfolio the bundle benchmarks export (`benches/bundle.rs`, and
//! `examples/export_portfolio.rs` for `make bench-compare`): entries over ten years with a few
//! paragraphs, ratings against the shipped framework, and every so often an attachment, half
//! prose and half PNG-headed random bytes (which, like a real photo, do not compress). Both
//! include this file by path beside their own `Rng`.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use w2b_core::frameworks;
use w2b_core::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryKind};
use w2b_core::store::Store;

use super::Rng;

pub const WORDS: &[&str] = &[
    "ward",
    "budget",
    "rota",
    "handover",
    "matron",
    "agency",
    "staffing",
    "vacancy",
    "sickness",
    "appraisal",
    "governance",
    "risk",
    "incident",
    "escalation",
    "capacity",
    "discharge",
    "patient",
    "safety",
    "quality",
    "audit",
    "board",
    "finance",
    "forecast",
    "variance",
    "meeting",
    "team",
    "feedback",
    "culture",
    "training",
    "policy",
    "the",
    "and",
    "we",
    "our",
    "agreed",
    "reviewed",
    "changed",
    "learned",
    "after",
    "before",
    "with",
    "for",
];

/// How many attachments, and how large: one entry in `every` has one, of `min_bytes` plus up
/// to `spread_bytes`.
pub struct Attachments {
    pub every: usize,
    pub min_bytes: usize,
    pub spread_bytes: usize,
}

/// The `i`th attachment: prose, or a PNG-headed picture of random bytes.
fn attachment(rng: &mut Rng, i: usize, sizes: &Attachments) -> (String, Vec<u8>) {
    let size = sizes.min_bytes + rng.below(sizes.spread_bytes);
    if i.is_multiple_of(2) {
        let mut text = String::with_capacity(size + 200);
        while text.len() < size {
            text.push_str(&rng.words(WORDS, 40));
            text.push_str(".\n");
        }
        (format!("meeting notes {i}.txt"), text.into_bytes())
    } else {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        while bytes.len() < size {
            bytes.extend_from_slice(&rng.next().to_le_bytes());
        }
        (format!("whiteboard photo {i}.png"), bytes)
    }
}

/// Saves `entries` generated entries into a new store in `dir`, through the app's own API,
/// and with `files`, each attachment also as a plain file there. Returns the attachments'
/// bytes in all.
pub fn build_portfolio(
    dir: &Path,
    now: DateTime<Utc>,
    entries: usize,
    sizes: &Attachments,
    files: Option<&Path>,
) -> u64 {
    let store = Store::open(dir, now).unwrap_or_else(|e| panic!("opens: {e}"));
    store
        .sync_builtin_pack(now)
        .unwrap_or_else(|e| panic!("built-in pack: {e}"));
    let behaviours: Vec<String> = frameworks::builtin()
        .iter()
        .filter(|f| f.id == "cmpf")
        .flat_map(|f| f.items().into_iter().map(|i| i.id.to_owned()))
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2016, 11, 24).unwrap_or_else(|| panic!("date"));
    let mut rng = Rng(0x0005_eedb_0d1e_2026);
    if let Some(files) = files {
        std::fs::create_dir_all(files).unwrap_or_else(|e| panic!("files folder: {e}"));
    }
    let mut attached = 0u64;
    for i in 0..entries {
        let mut body = String::new();
        for _ in 0..(3 + rng.below(3)) {
            let len = 50 + rng.below(31);
            body.push_str(&rng.words(WORDS, len));
            body.push_str(".\n\n");
        }
        let mut rated: Vec<BehaviourRating> = Vec::new();
        for _ in 0..rng.below(4) {
            let id = behaviours[rng.below(behaviours.len())].clone();
            if rated.iter().all(|r| r.behaviour_id != id) {
                rated.push(BehaviourRating {
                    framework_id: "cmpf".into(),
                    behaviour_id: id,
                    rating: 1 + rng.below(4) as u32,
                    justification: rng.words(WORDS, 20),
                });
            }
        }
        let kind = EntryKind::ALL[rng.below(EntryKind::ALL.len())];
        let date = first_day + chrono::Duration::days(rng.below(3_650) as i64);
        let new_uploads = if i.is_multiple_of(sizes.every) {
            let (name, bytes) = attachment(&mut rng, i / sizes.every, sizes);
            if let Some(files) = files {
                std::fs::write(files.join(&name), &bytes).unwrap_or_else(|e| panic!("file: {e}"));
            }
            attached += bytes.len() as u64;
            let upload = store
                .upload_attachment(&name, &bytes, now)
                .unwrap_or_else(|e| panic!("uploads: {e}"));
            vec![upload.id]
        } else {
            vec![]
        };
        let title_len = 3 + rng.below(5);
        let draft = EntryDraft {
            title: format!("{} {i}", rng.words(WORDS, title_len)),
            body,
            tags: vec![WORDS[rng.below(WORDS.len())].to_owned()],
            cpd: CpdTime {
                clinical_minutes: 0,
                management_minutes: if kind == EntryKind::Cpd { 60 } else { 0 },
                participatory: false,
            },
            behaviours: rated,
            new_uploads,
            ..EntryDraft::new(kind, String::new(), date.format("%Y-%m-%d").to_string())
        };
        store
            .save_entry(None, None, &draft, now)
            .unwrap_or_else(|e| panic!("saves entry {i}: {e}"));
    }
    attached
}
