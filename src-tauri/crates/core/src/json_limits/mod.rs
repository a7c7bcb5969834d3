//! Limits on JSON from elsewhere (bundles, review files), checked byte by byte as it streams
//! into the parser, so a parser never builds more than the limits allow: total size, nesting
//! depth, values in all, items in one list or object, and the length of one text. A parser
//! alone has none of these, and a small file of `["","",...]` costs eight times its size in
//! memory once parsed. The scan is one pass with no allocation beyond one counter per level.

use std::io::{self, Read};

/// The limits one kind of JSON document must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonLimits {
    /// Bytes in the whole document.
    pub max_bytes: u64,
    /// Lists and objects inside each other.
    pub max_depth: usize,
    /// Values in the whole document, object keys included.
    pub max_values: u64,
    /// Items in one list, or members in one object.
    pub max_items: u64,
    /// Bytes in one text once its escapes are read (`\n` counts one, `\u00e9` three).
    pub max_text_bytes: u64,
}

/// Which limit a document broke, and where (a byte offset from the start, counting from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonLimitError {
    #[error("is larger than the {limit} bytes allowed")]
    TooLarge { limit: u64 },
    #[error("nests lists and objects more than {limit} deep (at byte {at}); the limit is {limit}")]
    TooDeep { limit: usize, at: u64 },
    #[error("holds more than {limit} values in all (at byte {at}); the limit is {limit}")]
    TooManyValues { limit: u64, at: u64 },
    #[error(
        "has a list or object of more than {limit} items (at byte {at}); the limit is {limit}"
    )]
    TooManyItems { limit: u64, at: u64 },
    #[error(
        "has a text longer than {limit} bytes (ending past byte {at}); the limit is {limit} bytes"
    )]
    TextTooLong { limit: u64, at: u64 },
}

/// Checks a whole document already in memory.
pub fn check_json_limits(bytes: &[u8], limits: JsonLimits) -> Result<(), JsonLimitError> {
    let mut scan = Scan::new(limits);
    bytes.iter().try_for_each(|b| scan.step(*b))
}

/// A reader that passes JSON through while checking it against its limits; the first limit
/// broken stops reading with an error, and [`LimitedJson::exceeded`] says which.
#[derive(Debug)]
pub struct LimitedJson<R> {
    inner: R,
    scan: Scan,
    exceeded: Option<JsonLimitError>,
}

impl<R: Read> LimitedJson<R> {
    pub fn new(inner: R, limits: JsonLimits) -> Self {
        Self {
            inner,
            scan: Scan::new(limits),
            exceeded: None,
        }
    }

    /// The limit broken, if reading stopped at one.
    pub fn exceeded(&self) -> Option<&JsonLimitError> {
        self.exceeded.as_ref()
    }
}

impl<R: Read> Read for LimitedJson<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(exceeded) = &self.exceeded {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                exceeded.to_string(),
            ));
        }
        let n = self.inner.read(buf)?;
        for byte in &buf[..n] {
            if let Err(exceeded) = self.scan.step(*byte) {
                let error = io::Error::new(io::ErrorKind::InvalidData, exceeded.to_string());
                self.exceeded = Some(exceeded);
                return Err(error);
            }
        }
        Ok(n)
    }
}

/// Where the scan is. It does not check the grammar (the parser does, and stops reading at
/// the first mistake); it only counts what a parser would build.
#[derive(Debug)]
struct Scan {
    limits: JsonLimits,
    offset: u64,
    values: u64,
    /// Items so far in each open list or object, innermost last.
    items: Vec<u64>,
    in_text: bool,
    escaped: bool,
    /// Hex digits of a `\u` escape still to come.
    hex_left: u8,
    text_bytes: u64,
    expect_value: bool,
    after_colon: bool,
}

impl Scan {
    fn new(limits: JsonLimits) -> Self {
        Self {
            limits,
            offset: 0,
            values: 0,
            items: Vec::new(),
            in_text: false,
            escaped: false,
            hex_left: 0,
            text_bytes: 0,
            expect_value: true,
            after_colon: false,
        }
    }

    fn step(&mut self, byte: u8) -> Result<(), JsonLimitError> {
        self.offset += 1;
        let at = self.offset;
        if self.offset > self.limits.max_bytes {
            return Err(JsonLimitError::TooLarge {
                limit: self.limits.max_bytes,
            });
        }
        if self.in_text {
            return self.step_in_text(byte);
        }
        if matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
            return Ok(());
        }
        if self.expect_value && !matches!(byte, b']' | b'}') {
            self.values += 1;
            if self.values > self.limits.max_values {
                return Err(JsonLimitError::TooManyValues {
                    limit: self.limits.max_values,
                    at,
                });
            }
            // A value after `:` is a member's value; the member was counted at its key.
            if !self.after_colon {
                if let Some(items) = self.items.last_mut() {
                    *items += 1;
                    if *items > self.limits.max_items {
                        return Err(JsonLimitError::TooManyItems {
                            limit: self.limits.max_items,
                            at,
                        });
                    }
                }
            }
        }
        self.expect_value = false;
        self.after_colon = false;
        match byte {
            b'"' => {
                self.in_text = true;
                self.text_bytes = 0;
            }
            b'[' | b'{' => {
                if self.items.len() >= self.limits.max_depth {
                    return Err(JsonLimitError::TooDeep {
                        limit: self.limits.max_depth,
                        at,
                    });
                }
                self.items.push(0);
                self.expect_value = true;
            }
            b']' | b'}' => {
                self.items.pop();
            }
            b',' => self.expect_value = true,
            b':' => {
                self.expect_value = true;
                self.after_colon = true;
            }
            _ => {}
        }
        Ok(())
    }

    fn step_in_text(&mut self, byte: u8) -> Result<(), JsonLimitError> {
        let counted = if self.hex_left > 0 {
            self.hex_left -= 1;
            0
        } else if self.escaped {
            self.escaped = false;
            if byte == b'u' {
                // One UTF-16 unit is at most three bytes of UTF-8.
                self.hex_left = 4;
                3
            } else {
                1
            }
        } else if byte == b'\\' {
            self.escaped = true;
            0
        } else if byte == b'"' {
            self.in_text = false;
            0
        } else {
            1
        };
        self.text_bytes += counted;
        if self.text_bytes > self.limits.max_text_bytes {
            return Err(JsonLimitError::TextTooLong {
                limit: self.limits.max_text_bytes,
                at: self.offset,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
