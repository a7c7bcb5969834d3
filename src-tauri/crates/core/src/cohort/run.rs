//! Running the report over the bundles found: each worker verifies one bundle at a time and
//! hands back only its counts, so memory stays that of a bundle per worker however many
//! bundles there are; the counts are then taken in the order the bundles were found, so the
//! report is the same whatever order the workers finished in.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{find_bundles, CohortBuilder, CohortReport, InputError, Outcome};
use crate::frameworks::Framework;

/// Bundles verified at once, at most: each holds one parsed portfolio while it is checked.
const MAX_WORKERS: usize = 4;

/// Finds the bundles in `paths` (files, and `.w2bbundle` files directly inside folders),
/// verifies each and reports on them. `scheme` as for [`CohortBuilder::new`].
pub fn report_on(
    paths: &[PathBuf],
    scheme: Option<&Framework>,
    generated_at: &str,
) -> Result<CohortReport, InputError> {
    let inputs = find_bundles(paths)?;
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
        }
    });
    for outcome in outcomes.into_iter().flatten() {
        builder.absorb(outcome);
    }
    Ok(builder.finish(generated_at))
}
