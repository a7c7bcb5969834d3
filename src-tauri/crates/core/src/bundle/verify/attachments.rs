//! Attachments from elsewhere held to the allow-list the learner's own files passed when they
//! were attached ([`check_attachment`]: a kind on the list, by name and by content), so a
//! bundle cannot carry HTML, SVG, scripts or programs, whatever their names say.

use std::io;

use super::stream::{Damage, Digest};
use super::{unpack, Archive, BundleError, StoredFile};
use crate::portfolio::{check_attachment, AttachmentError, MAX_ATTACHMENT_BYTES};

/// What the allow-list made of one attachment's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Sniffed {
    /// A kind the portfolio keeps, with its media type.
    Kept(&'static str),
    /// Refused, with the reason.
    Refused(String),
}

/// Reads one attachment through SHA-256 and checks it as if it were being attached now: by
/// its name in the archive and by its contents. At most [`MAX_ATTACHMENT_BYTES`] are held.
pub(super) fn read_attachment(
    zip: &mut Archive,
    stored: &StoredFile,
    file: &str,
) -> Result<(Result<Digest, Damage>, Sniffed), BundleError> {
    let name = stored.name.rsplit('/').next().unwrap_or(&stored.name);
    let size = usize::try_from(stored.size).unwrap_or(usize::MAX);
    if size > MAX_ATTACHMENT_BYTES {
        let digest = unpack(zip, stored, file, &mut io::sink())?;
        let why = AttachmentError::TooLarge {
            name: name.to_owned(),
            bytes: size,
        };
        return Ok((digest, refused(&why)));
    }
    let mut bytes = Vec::with_capacity(size);
    let digest = unpack(zip, stored, file, &mut bytes)?;
    let sniffed = match check_attachment(name, &bytes) {
        Ok(check) => Sniffed::Kept(check.media_type),
        Err(why) => refused(&why),
    };
    Ok((digest, sniffed))
}

fn refused(why: &AttachmentError) -> Sniffed {
    Sniffed::Refused(format!("is not a file a portfolio may hold: {why}"))
}
