//! Making text safe to show: a report's texts, labels and file names may hold escape sequences
//! (ESC, OSC 52 clipboard writes, BEL, CR, C1 controls, bidi overrides) that would drive the
//! user's terminal. Every string shown goes through [`visible`] first.

use std::borrow::Cow;

/// Whether a character would change the terminal's state or the text's apparent order.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// The text with control characters made visible: `^[` for ESC, `^M` for CR, `<U+009B>` for C1
/// controls and bidi overrides. Tabs become a space, as they have no fixed width on a grid.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Like [`visible`], but line breaks are kept: for multi-line text shown line by line.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible_lines`], but tabs are kept too: for a text written to a file in which a tab has
/// its meaning (a published report's text, read back by `nianbao import`).
pub fn visible_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || c == '\t' {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        '\u{7f}' => out.push_str("^?"),
        c if is_unsafe(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(visible("\u{1b}]52;c;aGk=\u{7}"), "^[]52;c;aGk=^G");
        assert_eq!(visible("a\rb"), "a^Mb");
        assert_eq!(visible("\u{9b}31m"), "<U+009B>31m");
        assert_eq!(visible("abc\u{202e}def"), "abc<U+202E>def");
        assert_eq!(visible("总计\n"), "总计^J");
        assert_eq!(visible_lines("一\n二\u{1b}"), "一\n二^[");
        assert_eq!(visible_text("一\t二\n\u{1b}"), "一\t二\n^[");
        assert!(matches!(visible("自然人"), Cow::Borrowed(_)));
    }
}
