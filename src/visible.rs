//! Making text safe to show: a report's texts, labels and file names may hold escape sequences
//! (ESC, OSC 52 clipboard writes, BEL, CR, C1 controls, bidi overrides) that would drive the
//! user's terminal, and invisible characters (zero-width joiners, variation selectors, flag
//! letters) whose width a terminal counts differently from nianbao, so that everything after them
//! lands elsewhere than it was drawn. Every string shown goes through [`visible`] (or, in the text
//! editor, [`visible_line`]) first, and is measured with [`width`]: one set of characters, one way
//! of showing them, one measure.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether a character is shown as an escape rather than sent to the terminal: it would change
/// the terminal's state (controls), the text's apparent order (bidi controls), or join its
/// neighbours into something whose width terminals disagree on (zero-width and format
/// characters, variation selectors, regional indicators, emoji modifiers, tags).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'                      // soft hyphen: 0 or 1 column, by terminal
                | '\u{034f}'                // combining grapheme joiner
                | '\u{0600}'..='\u{0605}'   // prepended marks: join the next character
                | '\u{061c}'                // Arabic letter mark (bidi)
                | '\u{06dd}'
                | '\u{070f}'
                | '\u{0890}'..='\u{0891}'
                | '\u{08e2}'
                | '\u{115f}'..='\u{1160}'   // Hangul fillers: blank, width disputed
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'   // Mongolian variation selectors
                | '\u{200b}'..='\u{200f}'   // zero-width space, ZWNJ, ZWJ, LRM, RLM
                | '\u{2028}'..='\u{202e}'   // line separators, bidi embeddings and overrides
                | '\u{2060}'..='\u{206f}'   // word joiner, invisible operators, bidi isolates
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'   // variation selectors: emoji or text presentation
                | '\u{feff}'                // zero-width no-break space (byte order mark)
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'   // interlinear annotation
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1345f}' // hieroglyph format controls
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{1f1e6}'..='\u{1f1ff}' // regional indicators: a flag is 2 or 4 columns
                | '\u{1f3fb}'..='\u{1f3ff}' // emoji skin-tone modifiers
                | '\u{e0000}'..='\u{e0fff}' // tags, variation selectors supplement
        )
}

/// Characters that are never part of a cluster with the characters around them (as the second
/// character or later) and that are not hidden: a string of these alone needs no further look.
/// The ranges cover what reports and their templates are written in.
fn is_plain(c: char) -> bool {
    matches!(c,
        ' '..='~'
            | '\u{a0}'..='\u{ac}'
            | '\u{ae}'..='\u{2ff}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            | '\u{2070}'..='\u{20cf}'
            | '\u{2100}'..='\u{2bff}'
            | '\u{2e80}'..='\u{3029}'
            | '\u{3030}'..='\u{303f}'
            | '\u{3041}'..='\u{3096}'
            | '\u{309b}'..='\u{30ff}'
            | '\u{3100}'..='\u{3163}'
            | '\u{3165}'..='\u{31ff}'
            | '\u{3200}'..='\u{9fff}'
            | '\u{a000}'..='\u{a4cf}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{f900}'..='\u{faff}'
            | '\u{fe10}'..='\u{fe1f}'
            | '\u{fe30}'..='\u{fe6f}'
            | '\u{ff01}'..='\u{ff9d}'
            | '\u{ffa1}'..='\u{ffef}'
            | '\u{20000}'..='\u{3fffd}')
}

/// How a hidden character is shown: `^[` for a C0 control, `^?` for DEL, `<U+202E>` for the rest.
pub fn push_escape(out: &mut String, c: char) {
    match c {
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        '\u{7f}' => out.push_str("^?"),
        c => {
            use std::fmt::Write;
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
    }
}

/// How a text is shown: which hidden characters the caller shows itself (a line break, a tab in
/// the text editor), and whether a tab becomes a space.
#[derive(Clone, Copy)]
struct Form<'a> {
    keep: &'a [char],
    tab_as_space: bool,
}

const GRID: Form<'static> = Form {
    keep: &[],
    tab_as_space: true,
};
const LINES: Form<'static> = Form {
    keep: &['\n'],
    tab_as_space: true,
};
const TEXT: Form<'static> = Form {
    keep: &['\n', '\t'],
    tab_as_space: false,
};
const EDITOR: Form<'static> = Form {
    keep: &['\t'],
    tab_as_space: false,
};

impl Form<'_> {
    fn push(&self, c: char, escaped: bool, out: &mut String) {
        if escaped {
            push_escape(out, c);
        } else if c == '\t' && self.tab_as_space {
            out.push(' ');
        } else {
            out.push(c);
        }
    }

    /// For each character of `text`, whether it is shown escaped; `None` when none is.
    fn escapes(&self, text: &str) -> Option<Vec<bool>> {
        if text.chars().all(is_plain) {
            return None;
        }
        let mut escaped: Vec<bool> = text
            .chars()
            .map(|c| is_hidden(c) && !self.keep.contains(&c) && !(c == '\t' && self.tab_as_space))
            .collect();
        // A mark that combines with what comes before it has nothing to combine with at the
        // start, or after an escape (it would put an accent on the `]` of `^]`, and a caret
        // could then stand inside `^]`): shown escaped. After an escape that includes a
        // spacing mark, which has a width of its own but still joins the cluster before it.
        let mut after_escape = true;
        let mut at_start = true;
        for (c, e) in text.chars().zip(escaped.iter_mut()) {
            if !*e && after_escape && (c.width() == Some(0) || (!at_start && joins_before(c))) {
                *e = true;
            }
            after_escape = *e;
            at_start = false;
        }
        // With the hidden characters escaped, a cluster of characters (one cell of the screen)
        // may still be one the width tables measure otherwise than character by character, as a
        // terminal does: its characters after the first are escaped too (the first as well, if
        // that changes nothing), until no such cluster is left. Escapes are ASCII, so it ends.
        loop {
            let mut shown = String::with_capacity(text.len() + 16);
            let mut origin = Vec::with_capacity(text.len());
            for (i, (c, e)) in text.chars().zip(&escaped).enumerate() {
                let before = shown.len();
                self.push(c, *e, &mut shown);
                origin.extend(std::iter::repeat_n(i, shown[before..].chars().count()));
            }
            let mut changed = false;
            let mut at = 0;
            for cluster in shown.graphemes(true) {
                let n = cluster.chars().count();
                if cell_width(cluster) != width(cluster) {
                    let mut escape = |k: usize| !std::mem::replace(&mut escaped[origin[k]], true);
                    let rest = (at + 1..at + n).fold(false, |any, k| escape(k) | any);
                    changed |= rest || escape(at);
                }
                at += n;
            }
            if !changed {
                break;
            }
        }
        escaped.contains(&true).then_some(escaped)
    }

    fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let Some(escaped) = self.escapes(text) else {
            return if self.tab_as_space && text.contains('\t') {
                Cow::Owned(text.replace('\t', " "))
            } else {
                Cow::Borrowed(text)
            };
        };
        let mut out = String::with_capacity(text.len() + 16);
        for (c, e) in text.chars().zip(escaped) {
            self.push(c, e, &mut out);
        }
        Cow::Owned(out)
    }
}

/// Whether `c` joins the cluster of the character before it (a combining or spacing mark).
fn joins_before(c: char) -> bool {
    let mut pair = [0u8; 8];
    pair[0] = b'a';
    let len = 1 + c.encode_utf8(&mut pair[1..]).len();
    std::str::from_utf8(&pair[..len]).is_ok_and(|s| s.graphemes(true).count() == 1)
}

/// The width ratatui gives a cluster of characters when it puts it in a cell (its
/// `CellWidth` for `str`).
fn cell_width(cluster: &str) -> usize {
    if cluster.len() == 1 {
        return 1;
    }
    let marks = cluster
        .chars()
        .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
        .count();
    cluster.width() + marks
}

/// The columns a terminal gives shown text: character by character, as terminals count.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The text with hidden characters escaped: `^[` for ESC, `^M` for CR, `<U+009B>` for C1
/// controls, `<U+202E>` for bidi overrides, `<U+200D>` for a zero-width joiner. Tabs become a
/// space, as they have no fixed width on a grid.
pub fn visible(text: &str) -> Cow<'_, str> {
    GRID.apply(text)
}

/// Like [`visible`], but line breaks are kept: for multi-line text shown line by line.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    LINES.apply(text)
}

/// Like [`visible_lines`], but tabs are kept too: for a text written to a file in which a tab has
/// its meaning (a published report's text, read back by `nianbao import`).
pub fn visible_text(text: &str) -> Cow<'_, str> {
    TEXT.apply(text)
}

/// Whether a character would drive a terminal or reorder the text around it: the controls and
/// the bidi controls among the hidden characters. Formats with escapes of their own (JSON, TOML,
/// HTML) write these escaped, so the value stays exactly what it was and shows harmlessly.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One line of a text section as its editor shows it: like [`visible`], but a tab stays a tab
/// (the editor gives it its width).
pub fn visible_line(line: &str) -> Cow<'_, str> {
    EDITOR.apply(line)
}

/// For each character of a line of a text section, whether its editor shows it escaped
/// ([`visible_line`]); `None` when none is.
pub fn escapes_in_line(line: &str) -> Option<Vec<bool>> {
    EDITOR.escapes(line)
}

#[cfg(test)]
mod tests;
