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

#[cfg(test)]
mod tests {
    use super::line_column;

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
