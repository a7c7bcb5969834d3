//! A small RFC 4180 reader and writer for Moodle's framework CSV: quoted cells over several
//! lines, doubled quotes, CRLF, LF or mixed line endings, and where each cell starts, so every
//! problem can name its line and column. Limits are checked while reading, so a hostile file
//! (a 10 MB cell, 100,000 rows) is refused after one linear pass at most.

/// One cell and where it starts (1-based line and column, columns counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cell {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One record: its cells, and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// Why the text is not CSV this reader accepts; `line` and `column` point at the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CsvError {
    /// A quoted cell opened here never closes.
    Unterminated { line: usize, column: usize },
    /// Text follows a closing quote before the next comma or line end.
    AfterQuote { line: usize, column: usize },
    /// The cell starting here is longer than the limit.
    CellTooBig { line: usize, column: usize },
    /// The record starting here is one more than the limit.
    TooManyRecords { line: usize },
}

/// The reader's limits: the longest cell in bytes and the most records (header included).
pub(super) struct Limits {
    pub cell_bytes: usize,
    pub records: usize,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    column: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Moves past one byte, keeping line and column: CRLF counts as one line end, and a lone
    /// CR (old Mac files) as one too.
    fn advance(&mut self) {
        let Some(b) = self.peek() else { return };
        self.at += 1;
        match b {
            b'\n' => self.new_line(),
            b'\r' if self.peek() != Some(b'\n') => self.new_line(),
            // UTF-8 continuation bytes do not start a character.
            _ if b & 0xC0 != 0x80 => self.column += 1,
            _ => {}
        }
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.column = 1;
    }
}

/// Reads every record of `text` (a BOM already removed). Blank lines between records are
/// skipped; line ends inside quoted cells become `\n`.
pub(super) fn read(text: &str, limits: &Limits) -> Result<Vec<Record>, CsvError> {
    let mut r = Reader {
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        column: 1,
    };
    let mut records = Vec::new();
    while r.peek().is_some() {
        if matches!(r.peek(), Some(b'\n' | b'\r')) {
            r.advance();
            continue;
        }
        if records.len() == limits.records {
            return Err(CsvError::TooManyRecords { line: r.line });
        }
        records.push(record(&mut r, limits)?);
    }
    Ok(records)
}

fn record(r: &mut Reader, limits: &Limits) -> Result<Record, CsvError> {
    let line = r.line;
    let mut cells = Vec::new();
    loop {
        let (line, column) = (r.line, r.column);
        let mut bytes = Vec::new();
        if r.peek() == Some(b'"') {
            r.advance();
            quoted(r, &mut bytes, limits, (line, column))?;
        } else {
            while let Some(b) = r.peek() {
                if matches!(b, b',' | b'\n' | b'\r') {
                    break;
                }
                push(&mut bytes, b, limits, (line, column))?;
                r.advance();
            }
        }
        // Only ASCII quotes and CRs were dropped from valid UTF-8, so the bytes stay UTF-8.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        cells.push(Cell { text, line, column });
        match r.peek() {
            Some(b',') => r.advance(),
            Some(b'\r') => {
                r.advance();
                if r.peek() == Some(b'\n') {
                    r.advance();
                }
                break;
            }
            Some(b'\n') => {
                r.advance();
                break;
            }
            _ => break,
        }
    }
    Ok(Record { line, cells })
}

/// The rest of a quoted cell, up to and past its closing quote.
fn quoted(
    r: &mut Reader,
    bytes: &mut Vec<u8>,
    limits: &Limits,
    start: (usize, usize),
) -> Result<(), CsvError> {
    loop {
        match r.peek() {
            None => {
                return Err(CsvError::Unterminated {
                    line: start.0,
                    column: start.1,
                })
            }
            Some(b'"') => {
                r.advance();
                if r.peek() == Some(b'"') {
                    push(bytes, b'"', limits, start)?;
                    r.advance();
                    continue;
                }
                return match r.peek() {
                    None | Some(b',' | b'\n' | b'\r') => Ok(()),
                    Some(_) => Err(CsvError::AfterQuote {
                        line: r.line,
                        column: r.column,
                    }),
                };
            }
            Some(b'\r') => {
                r.advance();
                if r.peek() != Some(b'\n') {
                    push(bytes, b'\n', limits, start)?;
                }
            }
            Some(b) => {
                push(bytes, b, limits, start)?;
                r.advance();
            }
        }
    }
}

fn push(
    bytes: &mut Vec<u8>,
    b: u8,
    limits: &Limits,
    start: (usize, usize),
) -> Result<(), CsvError> {
    if bytes.len() == limits.cell_bytes {
        return Err(CsvError::CellTooBig {
            line: start.0,
            column: start.1,
        });
    }
    bytes.push(b);
    Ok(())
}

/// Appends one record to `out`, quoting only the cells that need it, ending with `\n` (as
/// Moodle's own export does).
pub(super) fn write_record(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let needs_quotes = cell.is_empty() && cells.len() == 1
            || cell.contains([',', '"', '\n', '\r'])
            || cell.starts_with(char::is_whitespace)
            || cell.ends_with(char::is_whitespace);
        if needs_quotes {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}
