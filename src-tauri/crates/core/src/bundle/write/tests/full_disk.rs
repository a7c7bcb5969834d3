//! A disk that fills while a bundle is written: the real writer meets `StorageFull` at byte N
//! (the atomic writer's test budget) and must leave nothing under the name, no temporary
//! file, and the portfolio as it was.

use super::*;
use crate::atomic::disk;
use crate::store::table_dump::every_row;

#[test]
fn a_disk_that_fills_during_export_leaves_no_file_and_the_portfolio_unchanged() {
    let (dir, store) = store();
    portfolio(&store);
    let whole = write_bundle(
        &store,
        &BundleSelection::default(),
        &dir.path().join("measure.w2bbundle"),
        at(4),
    )
    .expect("with room, the bundle is written")
    .bytes;
    std::fs::remove_file(dir.path().join("measure.w2bbundle")).expect("removed");
    let before = every_row(store.path());
    let target = dir.path().join("appraisal.w2bbundle");
    // Full from the start, after the first headers, half way and near the end (each bundle
    // has its own random id, so its compressed size varies by a few bytes).
    for room in [0, 100, whole / 2, whole.saturating_sub(1024)] {
        let error = disk::with_room(room, || {
            write_bundle(&store, &BundleSelection::default(), &target, at(4))
        })
        .expect_err("a full disk stops the bundle");
        let ExportError::Io { source, .. } = &error else {
            panic!("{room} bytes free: a full disk is an I/O error, not {error:?}");
        };
        assert_eq!(
            source.kind(),
            std::io::ErrorKind::StorageFull,
            "{room} bytes free: the cause is kept"
        );
        assert!(
            error
                .to_string()
                .contains("Check there is space on the disk"),
            "{room} bytes free: the learner is told what to do: {error}"
        );
        assert!(
            !target.exists(),
            "{room} bytes free: no half bundle under the name"
        );
        assert!(
            leftovers(dir.path()).is_empty(),
            "{room} bytes free: no temporary file is left: {:?}",
            leftovers(dir.path())
        );
        assert_eq!(
            every_row(store.path()),
            before,
            "{room} bytes free: the portfolio is unchanged"
        );
    }
    disk::with_room(whole * 2, || {
        write_bundle(&store, &BundleSelection::default(), &target, at(4))
    })
    .expect("with room for it, the same bundle is written");
}
