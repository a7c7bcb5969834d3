//! A process killed in the middle of saving (SIGKILL, as the OS, a crash or a power-off
//! kill leaves it) loses at most the save in flight: every save that returned is there after,
//! the database checks clean, and each entry's versions run 1, 2, ... with no gap.
//!
//! The test binary plays both parts. Run normally, `every_returned_save_survives_a_kill`
//! starts this same binary again, running only `save_burst`, with `W2B_SAVE_BURST_DIR` set;
//! that child saves entries as fast as it can, printing `saved <id> <version>` after each save
//! returns, until the parent kills it.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use w2b_core::portfolio::{BehaviourRating, CpdTime, EntryDraft, EntryKind};
use w2b_core::store::{Store, DATABASE_FILE};

const BURST_DIR: &str = "W2B_SAVE_BURST_DIR";
/// How long the parent lets the burst run before killing it.
const BURST: Duration = Duration::from_millis(1500);
/// The fewest saves that make the kill land mid-burst rather than at its start.
const MIN_SAVES: usize = 50;
/// Give up waiting for `MIN_SAVES` after this long: the child is stuck, not slow.
const GIVE_UP: Duration = Duration::from_secs(120);

fn draft(n: u32) -> EntryDraft {
    let kinds = EntryKind::ALL;
    EntryDraft {
        kind: kinds[n as usize % kinds.len()],
        title: format!("Save number {n}"),
        date: format!("2026-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
        body: format!("Save {n}: the rota, the budget and the handover. ").repeat(20),
        reflection: None,
        tags: vec![format!("burst{}", n % 5), "kill".into()],
        cpd: CpdTime {
            clinical_minutes: n % 60,
            management_minutes: 30,
            participatory: n.is_multiple_of(2),
        },
        shadowing: None,
        feedback_source: None,
        behaviours: vec![BehaviourRating {
            framework_id: "cmpf".into(),
            behaviour_id: "cmpf.people.one-to-ones".into(),
            rating: n % 4 + 1,
            justification: format!("Shown in save {n}"),
        }],
        lessons: vec![],
        keep_attachments: vec![],
        new_uploads: vec![],
    }
}

/// The child's work: saves forever, new entries and edits in turn, with a file now and then,
/// reporting each save once it has returned.
fn burst(dir: &Path) -> ! {
    let start = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("valid time");
    let store = Store::open(dir, start).expect("the child opens the store");
    let mut out = std::io::stdout().lock();
    // (id, version) of each entry made, to edit from the version last saved.
    let mut made: Vec<(i64, u32)> = Vec::new();
    for n in 0_u32.. {
        let now = start + chrono::Duration::seconds(i64::from(n));
        let mut d = draft(n);
        if n % 10 == 3 {
            let file = store
                .upload_attachment(&format!("note-{n}.txt"), b"evidence", now)
                .expect("uploads");
            d.new_uploads = vec![file.id];
        }
        let view = if n.is_multiple_of(2) || made.is_empty() {
            let view = store.save_entry(None, None, &d, now).expect("saves new");
            made.push((view.id, view.version));
            view
        } else {
            // Edits go to the first few entries, so they build long histories.
            let slot = (n as usize / 2) % made.len().min(8);
            let (id, version) = made[slot];
            let view = store
                .save_entry(Some(id), Some(version), &d, now)
                .expect("saves an edit");
            made[slot].1 = view.version;
            view
        };
        writeln!(out, "saved {} {}", view.id, view.version).expect("stdout");
        out.flush().expect("stdout");
    }
    unreachable!("the burst saves until it is killed")
}

/// Runs only as the child the kill test starts; run any other way it does nothing.
#[test]
fn save_burst() {
    if let Some(dir) = std::env::var_os(BURST_DIR) {
        burst(Path::new(&dir));
    }
}

#[test]
fn every_returned_save_survives_a_kill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["save_burst", "--exact", "--nocapture", "--test-threads=1"])
        .env(BURST_DIR, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("starts the burst");
    let stdout = child.stdout.take().expect("piped stdout");
    let (lines, read) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });

    let started = Instant::now();
    let mut saved: Vec<String> = Vec::new();
    while (started.elapsed() < BURST || saved.len() < MIN_SAVES) && started.elapsed() < GIVE_UP {
        match read.recv_timeout(Duration::from_millis(50)) {
            Ok(line) if line.starts_with("saved ") => saved.push(line),
            Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let still_running = child.try_wait().expect("child status").is_none();
    child.kill().expect("kill -9 the burst");
    child.wait().expect("reap the burst");
    assert!(
        still_running,
        "the burst was still saving when killed (it stopped by itself, see its output above)"
    );
    assert!(
        saved.len() >= MIN_SAVES,
        "the kill landed mid-burst: only {} saves in {:?}",
        saved.len(),
        started.elapsed()
    );
    // Lines still in the pipe were written, so their saves returned, before the kill.
    reader.join().expect("reader thread");
    saved.extend(read.try_iter().filter(|l| l.starts_with("saved ")));

    let mut promised: BTreeMap<i64, u32> = BTreeMap::new();
    for line in &saved {
        let mut parts = line.split(' ').skip(1).map(|p| p.parse::<i64>());
        let (Some(Ok(id)), Some(Ok(version))) = (parts.next(), parts.next()) else {
            panic!("a line the burst printed is not `saved <id> <version>`: {line}");
        };
        let version = u32::try_from(version).expect("a version fits u32");
        let best = promised.entry(id).or_default();
        *best = (*best).max(version);
    }

    let db = Connection::open(dir.path().join(DATABASE_FILE)).expect("opens the database");
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check runs");
    assert_eq!(check, "ok", "the killed database is not damaged");
    drop(db);

    let store = Store::open(
        dir.path(),
        Utc.with_ymd_and_hms(2026, 12, 4, 21, 30, 0)
            .single()
            .expect("a real time"),
    )
    .expect("the store opens after the kill");
    for (id, version) in &promised {
        let entry = store
            .entry(*id, None)
            .unwrap_or_else(|e| panic!("entry {id} was reported saved but is gone: {e}"));
        assert!(
            entry.version >= *version,
            "entry {id} was reported at version {version} but is at {}",
            entry.version
        );
    }

    let db = Connection::open(dir.path().join(DATABASE_FILE)).expect("opens the database");
    let entries: Vec<(i64, u32)> = db
        .prepare("SELECT id, version FROM entries ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert!(
        entries.len() >= promised.len(),
        "every reported entry is stored"
    );
    for (id, version) in entries {
        let versions: Vec<u32> = db
            .prepare("SELECT version FROM entry_versions WHERE entry_id = ?1 ORDER BY version")
            .expect("prepare")
            .query_map([id], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(
            versions,
            (1..=version).collect::<Vec<_>>(),
            "entry {id}'s history runs from 1 to its current version with no gap"
        );
        let indexed: i64 = db
            .query_row(
                "SELECT count(*) FROM entry_search WHERE rowid = ?1",
                [id],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(indexed, 1, "entry {id} is in the search index once");
    }
    println!(
        "{} saves reported before the kill, over {} entries",
        saved.len(),
        promised.len()
    );
}
