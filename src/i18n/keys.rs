//! The key table's words: the help's heading of each context, what each command does (the help
//! and the dialogs), and the one or two words of a key hint.

use super::Lang;
use crate::tui::keymap::{Command, Context};

/// The heading of a context in the help.
pub fn context_title(context: Context, lang: Lang) -> &'static str {
    let (zh, en) = context_pair(context);
    lang.pick(zh, en)
}

fn context_pair(context: Context) -> (&'static str, &'static str) {
    use Context::*;
    match context {
        Normal => ("通用", "Everywhere"),
        Grid => ("表格", "Tables"),
        Text => ("文字章节", "Text sections"),
        CellEdit => ("输入数值时", "Typing a value"),
        TextEdit => ("编辑文字时", "Editing text"),
        Prompt => ("命令行", "Command line"),
        Help => ("帮助", "Help"),
        ConfirmQuit => ("退出前询问", "Quitting with unsaved changes"),
        ConfirmOverwrite => ("保存前询问", "Saving after a warning"),
        ConfirmBack => (
            "回到审核队列前询问",
            "Going back to the queue with unsaved changes",
        ),
        Problems => ("问题列表", "Problem list"),
        ConfirmOpen => ("打开前询问", "Opening with unsaved changes"),
        Queue => (
            "审核队列（nianbao review）",
            "Review queue (nianbao review)",
        ),
        QueueLine => ("输入筛选或备注时", "Typing a filter or a note"),
        Reviewing => ("从审核队列打开的报告", "A report opened from the queue"),
    }
}

/// What a command does, as the help and the dialogs' choices say it.
pub fn describe(command: Command, lang: Lang) -> &'static str {
    let (zh, en) = description(command);
    lang.pick(zh, en)
}

fn description(command: Command) -> (&'static str, &'static str) {
    use Command::*;
    match command {
        Help => ("帮助（本页）", "help (this screen)"),
        CloseHelp => ("关闭帮助", "close help"),
        CommandLine => ("命令行（见下）", "command line (see below)"),
        Search => (
            "查找行名、列名或正文（/ 后直接 Enter：下一处）",
            "find a row, a column or words of a text (/ Enter alone: the next one)",
        ),
        Save => ("保存", "save"),
        Quit => (
            "退出（有未保存的修改时询问）",
            "quit (asks about unsaved changes)",
        ),
        HowToQuit => ("说明如何退出", "say how to quit"),
        NextSection => ("下一章节", "next section"),
        PrevSection => ("上一章节", "previous section"),
        NextProblem => ("下一个问题", "next problem"),
        PrevProblem => ("上一个问题", "previous problem"),
        Problems => ("问题列表（全部问题，全文）", "list every problem in full"),
        GoToProblem => ("转到该问题", "go to the problem"),
        CloseProblems => ("关闭问题列表", "close the list"),
        Undo => ("撤销", "undo"),
        Redo => ("重做", "redo"),
        Left => ("左移", "left"),
        Right => ("右移", "right"),
        Up => ("上移", "up"),
        Down => ("下移", "down"),
        RowStart => ("行首", "first column"),
        RowEnd => ("行尾", "last column"),
        PageUp => ("上翻页", "page up"),
        PageDown => ("下翻页", "page down"),
        Top => ("第一行", "first row"),
        Bottom => ("最后一行", "last row"),
        NextCell => (
            "下一格（含合计，行尾转到下一行）",
            "next cell (totals too; on to the next row)",
        ),
        PrevCell => ("上一格（含合计）", "previous cell (totals too)"),
        EditOrNextRow => (
            "修改当前值；紧接 Tab 之后：到下一行 Tab 开始的那一列",
            "edit; right after Tabs: next row, where they began",
        ),
        EditCell => ("修改当前值", "edit the current value"),
        TypeValue => (
            "输入新值（在合计上输入即核对合计）",
            "type a new value (on a total: checks it)",
        ),
        OverrideTotal => (
            "改写合计（保留与各项之和不同的值）",
            "override a total: keep a value unlike its parts",
        ),
        ClearCell => (
            "清空单元格（合计：恢复为各项之和）",
            "make the cell empty (a total: the sum of its parts)",
        ),
        FillZeroTable => ("本表空单元格填 0", "fill this table's empty cells with 0"),
        FillZeroReport => ("全部空单元格填 0", "fill every empty cell with 0"),
        EditText => ("编辑文字", "edit the text"),
        CommitEnter => (
            "确认并下移；紧接 Tab 之后：到下一行 Tab 开始的那一列；没有下一行：下一格",
            "commit, down; after Tabs: next row, where they began; no row below: next cell",
        ),
        CommitDown => ("确认并下移（跳过合计）", "commit, move down (skips totals)"),
        CommitUp => ("确认并上移（跳过合计）", "commit, move up (skips totals)"),
        CommitNext => ("确认并到下一格（含合计）", "commit, next cell (totals too)"),
        CommitPrev => (
            "确认并到上一格（含合计）",
            "commit, previous cell (totals too)",
        ),
        CommitSideways => ("确认并左移 / 右移一格", "commit, move left / right"),
        CommitRowEnds => ("确认并到行首 / 行尾", "commit, first / last column"),
        CommitPage => ("确认并翻页", "commit, page up / down"),
        Cancel => ("取消", "cancel"),
        DeleteBack => ("删除前一个字符", "delete the character before"),
        LeaveText => ("结束编辑", "stop editing"),
        TextUndo => ("撤销（编辑中）", "undo (while editing)"),
        TextRedo => ("重做（编辑中）", "redo (while editing)"),
        CutToLineEnd => ("剪切到行尾", "cut to the end of the line"),
        CutWordBefore => ("剪切前一个词", "cut the word before"),
        PasteCut => ("粘贴剪切的内容", "paste what was cut"),
        SelectText => ("选择文字", "select text"),
        RunCommand => ("执行命令", "run the command"),
        SaveAndQuit => ("保存并退出", "save and quit"),
        QuitWithoutSaving => ("不保存，直接退出", "quit without saving"),
        SaveAndGoBack => ("保存并回到审核队列", "save, back to the queue"),
        GoBackWithoutSaving => ("不保存，回到审核队列", "back to the queue without saving"),
        SaveAndOpen => ("保存后打开", "save, then open"),
        OpenWithoutSaving => ("不保存，直接打开", "open without saving"),
        KeepEditing => ("取消，继续编辑", "cancel, keep editing"),
        SaveAnyway => ("仍然保存", "save anyway"),
        DontSave => ("不保存（修改仍在）", "don't save (edits are kept)"),
        OpenReport => (
            "打开报告（只读）及其问题",
            "open the report (read-only) at its problems",
        ),
        OpenEditable => ("打开报告并可修改", "open the report to edit it"),
        ToggleReviewed => ("标记已审核 / 取消标记", "mark reviewed / unmark"),
        EditNote => ("写备注", "write a note"),
        FilterText => (
            "按文字筛选（文件、机关、备注、规则）",
            "filter by text (file, agency, note, rule)",
        ),
        OnlyOpen => (
            "只看未审核的（含审核后有改动的）",
            "only unreviewed (or changed since)",
        ),
        OnlyErrors => ("只看有错误或无法读取的", "only with errors or unreadable"),
        ClearFilter => ("取消筛选", "clear the filter"),
        Accept => ("确定", "done"),
        BackToQueue => ("回到审核队列", "back to the queue"),
        NextReport => ("下一份报告", "next report"),
        PrevReport => ("上一份报告", "previous report"),
        QuitReview => ("退出审核（标记已保存）", "quit (the marks are saved)"),
        ReadAgain => (
            "重新读取文件（新增、改动、删除的）",
            "read the files again (new, changed, gone)",
        ),
    }
}

/// The short word of a key hint in the status line; a command without one is hinted with its
/// description.
pub fn hint_word(command: Command, lang: Lang) -> &'static str {
    match hint_pair(command) {
        Some((zh, en)) => lang.pick(zh, en),
        None => describe(command, lang),
    }
}

fn hint_pair(command: Command) -> Option<(&'static str, &'static str)> {
    use Command::*;
    let pair = match command {
        Help => ("帮助", "help"),
        NextSection => ("章节", "section"),
        NextProblem => ("问题", "problem"),
        FillZeroTable => ("填0", "zeros"),
        Undo => ("撤销", "undo"),
        Save => ("保存", "save"),
        Quit => ("退出", "quit"),
        EditText => ("编辑", "edit"),
        CommitEnter => ("确认", "commit"),
        CommitNext => ("下一格", "next"),
        Cancel => ("取消", "cancel"),
        LeaveText => ("结束", "done"),
        Down => ("滚动", "scroll"),
        PageDown => ("翻页", "page"),
        CloseHelp | CloseProblems => ("关闭", "close"),
        Problems => ("列表", "list"),
        GoToProblem => ("转到", "go"),
        RunCommand => ("执行", "run"),
        OpenReport => ("打开", "open"),
        ToggleReviewed => ("已审", "mark"),
        EditNote => ("备注", "note"),
        FilterText => ("筛选", "filter"),
        OnlyOpen => ("未审", "todo"),
        OnlyErrors => ("有错", "err"),
        QuitReview => ("退出", "quit"),
        Accept => ("确定", "done"),
        BackToQueue => ("回队列", "queue"),
        NextReport => ("下一份", "next"),
        PrevReport => ("上一份", "previous"),
        _ => return None,
    };
    Some(pair)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{BINDINGS, CONTEXTS};

    /// Every context and every bound command, with each text the key table gives it.
    #[test]
    fn every_key_text_is_in_both_languages() {
        let mut all = Vec::new();
        for context in CONTEXTS {
            let (zh, en) = context_pair(context);
            all.push(("context", zh, en));
        }
        for binding in BINDINGS {
            let (zh, en) = description(binding.command);
            all.push(("command", zh, en));
            if let Some((zh, en)) = hint_pair(binding.command) {
                all.push(("hint", zh, en));
            }
        }
        crate::i18n::purity::check(&all);
    }
}
