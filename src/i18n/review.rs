//! What the reviewer's queue (`nianbao review`) shows and says: its column heads, filter line,
//! chart and help, and its messages. `shown` is a file as shown (control characters made visible
//! by the caller).

messages! {
    // The heads of the queue's columns: the mark, errors, warnings, file, agency, year, note.
    head_mark => "审", "✓";
    head_errors => "✗错误", "✗ err";
    head_warnings => "!警告", "!warn";
    head_file => "文件", "file";
    head_agency => "机关", "agency";
    head_year => "年度", "year";
    head_note => "备注", "note";
    /// The folders reviewed hold no report at all.
    no_reports =>
        "没有报告：所给的文件夹中没有 .toml 文件",
        "no reports: the folders given hold no .toml file";
    nothing_matches =>
        "没有符合筛选条件的报告（Esc 取消筛选）",
        "no report matches the filter (Esc clears it)";

    // The chart.
    chart_title => "违反各规则的报告数", "Reports breaking each rule";
    /// The chart's title when `n` rules do not fit.
    chart_title_more(title: &str, n: usize) =>
        "{title}（另有 {n} 条规则未列出）",
        "{title} ({n} more rules not shown)";

    // The foot line.
    filter_heading => "筛选：", "filter: ";
    /// Before the key of the report whose note is being typed.
    note_for => "备注", "note for";
    /// Before the text the queue is filtered by.
    filter_with => "含", "with ";
    filter_unreviewed => "仅未审核", "unreviewed only";
    filter_errors => "仅有错误", "errors only";
    /// How many reports the filter lets through.
    shown_count(shown: usize) => "  → {shown} 份", "  → {shown} shown";

    // A report opened from the queue.
    read_only => "只读", "read-only";
    editable => "可修改", "editable";
    review_word => "审核", "review";
    /// `save` is the key that saves.
    save_before_moving(save: &str) =>
        "请先保存（{save}）或撤销修改，再换下一份报告",
        "save ({save}) or undo the edits before going to another report";
    last_report => "这是队列中最后一份报告", "this is the last report of the queue";
    first_report => "这是队列中第一份报告", "this is the first report of the queue";
    cannot_open(shown: &str, why: &str) =>
        "{shown} 无法读取，不能打开：{why}",
        "{shown} cannot be read, so it cannot be opened: {why}";
    saved_to(shown: &str) => "已保存到 {shown}", "saved to {shown}";
    has_recovery(shown: &str) =>
        "{shown} 有上次未保存的修改：已只读打开；请用 nianbao {shown} 打开以恢复或丢弃",
        "{shown} has unsaved edits from an earlier session: opened read-only; open it with nianbao {shown} to recover or discard them";
    held(shown: &str, holder: &str) =>
        "{shown} 正由 {holder} 编辑：已只读打开",
        "{shown} is being edited by {holder}: opened read-only";

    // The marks file.
    /// The marks file cannot be used (`problem`), so it is left alone.
    marks_not_saved(problem: &str) =>
        "{problem}；为免覆盖，标记和备注不会保存",
        "{problem}; marks and notes are not saved, so as not to overwrite it";
    marks_unwritable(why: &str) =>
        "审核记录无法保存：{why}（下次修改时再试）",
        "the review marks cannot be saved: {why} (tried again at the next change)";

    // The queue's help.
    help_moves => "移动（同编辑器）", "move (as in the editor)";
    help_title =>
        " 审核队列的按键 · 任意键关闭 ",
        " Keys of the review queue · any key closes ";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
    }
}
