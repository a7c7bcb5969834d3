//! A Leap2A feed as read: plain structures, with what each field holds, for planning.

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Feed {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub entries: Vec<FeedEntry>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct FeedEntry {
    /// The line the entry starts on, for messages.
    pub line: usize,
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub content: Option<Content>,
    /// `rdf:type` values: Leap2A types as `leap2:<term>`, anything else as written.
    pub types: Vec<String>,
    pub links: Vec<Link>,
    pub categories: Vec<Category>,
    /// Mahara's `artefactplugin`: (plugin, type), e.g. ("blog", "blogpost").
    pub mahara_plugin: Option<(String, String)>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Content {
    /// `text`, `html`, `xhtml` or a media type.
    pub kind: String,
    /// Text, or markup for `html` and `xhtml`.
    pub text: String,
    pub src: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Link {
    /// Leap2A relations as `leap2:<term>`, Atom ones as written (`enclosure`, `related`).
    pub rel: String,
    pub href: String,
    pub media_type: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Category {
    pub term: String,
    /// Leap2A schemes as `categories:<name>#`, anything else as written.
    pub scheme: Option<String>,
    pub label: Option<String>,
}
