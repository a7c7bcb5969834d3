//! The read pool: a long read holds one connection, and every other read takes another.

use std::sync::mpsc;
use std::thread;

use super::*;
use crate::portfolio::EntryQuery;

#[test]
fn a_read_answers_while_another_read_holds_its_connection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    // Every reader but one is busy, as an export and a lesson render would hold theirs.
    let held: Vec<Reader<'_>> = (1..READERS).map(|_| store.reader()).collect();
    let (answer, answered) = mpsc::channel();
    thread::scope(|scope| {
        scope.spawn(|| {
            let found = store.find_entries(&EntryQuery::default()).map(|p| p.total);
            answer.send(found).expect("the test waits for the answer");
        });
        // Received while the other readers are still held: the search did not wait for them.
        let found = answered.recv().expect("the search answers");
        assert_eq!(
            found.expect("the search succeeds"),
            0,
            "an empty portfolio has no entries, and says so at once"
        );
        assert_eq!(
            held.len(),
            READERS - 1,
            "the long reads were held throughout"
        );
    });
}

#[test]
fn a_reader_goes_back_to_the_pool_when_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(9)).expect("opens");
    for _ in 0..READERS * 3 {
        let conn = store.reader();
        let only: bool = conn
            .query_row("PRAGMA query_only", [], |r| r.get(0))
            .expect("pragma");
        assert!(only, "a read connection can never write");
    }
    let all: Vec<Reader<'_>> = (0..READERS).map(|_| store.reader()).collect();
    assert_eq!(
        all.len(),
        READERS,
        "every reader was returned and can be taken again"
    );
}
