//! Documents the app writes itself, as PDF (`pdf/`, with krilla) and Word (`docx/`): one
//! neutral model of a laid-out document (`Layout`: sections of headings, paragraphs, labelled
//! fields, tables, check lines and places to sign) that the records in
//! `revalidation::records` are turned into, so each writer knows nothing of any regulator.

mod docx;
mod pdf;

pub use docx::write_docx;
pub use pdf::{write_pdf, PdfError};

/// The kinds of file a document can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Pdf,
    /// Word (Office Open XML), for appraisal systems that want an upload the person can edit.
    Docx,
}

impl DocumentFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Writes `layout` to `target` as `format`, through the atomic writer: the file is whole or
/// not there (an earlier file of that name is kept until the new one is complete).
pub fn write_file(
    layout: &Layout,
    format: DocumentFormat,
    target: &std::path::Path,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: target.display().to_string(),
        source,
    };
    let bytes = match format {
        DocumentFormat::Pdf => write_pdf(layout)?,
        DocumentFormat::Docx => write_docx(layout).map_err(io)?,
    };
    crate::atomic::write(target, &bytes).map_err(io)
}

/// A document, laid out as a list of sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The document's title (on the first page and in the file's properties).
    pub title: String,
    /// The person it is about: the file's author, and on every page.
    pub author: String,
    /// The period it covers, in words, on every page.
    pub period: String,
    /// Lines under the title on the first page.
    pub intro: Vec<String>,
    pub sections: Vec<Section>,
}

/// A section: a heading (and a bookmark in the PDF's outline) and what is under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading inside a section, such as one reflective account's title.
    Subheading(String),
    Paragraph(String),
    /// A label and its value on one line, the label in bold.
    Field {
        label: String,
        value: String,
    },
    /// A table with a header row; `widths` are the columns' shares of the line (they add up
    /// to 1), one for each header.
    Table {
        headers: Vec<String>,
        widths: Vec<f32>,
        rows: Vec<Vec<String>>,
    },
    /// A line of the completeness check: a mark, a label and what is left.
    Check {
        mark: CheckMark,
        label: String,
        detail: String,
    },
    /// A labelled line left empty for someone to write on (a name, a PIN, a signature).
    WriteIn(String),
}

/// How a check line is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckMark {
    Done,
    Missing,
    ForYou,
}

impl CheckMark {
    /// The words printed before the label (a word, not a symbol, so a screen reader and a
    /// black-and-white print read it the same).
    pub fn words(self) -> &'static str {
        match self {
            CheckMark::Done => "Complete",
            CheckMark::Missing => "Missing",
            CheckMark::ForYou => "For you to do",
        }
    }
}

/// The line on every page that says whose document it is and for when.
pub(crate) fn running_head(layout: &Layout) -> String {
    format!("{} · {} · {}", layout.author, layout.title, layout.period)
}
