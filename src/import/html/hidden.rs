//! Elements a browser does not draw: `display:none` or `visibility:hidden` in their style, or
//! the `hidden` attribute. Their text is not the page's: a page that hides a digit beside a
//! number ("126<span style="display:none">7</span>") shows 126.
//!
//! The hidden element ends at its end tag, or where the page ends it without one: at the end
//! of an element it sits in, or (for a paragraph, an item, a row or a cell, which do not hold
//! their like) at the start of the next one.

use html5gum::{SpanBound, StartTag};

/// Elements that have no content, whose being hidden hides nothing more.
const VOID: &[&[u8]] = &[
    b"br", b"img", b"input", b"hr", b"meta", b"link", b"col", b"wbr", b"area", b"base", b"embed",
    b"source", b"track", b"param",
];

/// Elements a start tag of which ends an open one of them, and what else ends it.
fn ended_by(open: &[u8], next: &[u8]) -> bool {
    match open {
        b"p" => next == b"p" || next == b"table" || super::tags::BLOCKS.contains(&next),
        b"li" => next == b"li",
        b"dt" | b"dd" => matches!(next, b"dt" | b"dd"),
        b"td" | b"th" => matches!(next, b"td" | b"th" | b"tr"),
        b"tr" => next == b"tr",
        b"option" => next == b"option",
        _ => false,
    }
}

/// Whether a start tag hides its element.
pub(super) fn hides<S: SpanBound>(tag: &StartTag<S>, name: &[u8]) -> bool {
    if tag.self_closing || VOID.contains(&name) {
        return false;
    }
    if tag.attributes.contains_key(b"hidden".as_slice()) {
        return true;
    }
    tag.attributes
        .get(b"style".as_slice())
        .is_some_and(|style| {
            let style: String = String::from_utf8_lossy(&style.value)
                .to_ascii_lowercase()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            style.split(';').any(|rule| {
                matches!(
                    rule.trim_end_matches("!important"),
                    "display:none" | "visibility:hidden" | "visibility:collapse"
                )
            })
        })
}

/// A hidden element being passed over, and the elements opened inside it.
pub(super) struct Hidden {
    name: Vec<u8>,
    inside: Vec<Vec<u8>>,
}

/// What a tag does to the hidden element.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The tag is inside it: passed over.
    Inside,
    /// Its end tag: passed over, and what follows is shown.
    Ended,
    /// A tag that ends it and is itself shown.
    EndedBefore,
}

impl Hidden {
    pub fn new(name: &[u8]) -> Hidden {
        Hidden {
            name: name.to_vec(),
            inside: Vec::new(),
        }
    }

    pub fn start(&mut self, name: &[u8], self_closing: bool) -> Step {
        if self.inside.is_empty() && ended_by(&self.name, name) {
            return Step::EndedBefore;
        }
        if !self_closing && !VOID.contains(&name) {
            self.inside.push(name.to_vec());
        }
        Step::Inside
    }

    pub fn end(&mut self, name: &[u8]) -> Step {
        if let Some(i) = self.inside.iter().rposition(|n| n == name) {
            self.inside.truncate(i);
            return Step::Inside;
        }
        if name == self.name.as_slice() {
            return Step::Ended;
        }
        // The end of an element it sits in.
        Step::EndedBefore
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_element_ends_where_the_page_ends_it() {
        let mut span = Hidden::new(b"span");
        assert_eq!(span.start(b"b", false), Step::Inside);
        assert_eq!(span.end(b"b"), Step::Inside);
        assert_eq!(span.start(b"br", false), Step::Inside);
        assert_eq!(span.end(b"span"), Step::Ended);
        let mut p = Hidden::new(b"p");
        assert_eq!(p.start(b"p", false), Step::EndedBefore);
        let mut cell = Hidden::new(b"td");
        assert_eq!(cell.end(b"tr"), Step::EndedBefore);
    }
}
