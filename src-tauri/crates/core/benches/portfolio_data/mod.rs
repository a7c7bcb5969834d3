//! The generated portfolio the portfolio benchmarks and the search comparison share: entries
//! of NHS management prose saved through the app's own save path, at 10,000 and 100,000
//! entries, each size built once into the target folder and copied for every run.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use w2b_core::frameworks;
use w2b_core::portfolio::{
    BehaviourRating, CpdTime, EntryDraft, EntryKind, EntryLesson, FeedbackSource, Reflection,
    ReflectionSection, ReflectionTemplate,
};
use w2b_core::revalidation::RevalidationSettings;
use w2b_core::store::{Store, BACKUP_DIR, DATABASE_FILE, SCHEMA_VERSION};

use crate::generated::{cached_store, Rng};

pub const SIZES: [usize; 2] = [10_000, 100_000];
/// Bump when the generated entries change, so the cached databases are rebuilt.
const GENERATOR: u32 = 2;
/// In about one entry in this many, so a search for it finds a handful.
const RARE_EVERY: usize = 2_500;
pub const RARE_WORD: &str = "thrombectomy";
/// In nearly every entry.
pub const COMMON_WORD: &str = "ward";

/// The prose entries are written in, a word at a time; repeats make the common words common.
const WORDS: &str = "\
     ward budget rota handover matron band agency bank staffing establishment vacancy \
     sickness absence appraisal objective governance risk register incident datix escalation \
     capacity demand flow discharge bed patient safety quality improvement audit outcome \
     board trust commissioner finance forecast variance overspend underspend cost improvement \
     business case meeting huddle team leadership feedback complaint compliment candour \
     culture wellbeing training mandatory compliance policy procedure pathway theatre clinic \
     outpatient referral waiting list target performance dashboard metric report assurance \
     inspection CQC standard review plan priority action decision stakeholder manager \
     director nurse consultant therapist pharmacist porter estates procurement supplies \
     equipment capital revenue recruitment retention turnover induction supervision \
     one-to-one shift night weekend winter pressure surge the the the and and of to with for \
     we our I was on in a a that this after before agreed discussed reviewed noticed changed \
     learned";

const TAGS: &str = "\
     finance rota recruitment appraisal governance risk quality safety incident complaint \
     compliment budget agency sickness wellbeing handover flow discharge winter audit CQC \
     training induction leadership culture meeting board business-case QI escalation staffing \
     theatres outpatients procurement estates digital patient-voice teaching research \
     revalidation";

static WORD_LIST: LazyLock<Vec<&str>> = LazyLock::new(|| WORDS.split_whitespace().collect());
static TAG_LIST: LazyLock<Vec<&str>> = LazyLock::new(|| TAGS.split_whitespace().collect());

fn draft(
    i: usize,
    rng: &mut Rng,
    behaviours: &[String],
    lessons: &[EntryLesson],
    first_day: NaiveDate,
) -> EntryDraft {
    let kind = *rng.pick(&EntryKind::ALL);
    let title_words = 3 + rng.below(5);
    let date = first_day + chrono::Duration::days(rng.below(3_650) as i64);
    let mut body = String::new();
    for _ in 0..(3 + rng.below(3)) {
        let len = 50 + rng.below(31);
        body.push_str(&rng.words(&WORD_LIST, len));
        body.push_str(&format!(". On the {COMMON_WORD} it mattered.\n\n"));
    }
    if i.is_multiple_of(RARE_EVERY) {
        body.push_str(&format!("We discussed {RARE_WORD} referrals.\n"));
    }
    let mut tags: Vec<String> = (0..rng.below(5))
        .map(|_| (*rng.pick(&TAG_LIST)).to_owned())
        .collect();
    tags.dedup();
    let mut rated: Vec<BehaviourRating> = Vec::new();
    for _ in 0..rng.below(4) {
        let id = rng.pick(behaviours).clone();
        if rated.iter().all(|r| r.behaviour_id != id) {
            rated.push(BehaviourRating {
                framework_id: "cmpf".into(),
                behaviour_id: id,
                rating: 1 + rng.below(4) as u32,
                justification: rng.words(&WORD_LIST, 20),
            });
        }
    }
    let reflection = (kind == EntryKind::Reflection).then(|| Reflection {
        template: ReflectionTemplate::Nmc,
        sections: vec![ReflectionSection {
            id: "learning".into(),
            text: rng.words(&WORD_LIST, 60),
        }],
        code_themes: vec!["practise_effectively".into()],
    });
    EntryDraft {
        kind,
        title: format!("{} {i}", rng.words(&WORD_LIST, title_words)),
        date: date.format("%Y-%m-%d").to_string(),
        body,
        reflection,
        tags,
        cpd: CpdTime {
            clinical_minutes: if kind == EntryKind::Cpd {
                30 * rng.below(4) as u32
            } else {
                0
            },
            management_minutes: if kind == EntryKind::Cpd {
                30 + 30 * rng.below(6) as u32
            } else {
                0
            },
            participatory: rng.below(3) == 0,
        },
        shadowing: None,
        feedback_source: (kind == EntryKind::Feedback).then(|| {
            *rng.pick(&[
                FeedbackSource::Colleague,
                FeedbackSource::Patient,
                FeedbackSource::ComplimentOrComplaint,
                FeedbackSource::Other,
            ])
        }),
        behaviours: rated,
        lessons: (0..rng.below(3))
            .map(|_| rng.pick(lessons).clone())
            .collect(),
        keep_attachments: vec![],
        new_uploads: vec![],
    }
}

/// Saves `n` entries one by one through the store in `dir`, with revalidation settings and
/// practice hours.
fn build(dir: &Path, n: usize) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("valid time"));
    let store = Store::open(dir, now).unwrap_or_else(|e| panic!("opens: {e}"));
    store
        .sync_builtin_pack(now)
        .unwrap_or_else(|e| panic!("built-in pack: {e}"));
    let behaviours: Vec<String> = frameworks::builtin()
        .iter()
        .filter(|f| f.id == "cmpf")
        .flat_map(|f| f.items().into_iter().map(|i| i.id.to_owned()))
        .collect();
    let lessons: Vec<EntryLesson> = store
        .editor_options()
        .unwrap_or_else(|e| panic!("options: {e}"))
        .lessons
        .into_iter()
        .map(|l| EntryLesson {
            pack_id: l.pack_id,
            lesson_id: l.lesson_id,
        })
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2016, 11, 24).unwrap_or_else(|| panic!("date"));
    let mut rng = Rng(0x5eed_2026_1123);
    let started = Instant::now();
    for i in 0..n {
        let mut d = draft(i, &mut rng, &behaviours, &lessons, first_day);
        if rng.below(10) == 0 {
            let file = store
                .upload_attachment(
                    &format!("evidence-{i}.txt"),
                    "Minutes of the meeting.\n".repeat(40).as_bytes(),
                    now,
                )
                .unwrap_or_else(|e| panic!("uploads: {e}"));
            d.new_uploads = vec![file.id];
        }
        store
            .save_entry(None, None, &d, now)
            .unwrap_or_else(|e| panic!("saves entry {i}: {e}"));
    }
    store
        .set_revalidation_settings(&RevalidationSettings {
            nmc_expiry: Some("2027-03-31".into()),
            gmc_appraisal: Some("2027-01-15".into()),
        })
        .unwrap_or_else(|e| panic!("settings: {e}"));
    for year in 2024..=2026 {
        store
            .add_practice_hours(
                &format!("{year}-01-01"),
                &format!("{year}-12-31"),
                1500.0,
                "Ward manager",
                now,
            )
            .unwrap_or_else(|e| panic!("hours: {e}"));
    }
    eprintln!(
        "{n} entries saved in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// A fresh copy of a data folder holding `n` entries. Saving 100,000 entries takes minutes,
/// so each size is built once into the target folder and copied for every run; the folder's
/// name changes with the schema and the generator, so a stale one is never used. When only a
/// copy from an earlier schema of the same generator is there, it is upgraded instead (the
/// app's own migrations, as a learner's database would be), which takes seconds.
pub fn filled(n: usize) -> (tempfile::TempDir, Store) {
    let (dir, store) = cached_store(
        &format!("portfolio-bench-g{GENERATOR}-s{SCHEMA_VERSION}-{n}"),
        |dir| {
            if !upgraded_from_earlier_schema(dir, n) {
                build(dir, n);
            }
        },
    );
    let size = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    eprintln!("{n} entries: database {} MB", size / 1_000_000);
    (dir, store)
}

/// Copies the newest earlier schema's cached portfolio of `n` entries into `dir` and opens it
/// there, which migrates it; false when there is none.
fn upgraded_from_earlier_schema(dir: &Path, n: usize) -> bool {
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let Some(earlier) = (1..SCHEMA_VERSION)
        .rev()
        .map(|s| cache.join(format!("portfolio-bench-g{GENERATOR}-s{s}-{n}")))
        .find(|d| d.join(DATABASE_FILE).exists())
    else {
        return false;
    };
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("makes {}: {e}", dir.display()));
    for file in [DATABASE_FILE.to_owned(), format!("{DATABASE_FILE}-wal")] {
        if earlier.join(&file).exists() {
            std::fs::copy(earlier.join(&file), dir.join(&file))
                .unwrap_or_else(|e| panic!("copies {file}: {e}"));
        }
    }
    let started = Instant::now();
    let now = Utc::now();
    drop(Store::open(dir, now).unwrap_or_else(|e| panic!("upgrades: {e}")));
    // The copy kept before upgrading is not part of the cached portfolio.
    let _ = std::fs::remove_dir_all(dir.join(BACKUP_DIR));
    eprintln!(
        "{n} entries upgraded from {} in {:.1} s",
        earlier.display(),
        started.elapsed().as_secs_f64()
    );
    true
}
