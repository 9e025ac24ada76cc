//! Byte offsets to the line and column a person sees in an editor.

/// 1-based line and column (in characters) of a byte offset into `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The line that nests deepest, for an error the parser gives without a place: it stops at too
/// deep a nesting of dotted keys (`a.a.a…`) without saying where. The line with the most dots and
/// brackets is where a person should look.
pub fn deepest_line(text: &str) -> Option<usize> {
    let depth = |line: &str| line.bytes().filter(|b| b"[{.".contains(b)).count();
    let (index, line) = text.lines().enumerate().max_by_key(|(_, l)| depth(l))?;
    (depth(line) > 0).then_some(index + 1)
}

/// Where a one-line string opens that its line does not close (`text = "` with the text on the
/// lines after), up to `until_line`: the parser only notices lines later, where it names
/// something else. Multi-line strings (`'''`, `"""`) and comments are skipped.
pub fn unclosed_string(text: &str, until_line: usize) -> Option<(usize, usize)> {
    let mut multi: Option<&str> = None;
    for (index, line) in text.lines().enumerate().take(until_line) {
        let mut rest = line;
        let mut column = 1;
        loop {
            if let Some(delimiter) = multi {
                match rest.find(delimiter) {
                    Some(at) => {
                        column += rest[..at + 3].chars().count();
                        rest = &rest[at + 3..];
                        multi = None;
                    }
                    None => break,
                }
            }
            let Some(at) = rest.find(['"', '\'', '#']) else {
                break;
            };
            column += rest[..at].chars().count();
            rest = &rest[at..];
            if rest.starts_with('#') {
                break;
            }
            if let Some(delimiter) = ["'''", "\"\"\""].into_iter().find(|d| rest.starts_with(d)) {
                multi = Some(delimiter);
                rest = &rest[3..];
                column += 3;
                continue;
            }
            let quote = rest.as_bytes()[0];
            let mut escaped = false;
            let close = rest[1..].find(|c: char| {
                let found = !escaped && c as u32 == u32::from(quote);
                escaped = quote == b'"' && !escaped && c == '\\';
                found
            });
            match close {
                Some(at) => {
                    column += rest[..at + 2].chars().count();
                    rest = &rest[at + 2..];
                }
                None => return Some((index + 1, column)),
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{line_column, unclosed_string};

    #[test]
    fn a_string_its_line_does_not_close_is_found() {
        let text = "agency = \"某局\"\n[overview]\ntext = \"\n正文第一段\n";
        assert_eq!(unclosed_string(text, 5), Some((3, 8)));
        // Closed strings, escaped quotes, comments and multi-line strings are no such thing.
        let fine = "a = \"x\\\"y\" # \"\nb = 'c'\nt = '''\n\"多行\n'''\nd = \"\"\"\n'\n\"\"\"\n";
        assert_eq!(unclosed_string(fine, 99), None);
        assert_eq!(unclosed_string(text, 2), None, "not past the line given");
    }

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\n总计 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        let second_eq = text.rfind('=').unwrap();
        assert_eq!(line_column(text, second_eq), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
