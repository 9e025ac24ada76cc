//! How a finding is put to a person: its message around the template's own wording of the rule
//! (`rule`, `fact`, `check`, in the same language), and the words of `check`'s lines. Values come
//! formatted in their cells' unit.

messages! {
    /// A rule broken by `diff` (left minus right, `sign` its plus sign when positive).
    rule_off(rule: &str, left: &str, right: &str, sign: &str, diff: &str) =>
        "{rule}：左边 {left}，右边 {right}，相差 {sign}{diff}",
        "{rule}: left {left}, right {right}, off by {sign}{diff}";
    empty_cells(count: usize) =>
        "有 {count} 个空单元格（未填写）",
        "{count} empty cell(s), not filled in yet";
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

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
    }
}
