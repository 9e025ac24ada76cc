//! What the editor says before and after its screen (no terminal, the lock, the recovery file,
//! a dropped connection), on opening another report, and about saving safely. `shown` is a file
//! as shown (control characters made visible by the caller).

messages! {
    // Before the screen.
    no_terminal =>
        "编辑器需要在终端中运行（标准输入和标准输出都必须是终端）；在脚本中请用 nianbao check、export 等命令",
        "the editor needs a terminal (standard input and output must both be one); in scripts, use nianbao check, export and the other commands";
    /// TERM is not set.
    term_not_set => "（未设置）", "(not set)";
    /// `shown` is the value of TERM.
    dumb_terminal(shown: &str) =>
        "终端类型 TERM={shown} 无法显示全屏编辑器；请在支持光标移动的终端中运行（例如 TERM=xterm-256color），或用 nianbao check、export 等命令",
        "the terminal type TERM={shown} cannot show the full-screen editor; run it in a terminal that can move the cursor (e.g. TERM=xterm-256color), or use nianbao check, export and the other commands";
    // Short enough to stand whole beside the file's name at 80 columns.
    /// `shown` is the locale.
    not_utf8(shown: &str) =>
        "区域 {shown} 非 UTF-8，若乱码请设 LANG=zh_CN.UTF-8",
        "locale {shown} is not UTF-8: if Chinese is garbled, set LANG=zh_CN.UTF-8";

    // The lock.
    being_edited(shown: &str, holder: &str) =>
        "{shown} 正由 {holder} 编辑。",
        "{shown} is being edited by {holder}.";
    lock_question =>
        "r 只读打开 · t 接管（仅当对方已不在编辑）· q 退出 [r/t/q]",
        "r open read-only · t take over (only if that editor is gone) · q quit [r/t/q]";
    /// The holder is an editor on this machine that still runs: it cannot be taken over.
    holder_still_runs(pid: u32) =>
        "该编辑器仍在本机运行（pid {pid}），不能接管：请在那里保存并退出，或只读打开。",
        "That editor still runs on this machine (pid {pid}) and cannot be taken over: save and quit there, or open read-only.";
    lock_question_running =>
        "r 只读打开 · q 退出 [r/q]",
        "r open read-only · q quit [r/q]";
    no_lock_file(shown: &str, e: &str) =>
        "提示：无法为 {shown} 建立锁文件（{e}），继续编辑",
        "note: no lock file for {shown} ({e}); editing anyway";
    /// Saving under a name another editor holds.
    held_by(shown: &str, holder: &str) =>
        "{shown} 正由 {holder} 编辑",
        "{shown} is being edited by {holder}";

    // The recovery file.
    recovery_corrupt(path: &str, why: &str, aside: &str) =>
        "恢复文件 {path} 已损坏，不予采用（{why}）；已另存为 {aside}",
        "the recovery file {path} is corrupt and was not used ({why}); kept as {aside}";
    /// `by` says who left the edits, and when.
    found_unsaved(shown: &str, by: &str) =>
        "发现 {shown} 上次未保存的修改（{by}）。",
        "Found unsaved changes to {shown} from an earlier session ({by}).";
    file_changed_since => "注意：此后文件本身也被修改过。", "Note: the file itself changed since then.";
    /// The file changed after the crash and the version the edits started from was kept.
    recovery_merges =>
        "恢复时只把未保存的修改放到文件现在的内容上，文件此后的修改都保留。",
        "Recovering puts only the unsaved edits on what the file holds now; its own changes since then are kept.";
    /// `n` places both the unsaved edits and the file changed, differently.
    recovery_conflicts(n: usize) =>
        "其中 {n} 处双方都改过且不同，恢复时采用未保存的修改（d 可查看）。",
        "Both changed {n} of the same places differently; recovering takes the unsaved edits there (d shows them).";
    /// The file changed after the crash and the version the edits started from is unknown.
    recovery_overwrites =>
        "恢复的内容会替换文件此后的修改；保存时会再次询问。",
        "The recovered report replaces the file's changes since then; saving asks again.";
    /// Shown in the editor after a merged recovery with conflicts; short enough for 80 columns.
    recovered_with_conflicts(n: usize) =>
        "已恢复：{n} 处双方都改过，取恢复的值",
        "recovered: {n} places both changed, recovered kept";
    /// The sides of the differences shown before a merged recovery.
    the_file_as_opened => "打开时的文件", "the file as opened";
    the_file_now => "文件现在", "the file now";
    /// Shown in the editor when a corrupt recovery file was set aside (`aside`).
    recovery_set_aside(aside: &str) =>
        "恢复文件已损坏，未采用；其内容另存在 {aside}",
        "the recovery file was corrupt and not used; what it held is kept in {aside}";
    /// Asked after a corrupt recovery file was set aside, so the notice is read.
    corrupt_question =>
        "Enter 打开文件 · q 退出 [Enter/q]",
        "Enter open the file · q quit [Enter/q]";
    recovery_question =>
        "r 恢复 · d 查看差异 · x 丢弃 · q 退出 [r/d/x/q]",
        "r recover · d show the differences · x discard · q quit [r/d/x/q]";
    /// The two sides of the differences shown before recovering.
    the_file => "文件", "the file";
    the_unsaved_edits => "未保存的修改", "the unsaved edits";
    /// The terminal closed: why it went away, when not an error of its own.
    hangup => "挂断", "hangup";
    /// The review queue's terminal went away (its marks are saved as they are made).
    terminal_gone(why: &str) => "终端已断开（{why}）", "the terminal went away ({why})";
    /// `path` is the recovery file.
    hung_up(why: &str, path: &str) =>
        "终端已断开（{why}）；未保存的修改在 {path}",
        "the terminal went away ({why}); unsaved edits are in {path}";
    not_a_recovery_file => "它不是 nianbao 的恢复文件", "it is not a nianbao recovery file";
    recovery_truncated =>
        "它不完整（写入时被中断）",
        "it is incomplete (cut short while being written)";
    recovery_unreadable(why: &str) => "无法读取：{why}", "it cannot be read: {why}";

    // Opening another report from the editor.
    other_has_recovery(shown: &str) =>
        "{shown} 有上次未保存的修改：退出后用 nianbao 打开它，可恢复或丢弃",
        "{shown} has unsaved changes from an earlier session: quit and open it with nianbao to recover or discard them";
    cannot_open(shown: &str, why: &str) => "无法打开 {shown}：{why}", "cannot open {shown}: {why}";
    opened_read_only(shown: &str, holder: &str) =>
        "{shown} 正由 {holder} 编辑：只读打开",
        "{shown} is being edited by {holder}: opened read-only";
    opened(shown: &str) => "已打开 {shown}", "opened {shown}";
    opened_new(shown: &str) =>
        "新报告 {shown}：保存时建立该文件",
        "new report {shown}: the file is made when you save";

    // Saving safely: why the editor asks first.
    changed_on_disk => "文件在打开后被其他程序修改过。", "The file was changed by another program.";
    deleted_on_disk =>
        "文件在打开后被删除了；保存将重新建立它。",
        "The file was deleted since it was opened; saving creates it again.";
    exists => "已有同名文件；保存将覆盖它。", "A file of that name exists; saving replaces it.";
    lock_taken_by(holder: &str) =>
        "{holder} 已接管此文件的编辑。",
        "{holder} has taken over editing this file.";
    lock_removed => "此文件的锁已被别人移除。", "Someone removed this file's lock.";
    owner_changes(owner: &str) =>
        "文件属于 {owner}；保存后将属于你。",
        "The file belongs to {owner}; once saved it will belong to you.";
    file_read_only =>
        "文件是只读的（或你没有写权限）。",
        "The file is read-only (or you may not write it).";
    hard_links(n: u64) =>
        "文件还有 {n} 个硬链接；保存后它们仍是旧内容。",
        "The file has {n} other hard link(s); they will keep the old contents.";
    /// Saving into a folder that does not exist.
    folder_missing(shown: &str) =>
        "文件夹 {shown} 不存在；请先建立它，或用 :w 另存到已有的文件夹",
        "the folder {shown} does not exist; create it first, or save elsewhere with :w";
    /// The folder of the report cannot take the new file a save writes first.
    folder_not_writable(shown: &str, why: &str) =>
        "无法在文件夹 {shown} 中新建文件（{why}）；保存需要在报告所在的文件夹中写入",
        "cannot create a file in the folder {shown} ({why}); saving writes a new file beside the report";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_is_in_both_languages() {
        crate::i18n::purity::check(super::ALL);
    }
}
