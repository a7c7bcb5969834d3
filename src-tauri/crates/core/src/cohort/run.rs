//! Running the report over the bundles found: each worker verifies one bundle at a time and
//! hands back only its counts, so memory stays that of a bundle per worker however many
//! bundles there are; the counts are then taken in the order the bundles were found, so the
//! report is the same whatever order the workers finished in.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;
use ts_rs::TS;

use super::{find_bundles, CohortBuilder, CohortReport, InputError, Outcome};
use crate::frameworks::Framework;

/// Bundles verified at once, at most: each holds one parsed portfolio while it is checked.
const MAX_WORKERS: usize = 4;

/// How far a run has got: `checked` of `total` bundles are done (verified and counted, or
/// refused). Sent once before the first bundle (`checked` 0) and after each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortProgress {
    pub checked: u32,
    pub total: u32,
}

/// Finds the bundles in `paths` (files, and `.w2bbundle` files directly inside folders),
/// verifies each and reports on them. `scheme` as for [`CohortBuilder::new`].
pub fn report_on(
    paths: &[PathBuf],
    scheme: Option<&Framework>,
    generated_at: &str,
) -> Result<CohortReport, InputError> {
    report_with_progress(paths, scheme, generated_at, |_| {})
}

/// [`report_on`], telling `progress` after each bundle, on the calling thread (the workers
/// only verify), so the caller may hand it to a window.
pub fn report_with_progress(
    paths: &[PathBuf],
    scheme: Option<&Framework>,
    generated_at: &str,
    mut progress: impl FnMut(CohortProgress),
) -> Result<CohortReport, InputError> {
    let inputs = find_bundles(paths)?;
    let total = u32::try_from(inputs.bundles.len()).unwrap_or(u32::MAX);
    let mut checked = 0u32;
    progress(CohortProgress { checked, total });
    let mut builder = CohortBuilder::new(scheme);
    for notice in inputs.notices {
        builder.notice(notice);
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .clamp(1, MAX_WORKERS);
    let mut outcomes: Vec<Option<Outcome>> = inputs.bundles.iter().map(|_| None).collect();
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (send, next, builder, bundles) = (send.clone(), &next, &builder, &inputs.bundles);
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = bundles.get(index) else {
                    break;
                };
                if send.send((index, builder.reduce(path))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        for (index, outcome) in receive {
            if let Some(slot) = outcomes.get_mut(index) {
                *slot = Some(outcome);
            }
            checked = checked.saturating_add(1);
            progress(CohortProgress { checked, total });
        }
    });
    for outcome in outcomes.into_iter().flatten() {
        builder.absorb(outcome);
    }
    Ok(builder.finish(generated_at))
}
