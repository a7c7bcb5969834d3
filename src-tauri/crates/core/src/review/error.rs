//! Why a review-mode step failed: opening a bundle from a learner, reading one of its
//! pictures, or saving the review of it.

use std::io;

use super::ReviewFileError;
use crate::bundle::BundleError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The bundle failed its check; it names every problem.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// The appraiser's draft could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file in the app's own folders could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: io::Error,
    },
    #[error("the file is over 1 GB, larger than any portfolio bundle; check it is the file the learner sent")]
    TooLarge,
    /// The page named a bundle that was never opened here (or not as a token at all).
    #[error("open the bundle again")]
    NotReceived,
    #[error("Your name: say who is reviewing")]
    NoReviewer,
    #[error("the review cannot be written: {0}")]
    Unwritable(serde_json::Error),
    /// The review as built would be refused by the learner's app.
    #[error(transparent)]
    Refused(#[from] ReviewFileError),
}
