//! What each element means to a page's text, for the walker: which ones break the text into
//! paragraphs, which ones hold the article (the containers a line's path is made of), and which
//! ones hold no text at all.

/// Elements that start and end a paragraph (inside a table's cell, a line of the cell).
pub(super) const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"ul",
    b"ol",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"nav",
    b"main",
    b"aside",
    b"blockquote",
    b"pre",
    b"center",
    b"form",
    b"hr",
    b"dl",
    b"dt",
    b"dd",
    b"address",
    b"figure",
    b"figcaption",
    b"body",
    b"html",
];
/// Elements that a line's path is made of: the article is the one holding every heading.
pub(super) const CONTAINERS: &[&[u8]] = &[
    b"div",
    b"section",
    b"article",
    b"main",
    b"body",
    b"td",
    b"th",
    b"table",
    b"center",
    b"form",
    b"header",
    b"footer",
    b"nav",
    b"aside",
    b"ul",
    b"ol",
    b"blockquote",
];
/// Elements whose content is not page text.
pub(super) const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"select",
];

/// Whether an element starts or ends a paragraph of page text. The cells of a layout table are
/// paragraphs too.
pub(super) fn ends_paragraph(name: &[u8]) -> bool {
    matches!(name, b"td" | b"th" | b"tr") || BLOCKS.contains(&name)
}
