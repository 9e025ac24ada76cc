//! How a finding is put to a person: its message around the template's own wording of the rule
//! (`rule`, `fact`, `check`, in the same language), and the words of `check`'s lines. Values come
//! formatted in their cells' unit.

messages! {
    /// A rule broken by `diff` (left minus right, `sign` its plus sign when positive).
    rule_off(rule: &str, left: &str, right: &str, sign: &str, diff: &str) =>
        "{rule}：左边 {left}，右边 {right}，相差 {sign}{diff}",
        "{rule}: left {left}, right {right}, off by {sign}{diff}";
    /// The same when every cell of its left side is empty: counted as 0, as a sum counts it.
    rule_off_left_empty(rule: &str, right: &str, sign: &str, diff: &str) =>
        "{rule}：左边为空（按 0 计），右边 {right}，相差 {sign}{diff}",
        "{rule}: left empty (counted as 0), right {right}, off by {sign}{diff}";
    /// `cells` is the count with its noun ([`empty_cells`]).
    empty_cells_of(count: usize, cells: &str) =>
        "有 {count} 个空单元格（未填写）",
        "{cells}, not filled in yet";
    /// A report of `from` or later in the older format `id`, whose basis is `basis`.
    superseded(from: i32, id: &str, basis: &str) =>
        "{from}年及以后的报告应使用新格式，本报告仍使用 {id}（{basis}）",
        "reports for {from} and later use the newer format; this one uses {id}";
    /// A sentence `quote` of the text says `stated`, its table `table`.
    text_vs_table(fact: &str, quote: &str, stated: &str, table: &str) =>
        "{fact}：正文「{quote}」为 {stated}，表中为 {table}",
        "{fact}: the text says {stated} («{quote}»), the table has {table}";
    /// A structure check and what it found.
    structure(check: &str, what: &str) => "{check}：{what}", "{check}: {what}";
    /// `reasons` joined by [`reason_separator`].
    previous_unreadable(path: &str, reasons: &str) =>
        "上年报告 {path} 无法读取，跨年规则未检查：{reasons}",
        "last year's report {path} cannot be read, so the cross-year rules were not checked: {reasons}";
    reason_separator => "；", "; ";
    /// What import could not take over from a published report's file, on the file's `line`.
    imported_at(line: usize, said: &str) => "导入时第 {line} 行：{said}", "imported, line {line}: {said}";
    /// The same, for the file as a whole.
    imported(said: &str) => "导入时：{said}", "imported: {said}";
    /// Last year's report is by `previous`, this one by `agency`.
    previous_agency(previous: &str, agency: &str) =>
        "上年报告是{previous}的报告，本报告是{agency}的：跨年规则比较的是另一机关的数字",
        "last year's report is by {previous}, this report by {agency}: the cross-year rules compare another body's numbers";
    /// The rows holding empty cells, the first few named (`rows`) and how many more.
    empty_rows(rows: &str) => "：{rows}", ": {rows}";
    empty_rows_more(rows: &str, more: usize) => "：{rows}等（另有 {more} 行）", ": {rows} (+{more} rows)";

    // `check`'s lines.
    error => "错误", "error";
    warning => "警告", "warning";
    /// Where a sentence is in a section (`short` its short name): `at` characters from its start,
    /// counted from 1.
    text_place(short: &str, at: usize) => "{short}（第{at}字）", "{short} (character {at})";
    /// A section in a cell's or a finding's place: its heading's number, in Chinese the
    /// heading's own (三), in English in digits.
    section_name(number: &str) => "{number}", "Section {number}";
}

/// How many cells are empty, the noun agreeing with the count in English.
pub fn empty_cells(count: usize, lang: super::Lang) -> String {
    empty_cells_of(
        count,
        &super::en_count(count, "empty cell", "empty cells"),
        lang,
    )
}

/// How many rows with empty cells are named before the rest are counted.
const NAMED_ROWS: usize = 3;

/// How many cells are empty, and in which rows (the first few by label).
pub fn empty_cells_in(count: usize, rows: &[&str], lang: super::Lang) -> String {
    let mut text = empty_cells(count, lang);
    // A row without a label of its own (table 四's one row) is told by its table, already named.
    let rows: Vec<&str> = rows.iter().copied().filter(|r| !r.is_empty()).collect();
    if rows.is_empty() {
        return text;
    }
    let separator = lang.pick("、", ", ");
    let named = rows[..rows.len().min(NAMED_ROWS)].join(separator);
    text += &match rows.len().checked_sub(NAMED_ROWS) {
        Some(more) if more > 0 => empty_rows_more(&named, more, lang),
        _ => empty_rows(&named, lang),
    };
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
    }

    #[test]
    fn english_counts_agree_with_their_nouns() {
        use crate::i18n::Lang::{En, Zh};
        assert_eq!(super::empty_cells(1, En), "1 empty cell, not filled in yet");
        assert_eq!(
            super::empty_cells_in(7, &["二、上年结转"], Zh),
            "有 7 个空单元格（未填写）：二、上年结转"
        );
        assert_eq!(
            super::empty_cells_in(9, &["a", "b", "c", "d", "e"], En),
            "9 empty cells, not filled in yet: a, b, c (+2 rows)"
        );
        assert_eq!(
            super::empty_cells_in(9, &[""], Zh),
            "有 9 个空单元格（未填写）"
        );
        assert_eq!(
            super::empty_cells(2, En),
            "2 empty cells, not filled in yet"
        );
        assert_eq!(super::empty_cells(1, Zh), "有 1 个空单元格（未填写）");
        let counts = crate::i18n::cli::check_counts;
        assert_eq!(counts(0, 1, En), "0 errors, 1 warning");
        assert_eq!(counts(1, 2, En), "1 error, 2 warnings");
        assert_eq!(
            crate::i18n::sum::left_out(1, En),
            "nianbao: 1 input was left out (listed above)"
        );
        assert_eq!(
            crate::i18n::sum::summed(1, "t.toml", En),
            "summed 1 report into t.toml"
        );
    }
}
