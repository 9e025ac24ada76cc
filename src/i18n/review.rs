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
    /// After the year of a report of another year than most of the list.
    other_year_mark => "异年", "other";
    /// Before a report's note: an editor left unsaved edits beside it (a recovery file).
    unsaved_mark => "有未保存的修改", "unsaved edits";
    /// The chart's name for the reports of another year than `usual`, the year of most.
    other_year(usual: i32) => "非{usual}年度", "not {usual}";
    /// A body that sent more than one report for a year, in the chart and the table's rules.
    same_body => "同一机关多份", "several from one body";
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
        "{title} ({n} more not shown)";

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
    /// `save` is the key that saves.
    save_before_marking(save: &str) =>
        "请先保存（{save}）或撤销修改，再标记审核",
        "save ({save}) or undo the edits before marking the report";
    /// The report open from the queue, marked by Space or m.
    marked(shown: &str) => "{shown} 已标记为已审核", "{shown} marked reviewed";
    unmarked(shown: &str) => "{shown} 已取消审核标记", "{shown} no longer marked reviewed";
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

    // The assessment table and the queue's words for a report's state.
    status_ok => "通过", "ok";
    status_warnings => "仅有警告", "warnings";
    status_errors => "有错误", "errors";
    status_unreadable => "无法读取", "unreadable";
    /// Between a status and its reason ("无法读取：…").
    reason_colon => "：", ": ";
    /// Between the rules a report breaks, in one cell of the table.
    rules_separator => "、", "; ";
    sheet_name => "审核结果", "assessment";
    reviewed_no => "否", "no";
    reviewed_changed => "已审核，此后有改动", "changed since reviewed";
    reviewed_yes => "是", "yes";
    marks_unreadable(shown: &str, why: &str) =>
        "无法读取审核记录 {shown}：{why}",
        "cannot read the review marks {shown}: {why}";
    marks_invalid(shown: &str, why: &str) =>
        "审核记录 {shown} 格式有误：{why}",
        "the review marks {shown} are not valid: {why}";
    marks_not_utf8 => "不是 UTF-8 文本", "not UTF-8 text";
    marks_not_a_table(key: &str) => "{key}：应为表", "{key}: not a table";

    // The names of the checks every template has, in the chart and the table.
    rule_text_vs_table => "正文与表格不符", "text vs table";
    rule_empty_cells => "未填写的单元格", "empty cells";
    rule_previous_unreadable => "上年报告无法读取", "last year unreadable";
    rule_previous_agency => "上年报告机关不符", "last year's agency";
    rule_import => "导入异常", "import anomalies";
    rule_superseded_format => "旧格式", "superseded format";
    // The names of the structure checks, by their kind (a template names the check's id).
    structure_metadata => "基本信息缺失", "missing metadata";
    structure_title_year => "标题年份不符", "title year";
    structure_text_year => "正文年份不符", "year in the text";
    structure_previous_year => "上年报告年度不符", "last year's year";
    structure_empty_sections => "章节为空", "empty section";
    structure_placeholder => "只写了“无”", "placeholder text";
    structure_mention => "正文未说明", "not explained";
    structure_repeats => "沿用上年文字", "last year's text";

    // Listing the files to review or check.
    folder_unlisted(why: &str) => "无法列出文件夹：{why}", "cannot list the folder: {why}";
    /// A folder named for a batch command that holds no report file.
    folder_without_reports =>
        "文件夹中没有找到报告（没有 *.toml 文件，也没有已发布的报告）",
        "no report found in the folder (no *.toml file, no published report)";
    /// Text files a folder walk leaves out (`files`: their names, the first few, and how many
    /// more), said so that a report sent as copied text is not missed without a word.
    text_files_left_out(folder: &str, count: usize, files: &str) =>
        "{folder}：{count} 个文字文件没有读取（.txt、.md 只在点名时作为报告读取，如 nianbao check 文件名）：{files}",
        "{folder}: text files not read ({count}; a .txt or .md is read as a report only when named, as in nianbao check FILE): {files}";
    /// A published report newer than the report file of its name beside it: both are read.
    document_newer_than_report_file(document: &str, report_file: &str) =>
        "{document} 比 {report_file} 新，两份都已读取（可能是重新报送的；nianbao diff 比较两者）",
        "{document} is newer than {report_file}: both are read (it may have been sent again; nianbao diff compares them)";
    /// The queue read its files again (`r`): how many reports it has, how many are new, how
    /// many it had that are gone.
    read_again(count: usize, added: usize, gone: usize) =>
        "已重新读取：{count} 份报告（新增 {added}，移除 {gone}）",
        "read again: {count} reports ({added} new, {gone} gone)";
    list_unreadable(why: &str) => "无法读取文件列表：{why}", "cannot read the list of files: {why}";

    // The queue's help.
    help_moves => "移动（同编辑器）", "move (as in the editor)";
    help_title =>
        " 审核队列的按键 · 任意键关闭 ",
        " Keys of the review queue · any key closes ";
}

/// The line at the top of the queue (and after `review --export -o`): reports, with errors, with
/// warnings only, unreadable, ok; reviewed, changed since. English nouns agree with their counts.
pub fn counts_line(
    [reports, errors, warnings, unreadable, ok]: [usize; 5],
    [reviewed, changed]: [usize; 2],
    lang: super::Lang,
) -> String {
    match lang {
        super::Lang::Zh => format!(
            "{reports} 份：{errors} 有错误 · {warnings} 仅警告 · {unreadable} 无法读取 · {ok} 通过 ｜ 已审 {reviewed} · 改后待复核 {changed}"
        ),
        super::Lang::En => format!(
            "{} · {} · {warnings} warn · {unreadable} unreadable · {ok} ok | {reviewed} reviewed · {changed} changed",
            super::en_count(reports, "report", "reports"),
            super::en_count(errors, "error", "errors"),
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
    }
}
