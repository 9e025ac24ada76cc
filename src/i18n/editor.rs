//! What the editor says: the status line's messages after a key or a `:` command, its dialogs and
//! the help screen's notes. `shown` is a file or a text as shown (control characters made visible
//! by the caller); values come formatted in their column's unit.

messages! {
    // The status lines.
    /// Where the caret is in a text: its line of `lines`, and the text's length.
    text_position(line: usize, lines: usize, chars: usize) =>
        "第 {line}/{lines} 行 · {chars} 字",
        "line {line}/{lines} · {chars} characters";
    /// Before what the text states, where a table says otherwise.
    status_text => "正文", "text";
    status_empty => "空", "empty";
    /// A cell the compared version's format does not have.
    status_not_in_format => "无此项", "none";
    /// Before the compared version's value.
    status_other => "对照", "other";
    status_overriding => " 改写合计", " override";
    mode_edit => "输入", "EDIT";
    mode_text => "编辑文字", "TEXT";
    mode_help => "帮助", "HELP";
    mode_problems => "问题", "PROBLEMS";
    mode_read_only => "只读", "READ-ONLY";
    mode_view => "浏览", "VIEW";

    // Editing cells and totals.
    /// Digits typed, then a letter motion (`3j`): the digits were its count, not a value.
    typed_as_count(count: &str) =>
        "{count} 作为移动次数，未填入单元格",
        "{count} taken as a count: nothing entered";
    /// A key that does nothing while a value is being typed; `commit` and `cancel` are keys.
    still_typing(commit: &str, cancel: &str) =>
        "正在输入数值：{commit} 确认，{cancel} 取消",
        "typing a value: {commit} enters it, {cancel} cancels";
    /// Enter on the last cell of a section: the cursor stays, so what is typed next replaces it.
    last_cell_of_section =>
        "已是本部分最后一格：再输入会改写它",
        "the section's last cell: typing again replaces it";
    /// Typing `o` on a cell that is not a total.
    not_a_total =>
        "这里不是合计：直接输入数值即可（只有合计可以改写）",
        "not a total: just type the value (only a total can be overridden)";
    parts_too_large =>
        "各项相加超出可记录的最大值，合计无法核对",
        "the parts add up past the largest value: the total cannot be checked";
    /// A value typed on a total that is its sum.
    total_matches(typed: &str) =>
        "✓ 合计 {typed} 与各项相加相符",
        "✓ the total {typed} matches its parts";
    /// `key` overrides a total.
    total_typed_no_parts(typed: &str, key: &str) =>
        "你输入 {typed}，但各项都还没有填写（{key} 改写合计）",
        "typed {typed}, no part is filled in ({key} overrides)";
    // Short enough for the file line at 80 columns: the sum kept shows in the cell.
    total_typed_differs(typed: &str, sum_text: &str, key: &str) =>
        "你输入 {typed}，各项相加为 {sum_text}；{key} 改写合计",
        "typed {typed}, parts add up to {sum_text} ({key} overrides)";
    /// A value typed on an overridden total, neither its sum nor the value it holds.
    override_kept(typed: &str, kept: &str, key: &str) =>
        "你输入 {typed}，合计仍为 {kept}；{key} 改写合计",
        "typed {typed}, total stays {kept} ({key} overrides)";
    /// `o` on a total: what it holds now, what to type.
    override_begun(now: &str) =>
        "键入合计的新值（现为 {now}），Enter 确定，Esc 取消",
        "type the total's new value (now {now}), Enter keeps it, Esc cancels";
    override_is_sum(value: &str) =>
        "{value} 与各项相加相同：仍是各项之和",
        "{value} is the sum of its parts: it stays their sum";
    overridden_unlike_sum(value: &str, sum: &str) =>
        "已改写合计为 {value}（各项相加为 {sum}）",
        "total overridden: {value} (its parts add up to {sum})";
    overridden(value: &str) =>
        "已改写合计为 {value}",
        "total overridden: {value}";
    total_restored(sum: &str) =>
        "合计已恢复为各项之和 {sum}",
        "the total is the sum of its parts again: {sum}";
    filled_zeros(filled: usize) =>
        "已将 {filled} 个空单元格填为 0",
        "empty cells filled with 0: {filled}";
    recomputed(changed: usize) =>
        "已重新计算合计，{changed} 个单元格有变化",
        "recomputed the totals; cells changed: {changed}";
    read_only_no_change => "只读模式：不能修改", "read-only: nothing can be changed";
    /// After the number of a money cell.
    money_unit => "万元", " 10k yuan";
    /// A money column's label that does not say its unit.
    column_with_unit(label: &str) => "{label}（万元）", "{label} (10k yuan)";
    /// A value typed with its unit (`trimmed`: 251000元), as the column holds it.
    converted(trimmed: &str, shown: &str) =>
        "{trimmed} 已换算为 {shown}万元（本列单位为万元）",
        "{trimmed} converted to {shown} 10k yuan (this column is in 10k yuan)";

    // Pasting.
    /// A field of line `line` of the paste is not a value: `why`, in a few words.
    paste_refused(line: usize, shown: &str, why: &str) =>
        "未粘贴：第 {line} 行“{shown}”{why}",
        "not pasted: line {line} \"{shown}\": {why}";
    /// A paste of more lines than the table has rows from the cursor down.
    paste_too_many_lines(lines: usize, rows: usize) =>
        "未粘贴：{lines} 行，此处往下只有 {rows} 行",
        "not pasted: {lines} lines, rows from here: {rows}";
    /// The sum of a pasted total whose parts are all empty.
    paste_no_parts => "空（各项都还没有填写）", "empty (no part filled in)";
    /// A pasted total unlike its parts; `place` is its row × column.
    pasted_total_differs(pasted: &str, sum: &str, place: &str) =>
        "粘贴 {pasted}，各项相加为 {sum}：{place}",
        "pasted {pasted}, parts add up to {sum}: {place}";
    /// A pasted total kept though its parts add up to `sum`.
    pasted_total_kept(pasted: &str, sum: &str, place: &str) =>
        "已保留粘贴的合计 {pasted}（各项相加为 {sum}，合计有误或某项有误）：{place}",
        "kept the pasted total {pasted} (its parts add up to {sum}: it or a part is wrong): {place}";
    pasted_totals_kept(n: usize, first: &str) =>
        "{n} 处粘贴的合计与各项之和不符，已保留粘贴的值，第一处：{first}",
        "{n} pasted totals differ from their parts and are kept as pasted, the first: {first}";
    totals_differ(n: usize, first: &str) =>
        "{n} 处合计不符（保留各项之和），第一处：{first}",
        "{n} totals differ (the sums are kept), the first: {first}";
    /// A value pasted on an overridden total that is neither its sum nor the value it holds.
    pasted_override_kept(pasted: &str, kept: &str, place: &str) =>
        "粘贴 {pasted}，合计仍为 {kept}：{place}",
        "pasted {pasted}, total stays {kept}: {place}";
    overrides_kept(n: usize, first: &str) =>
        "{n} 处改写的合计未变，第一处：{first}",
        "{n} overridden totals kept, the first: {first}";
    pasted_outside(outside: usize) =>
        "{outside} 个数值超出表格，未粘贴",
        "values outside the table, not pasted: {outside}";
    /// A paste on a text being read, the caret not moved into it: added at its end.
    pasted_at_end => "已粘贴到本节文字末尾（要粘贴到别处：先移到那里，或按 Enter 编辑）",
        "pasted at the end of the text (to paste elsewhere, move there first, or Enter to edit)";
    /// Between two of the paste's complaints on one line.
    separator => "；", "; ";

    // Undo.
    /// `what`: the place of the cell, how many cells, the text or the report's detail changed.
    undone(what: &str) => "已撤销：{what}", "undone: {what}";
    nothing_to_undo => "没有可撤销的修改", "nothing to undo";
    redone(what: &str) => "已重做：{what}", "redone: {what}";
    cells_changed(n: usize) => "{n} 个单元格", "{n} cells";
    /// A section's text, by its title.
    text_of(section: &str) => "{section}的文字", "the text of {section}";
    meta_agency => "机关名称", "the agency";
    meta_title => "标题", "the title";
    meta_year => "年度", "the year";
    meta_previous => "上年报告", "last year's report";
    nothing_to_redo => "没有可重做的修改", "nothing to redo";

    // Problems.
    no_problems => "没有问题", "no problems";
    /// Problem `k` of `n`.
    problem_of(k: usize, n: usize, message: &str) =>
        "问题 {k}/{n}：{message}",
        "problem {k} of {n}: {message}";

    // Files.
    read_only_no_save => "只读模式：不能保存", "read-only: nothing can be saved";
    /// A published report opened in the editor: shown as import reads it, read-only (saving
    /// would write a report file over the PDF or document). Short, so that the command fits
    /// whole at 80 columns beside the file's name and counts.
    imported_read_only(command: &str) =>
        "导入查看；修改请先：{command}",
        "imported; to edit: {command}";
    saved(shown: &str) => "已保存 {shown}", "saved {shown}";
    save_failed(e: &str) =>
        "保存失败：{e}（修改仍在，文件未改动）",
        "save failed: {e} (your edits are kept; the file is unchanged)";
    not_saved => "未保存（修改仍在）", "not saved (your edits are kept)";
    not_opened => "未打开（修改仍在）", "not opened (your edits are kept)";
    /// A character typed while browsing that no key does anything with (a letter, Chinese typed
    /// with the input method still on): what to do instead.
    no_such_key_in_grid(typed: &str) =>
        "“{typed}”在这里不起作用：数值直接键入数字，? 查看全部按键",
        "\"{typed}\" does nothing here: type digits for a value, ? shows every key";
    no_such_key_in_text(typed: &str) =>
        "“{typed}”在这里不起作用：按 Enter 编辑文字，? 查看全部按键",
        "\"{typed}\" does nothing here: Enter edits the text, ? shows every key";
    recovery_unwritable(why: &str) =>
        "恢复文件无法写入：{why}；断线将丢失未保存的修改",
        "the recovery file cannot be written: {why}; a dropped connection would lose unsaved edits";
    prev_loaded(shown: &str) =>
        "已载入上年报告 {shown}，跨年规则已启用",
        "last year's report {shown} loaded: cross-year rules on";
    /// `:prev FILE` read it, and the report now names it (`shown`, as the file will say it).
    prev_named(shown: &str) =>
        "上年报告 {shown} 已载入并记入本报告，跨年规则已启用",
        "last year's report {shown} loaded and named in this report: cross-year rules on";
    differences_marked(count: usize, shown: &str) =>
        "与 {shown} 相比有 {count} 处不同，已标出（:nodiff 取消）",
        "differences from {shown} marked: {count} (:nodiff to stop)";

    // Quitting.
    /// Ctrl-C: `quit` is the key that quits.
    how_to_quit(quit: &str) =>
        "退出请按 {quit} 或输入 :q（不保存退出 :q!）",
        "to quit, press {quit} or type :q (:q! quits without saving)";
    quit_cancelled => "已取消退出", "quit cancelled";

    // The `:` line.
    no_longer_prev => "不再与上年报告核对", "no longer checking against last year";
    /// `/` found the words nowhere in the report.
    not_found(words: &str) => "未找到“{words}”", "not found: \"{words}\"";
    search_wrapped => "已到报告末尾，从头查找", "reached the end of the report, found from the start";
    no_longer_diff => "不再标出不同之处", "no longer marking differences";
    /// A command given the wrong argument; `usage` is how it is written.
    ex_usage(usage: &str) => "用法：{usage}", "usage: {usage}";
    /// `:agency`, `:title`, `:year` without a value: what the report says now.
    agency_now(shown: &str) => "机关名称：{shown}", "agency: {shown}";
    title_now(shown: &str) => "标题：{shown}", "title: {shown}";
    year_now(shown: &str) => "年度：{shown}", "year: {shown}";
    /// What the report does not say yet.
    not_filled => "（未填）", "(not filled in)";
    agency_set(shown: &str) => "机关名称已设为 {shown}", "agency set to {shown}";
    title_set(shown: &str) => "标题已设为 {shown}", "title set to {shown}";
    year_set(year: i32) => "年度已设为 {year}", "year set to {year}";
    /// What was set, and the title that followed the body and year.
    and_title(said: &str, title: &str) => "{said}；标题：{title}", "{said}; title: {title}";
    /// A `:year` that is not a year a report can be for.
    not_a_year(shown: &str, first: i32, last: i32) =>
        "“{shown}”不是报告年度：应为 {first} 至 {last} 之间的年份",
        "\"{shown}\" is not a report's year: a year from {first} to {last}";
    /// `help` is the key of the help.
    unknown_ex_command(line: &str, help: &str) =>
        "未知命令 :{line}（{help} 查看帮助）",
        "unknown command :{line} ({help} for help)";
    /// The placeholders of a command's argument in the help.
    ex_file => "文件", "FILE";
    ex_value => "数值", "VALUE";
    ex_name => "名称", "NAME";
    ex_title => "标题", "TITLE";
    ex_year => "年份", "YEAR";

    // Dialogs.
    unsaved_changes => "有未保存的修改。", "There are unsaved changes.";
    unsaved_before_opening(shown: &str) =>
        "有未保存的修改。打开 {shown} 之前：",
        "There are unsaved changes. Before opening {shown}:";
    quit_title => " 退出 ", " Quit ";
    /// The same question in a report opened from the review queue, which quitting leaves for it.
    back_title => " 回到审核队列 ", " Back to the queue ";
    open_title => " 打开 ", " Open ";
    save_title => " 保存 ", " Save ";

    // The help screen.
    help_title => "nianbao 帮助 — 按键", "nianbao help — keys";
    help_command_line => "命令行（按 : 输入）", "Command line (type :)";
    help_also => "其他", "Also";
    help_counts =>
        "次数：数字后接字母移动键即移动几次（3j 下移三行）；方向键则确认数值",
        "Counts: digits before a letter motion repeat it (3j); an arrow enters them";
    help_units =>
        "金额可带单位输入（251000元、25.1万元），自动换算为本列的万元",
        "Money may be typed with its unit (251000元, 25.1万元): it is converted to 万元";
    help_mouse =>
        "鼠标：单击章节或单元格即可选中",
        "Mouse: click a section or a cell to select it";
    help_paste =>
        "粘贴数字：从光标处向右、向下填入；制表符分列（空字段即空单元格），换行分行",
        "Pasted numbers fill right and down; an empty field keeps its column";
    help_empty =>
        "空单元格显示为空白（未填写，不等于 0）",
        "Empty cells are blank: not filled in, which is not 0";
    help_totals =>
        "= 由规则自动计算的合计    * 改写的合计（与各项之和不同）",
        "= total filled in by a rule   * total overridden (unlike its parts)";
    help_marks =>
        "! 违反规则    ? 警告    在合计上输入数值：核对它，不会替换",
        "! breaks a rule   ? warning   a value typed on a total checks it";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
        let commands: Vec<(&str, &str, &str)> = crate::tui::app::command::COMMANDS
            .iter()
            .map(|c| (c.name, c.description.0, c.description.1))
            .collect();
        crate::i18n::purity::check(&commands);
    }
}
