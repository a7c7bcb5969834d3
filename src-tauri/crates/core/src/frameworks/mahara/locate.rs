//! Where a value sits in a JSON text: byte offsets of values by their path, so problems found
//! after parsing (a missing parent, a wrong type) can name a line and column like syntax
//! errors do. serde_json keeps no positions in a `Value`, hence this second, cheap pass.

use std::collections::HashMap;

/// The deepest path recorded (`framework/standards/0/standardelement/1/name` is 6 long):
/// deeper values are never the subject of a problem.
const DEEPEST: usize = 6;

enum Container {
    Object { has_key: bool },
    Array { index: usize },
}

/// Byte offsets of the values of `text` (valid JSON) by path, segments joined with `/`
/// (`framework/standardelements/3/parentelementid`). Iterative, so no input deepens the
/// stack; for a repeated key the last one wins, as it does in serde_json.
pub(super) fn value_offsets(text: &str) -> HashMap<String, usize> {
    let bytes = text.as_bytes();
    let mut offsets = HashMap::new();
    let mut path: Vec<String> = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    let mut record = |path: &[String], at: usize| {
        if path.len() <= DEEPEST {
            offsets.insert(path.join("/"), at);
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            b'{' => {
                record(&path, i);
                stack.push(Container::Object { has_key: false });
                expect_key = true;
                i += 1;
            }
            b'[' => {
                record(&path, i);
                stack.push(Container::Array { index: 0 });
                path.push("0".into());
                i += 1;
            }
            b'}' | b']' => {
                match stack.pop() {
                    Some(Container::Array { .. }) | Some(Container::Object { has_key: true }) => {
                        path.pop();
                    }
                    _ => {}
                }
                expect_key = false;
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Container::Array { index }) => {
                        *index += 1;
                        if let Some(last) = path.last_mut() {
                            *last = index.to_string();
                        }
                    }
                    Some(Container::Object { has_key }) => {
                        if *has_key {
                            path.pop();
                            *has_key = false;
                        }
                        expect_key = true;
                    }
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                if expect_key {
                    let raw = &text[i..end];
                    let key = serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.into());
                    path.push(key);
                    if let Some(Container::Object { has_key }) = stack.last_mut() {
                        *has_key = true;
                    }
                    expect_key = false;
                } else {
                    record(&path, i);
                }
                i = end;
            }
            _ => {
                record(&path, i);
                while i < bytes.len() && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\n') {
                    i += 1;
                }
            }
        }
    }
    offsets
}

/// The offset just past the string that starts at `start` (its closing quote included).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}
