//! Reading one archive file through SHA-256 with a hard byte limit: an entry whose header
//! lies about its size stops one byte past what it declared, and nothing is buffered whole.

use std::io::{self, Read, Write};

use sha2::{Digest as _, Sha256};

const CHUNK: usize = 64 * 1024;

/// What was read: how many bytes and their SHA-256 (lower-case hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Digest {
    pub bytes: u64,
    pub sha256: String,
}

/// Why one stored file could not be read whole, as its line in a problem list says it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Damage {
    /// The archive entry could not be opened, read or decompressed.
    #[error("cannot be unpacked ({0})")]
    Unpackable(String),
    /// It ended before the size its header declares.
    #[error("holds {found} bytes where the archive says {declared}")]
    Short { found: u64, declared: u64 },
}

/// Why reading stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum StreamError {
    /// More bytes came than the limit allows: the header lied, or the file is a bomb.
    TooLong { limit: u64 },
    /// The data could not be read or decompressed.
    Damaged(String),
}

/// A reader that hashes and counts what passes through it and refuses to pass more than
/// `limit` bytes. The first failure is kept, so a parser reading through it cannot hide it.
#[derive(Debug)]
pub(super) struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
    limit: u64,
    failure: Option<StreamError>,
}

impl<R: Read> Hashing<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            count: 0,
            limit,
            failure: None,
        }
    }

    /// Reads what is left into `sink` (for example `io::sink()`), then gives the digest of
    /// everything read, or the first failure.
    pub fn finish(mut self, sink: &mut impl Write) -> Result<Digest, StreamError> {
        if self.failure.is_none() {
            let mut buf = vec![0u8; CHUNK];
            loop {
                match self.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if let Err(e) = sink.write_all(&buf[..n]) {
                            self.failure = Some(StreamError::Damaged(e.to_string()));
                            break;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        }
        match self.failure {
            Some(failure) => Err(failure),
            None => Ok(Digest {
                bytes: self.count,
                sha256: format!("{:x}", self.hasher.finalize()),
            }),
        }
    }

    fn fail(&mut self, failure: StreamError) -> io::Error {
        let error = io::Error::new(io::ErrorKind::InvalidData, format!("{failure:?}"));
        self.failure.get_or_insert(failure);
        error
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(failure) = &self.failure {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{failure:?}"),
            ));
        }
        // Ask for no more than the limit allows, then for one byte more: enough to see a lie,
        // and an error on that one byte can only be the zip reader refusing the same lie.
        let remaining = self.limit - self.count;
        let room = usize::try_from(remaining.max(1)).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        match self.inner.read(&mut buf[..want]) {
            Ok(n) => {
                self.count += n as u64;
                if self.count > self.limit {
                    return Err(self.fail(StreamError::TooLong { limit: self.limit }));
                }
                self.hasher.update(&buf[..n]);
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            // The zip reader refuses to pass its declared size itself: an error while asking
            // for the byte after the limit is that refusal (CRC checks are off; SHA-256 is
            // what counts), so it is the same lie.
            Err(_) if self.count == self.limit => {
                Err(self.fail(StreamError::TooLong { limit: self.limit }))
            }
            Err(e) => Err(self.fail(StreamError::Damaged(e.to_string()))),
        }
    }
}

/// Hashes everything `reader` gives, up to `limit` bytes, copying it into `sink`.
pub(super) fn hash_capped(
    reader: impl Read,
    limit: u64,
    sink: &mut impl Write,
) -> Result<Digest, StreamError> {
    Hashing::new(reader, limit).finish(sink)
}
