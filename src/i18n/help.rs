//! The help of every command, flag and argument, and the examples of the common tasks.
//!
//! clap's derive gives the grammar; [`localize`] sets every text it shows from here before the
//! command line is parsed, so `--help` and `nianbao man` speak the user's language.

use clap::{Arg, ArgAction, Command};

use super::Lang;
use super::help_layout::{self, headings};

/// One text of the help: where it goes, in Chinese and English.
struct Entry {
    /// The command path and the argument id: `"check"` is the command's about, `"check files"`
    /// one of its arguments; `""` is nianbao itself, `" lang"` its `--lang`.
    key: &'static str,
    zh: &'static str,
    en: &'static str,
}

const fn e(key: &'static str, zh: &'static str, en: &'static str) -> Entry {
    Entry { key, zh, en }
}

const TEXTS: &[Entry] = &[
    e(
        "",
        "编辑、检查政府信息公开工作年度报告等统计年报",
        "Edit and check 政府信息公开工作年度报告 and other statistical annual reports",
    ),
    e(
        " lang",
        "界面语言：zh 或 en（默认取配置文件的 lang，否则按 LC_ALL/LC_MESSAGES/LANG：zh 开头或未指定语言（C、POSIX）为中文，其他语言为英文）",
        "Interface language: zh or en (default: the config file's lang, else LC_ALL/LC_MESSAGES/LANG: Chinese for zh* or no language named (C, POSIX), English for another)",
    ),
    e(
        " template",
        "模板：内置模板的标识（gov-2021、gov-2019）、模板文件夹中的模板，或自己的模板文件（my-report.toml）",
        "A template: a built-in id (gov-2021, gov-2019), one from the template folders, or a template file of your own (my-report.toml)",
    ),
    e(
        " file",
        "在编辑器中打开的报告文件（不存在或为空时新建）",
        "Open FILE in the editor (a new report if it does not exist or is empty)",
    ),
    e(
        " read_only",
        "只查看，不允许任何修改",
        "Review without the possibility of changing anything",
    ),
    e(
        " help",
        "显示帮助（-h 简要，--help 详细）",
        "Show help (-h a summary, --help in full)",
    ),
    e(" version", "显示版本号", "Show the version"),
    e(
        "new",
        "新建一份所有单元格为空的报告",
        "Create a new report with every cell empty",
    ),
    e(
        "new file",
        "要新建的报告文件（不能已存在）",
        "The report file to create (must not exist yet)",
    ),
    e(
        "new agency",
        "报告机关的名称，如“某某市人民政府办公室”",
        "The reporting body's name, such as 某某市人民政府办公室",
    ),
    e(
        "new year",
        "报告年度，如 2024",
        "The year reported on, such as 2024",
    ),
    e(
        "new title",
        "报告标题（默认按机关和年度生成）",
        "The report's title (default: made from the agency and year)",
    ),
    e(
        "check",
        "检查报告的勾稽关系；无错误时退出码为 0，违反规则为 1，文件无法读取为 2",
        "Check that reports add up; exit 0 when no file has an error, 1 when a rule is broken, 2 when a file cannot be read",
    ),
    e(
        "check files",
        "报告文件，或已发布的报告（PDF、Word、Excel、网页、文字，按 import 的读法读取）；或文件夹，代表其中所有 *.toml 和已发布的报告（.pdf、.docx、.xlsx、.xls、.html 等；旁边有同名 .toml 时以 .toml 为准）",
        "Report files, or published reports (PDF, Word, Excel, a saved page, text: read as import reads them); or folders standing for every *.toml and published report under them (.pdf, .docx, .xlsx, .xls, .html…; a.toml, where there is one, stands for a.docx)",
    ),
    e(
        "check files_from",
        "同时检查“列表”所列的文件，每行一个（- 表示标准输入）",
        "Also check the files listed in LIST, one per line (`-` for standard input)",
    ),
    e(
        "check prev",
        "所有文件都与这份上年报告比对跨年规则（默认用各文件 previous 指明的那份）",
        "Last year's report for every file, for the cross-year rules (default: the one each file names with `previous`)",
    ),
    e(
        "check no_prev",
        "不检查跨年规则",
        "Leave out the cross-year rules",
    ),
    e(
        "check format",
        "输出格式：text 供人阅读（默认），json 供脚本，csv 供电子表格（UTF-8 带 BOM）",
        "Output format: text for people (default), json for scripts, csv for spreadsheets (UTF-8 with a byte-order mark)",
    ),
    e(
        "import",
        "把已发布的报告读成报告文件：网页复制的文字、pdftotext 输出、转换或识别得到的 Markdown、爬虫文本、保存的网页，或文件本身（.pdf、.docx、.xlsx/.xls），按内容识别；- 表示标准输入。干净导入退出码为 0，有异常为 1（异常列在标准错误上），输入中没有可用的报告为 2",
        "Read a published report into a report file: text copied from a page, pdftotext output, converter or OCR Markdown, crawler text, a saved HTML page, or the file itself (.pdf, .docx, .xlsx/.xls), told by its content; `-` for standard input. Exit 0 when imported cleanly, 1 when imported with anomalies (listed on standard error), 2 when the input holds no usable report",
    ),
    e(
        "import input",
        "要导入的文件，- 表示标准输入",
        "The file to import, `-` for standard input",
    ),
    e(
        "import output",
        "写入的报告文件（默认或 -：标准输出）",
        "Where to write the report (default, or -: standard output)",
    ),
    e(
        "import force",
        "输出文件已存在时覆盖它（绝不覆盖输入文件）",
        "Write over OUT.toml if it exists (never over the input)",
    ),
    e(
        "diff",
        "列出两份报告之间不同的单元格和正文；相同时退出码为 0，不同为 1，有文件无法读取为 2",
        "Show every cell and text that differs between two reports; exit 0 when they are the same, 1 when they differ, 2 when one cannot be read",
    ),
    e("diff old", "旧版报告", "The older version"),
    e("diff new", "新版报告", "The newer version"),
    e(
        "diff format",
        "输出格式：text 供人阅读（默认），json 供脚本",
        "Output format: text for people (default), json for scripts",
    ),
    e(
        "sum",
        "把同一模板、同一年度的多份报告汇总成一份合计报告；写入时退出码为 0，已写入但有输入违反规则为 1，未写入为 2",
        "Add up many bodies' reports of one template and year into a total report; exit 0 when written, 1 when written but some inputs break rules, 2 when nothing is written",
    ),
    e(
        "sum files",
        "报告文件，或已发布的报告（PDF、Word、Excel、网页、文字，按 import 的读法读取）；或文件夹，代表其中所有 *.toml 和已发布的报告（.pdf、.docx、.xlsx、.xls、.html 等；旁边有同名 .toml 时以 .toml 为准）",
        "Report files, or published reports (PDF, Word, Excel, a saved page, text: read as import reads them); or folders standing for every *.toml and published report under them (.pdf, .docx, .xlsx, .xls, .html…; a.toml, where there is one, stands for a.docx)",
    ),
    e(
        "sum files_from",
        "同时汇总“列表”所列的文件，每行一个（- 表示标准输入）：文件多到命令行放不下时使用，逐个读取",
        "Also add up the files listed in LIST, one per line (`-` for standard input): for more files than a command line holds, read one at a time",
    ),
    e(
        "sum output",
        "合计报告；是此前写出的合计时只替换其中的数字",
        "The total report; if it is a total written before, only its numbers are replaced",
    ),
    e(
        "sum force",
        "输出文件已存在但不是 nianbao sum 写出的合计时，仍用新的合计覆盖它",
        "Write a new total over OUT.toml if it exists and is not a total written by sum",
    ),
    e(
        "sum agency",
        "合计报告的机关名称（新建的合计报告没有机关）",
        "The agency of the total (a new total has none)",
    ),
    e("sum title", "合计报告的标题", "The title of the total"),
    e(
        "sum skip_bad",
        "汇总可以汇总的输入，并列出其余的（无法读取、模板或年度不同），而不是什么都不写",
        "Add up the inputs that can be added and list the others (unreadable, of another template or year), rather than write nothing",
    ),
    e(
        "review",
        "审核队列：文件夹中每份报告一行，列出其问题，问题在前，每份可标记已审核并写备注（保存在该文件夹的 nianbao-review.toml 中）；Enter 打开报告。加 --export 则改为输出评议表：每份报告一行",
        "The reviewer's queue: every report of a folder with what is wrong, problems first, a reviewed mark and a note each (kept in nianbao-review.toml in the folder); Enter opens a report. With --export, the assessment table instead: one row per report",
    ),
    e(
        "review files",
        "报告文件，或已发布的报告（PDF、Word、Excel、网页、文字，按 import 的读法读取）；或文件夹，代表其中所有 *.toml 和已发布的报告（.pdf、.docx、.xlsx、.xls、.html 等；旁边有同名 .toml 时以 .toml 为准）",
        "Report files, or published reports (PDF, Word, Excel, a saved page, text: read as import reads them); or folders standing for every *.toml and published report under them (.pdf, .docx, .xlsx, .xls, .html…; a.toml, where there is one, stands for a.docx)",
    ),
    e(
        "review files_from",
        "同时审核“列表”所列的文件，每行一个（- 表示标准输入）",
        "Also review the files listed in LIST, one per line (`-` for standard input)",
    ),
    e(
        "review export",
        "不打开队列，改为写出评议表（机关、年度、文件、状态、错误、警告、违反的规则、已审核、备注）：csv（UTF-8 带 BOM）或 xlsx",
        "Write the assessment table (agency, year, file, status, errors, warnings, rules broken, reviewed, note) rather than open the queue: csv (UTF-8 with a byte-order mark) or xlsx",
    ),
    e(
        "review output",
        "评议表写入的文件（默认或 -：标准输出；xlsx 需要 -o 文件或管道）",
        "Where to write the table (default, or -: standard output; an xlsx needs -o FILE or a pipe)",
    ),
    e(
        "review force",
        "输出文件已存在时覆盖它",
        "Write over OUT if it exists",
    ),
    e(
        "review marks",
        "审核记录文件（默认：所审核的唯一文件夹中的 nianbao-review.toml，否则为当前文件夹中的）",
        "The marks file (default: nianbao-review.toml in the one folder reviewed, else in the current folder)",
    ),
    e(
        "export",
        "把报告写成其他格式",
        "Write a report in another format",
    ),
    e(
        "export file",
        "要导出的报告文件",
        "The report file to export",
    ),
    e(
        "export to",
        "格式：json（供脚本的完整报告）、html（按官方版式、可打印的网页）、txt（发布格式的文字，import 可读回）、md（标题、段落和管道表格）、csv（每个单元格一行）、docx（官方版式的 Word 文档，A4）、xlsx（每个表一张工作表）；docx 和 xlsx 需要 -o 或管道",
        "The format: json (the whole report for scripts), html (a printable page in the official layout), txt (text shaped like a published report; import reads it back), md (headings, paragraphs and pipe tables), csv (one row per cell), docx (a Word document in the official layout, A4), xlsx (one sheet per table); docx and xlsx need -o or a pipe",
    ),
    e(
        "export output",
        "写入的文件（默认或 -：标准输出）",
        "Where to write (default, or -: standard output)",
    ),
    e(
        "export force",
        "输出文件已存在时覆盖它（绝不覆盖输入文件）",
        "Write over OUT if it exists (never over the input)",
    ),
    e(
        "export no_bom",
        "CSV 不带字节顺序标记（Excel 靠它识别 UTF-8）",
        "CSV without the byte-order mark that makes Excel read it as UTF-8",
    ),
    e(
        "templates",
        "列出模板，或显示其中一个",
        "List the templates, or show one",
    ),
    e("templates show", "显示一个模板", "Print a template"),
    e(
        "templates show id",
        "模板标识，如 gov-2021",
        "The template's id, such as gov-2021",
    ),
    e(
        "completions",
        "输出命令行补全脚本（bash、zsh、fish、powershell、elvish）",
        "Print the shell completion script (bash, zsh, fish, powershell, elvish)",
    ),
    e(
        "completions shell",
        "哪种 shell：bash、zsh、fish、powershell 或 elvish",
        "Which shell: bash, zsh, fish, powershell or elvish",
    ),
    e(
        "man",
        "输出 roff 格式的手册页（man nianbao）",
        "Print the manual page in roff (man nianbao)",
    ),
    e(
        "help",
        "显示某个命令的帮助，与该命令加 --help 相同",
        "Show the help of a command, as the command's --help does",
    ),
    e(
        "help command",
        "命令名，可带其下的命令（如 templates show）；不写则显示 nianbao 的帮助",
        "The command's name, and its own command's (templates show); none for nianbao's help",
    ),
];

/// The examples of the common tasks, shown after the full help (`--help`) of a command.
const EXAMPLES: &[Entry] = &[
    e("", "示例：
  nianbao 2024.toml                          打开（或新建）报告并编辑
  nianbao check 2024.toml                    检查勾稽关系
  nianbao import 年报.pdf -o 2024.toml       导入已发布的报告
  nianbao export 2024.toml --to docx -o 2024.docx
  nianbao completions bash > ~/.local/share/bash-completion/completions/nianbao",
      "Examples:
  nianbao 2024.toml                          open (or start) a report in the editor
  nianbao check 2024.toml                    check that it adds up
  nianbao import report.pdf -o 2024.toml     read a published report
  nianbao export 2024.toml --to docx -o 2024.docx
  nianbao completions bash > ~/.local/share/bash-completion/completions/nianbao"),
    e("new", "示例：
  nianbao new 2024.toml --agency 某某市人民政府办公室 --year 2024
  nianbao new 2020.toml --template gov-2019 --year 2020",
      "Examples:
  nianbao new 2024.toml --agency 某某市人民政府办公室 --year 2024
  nianbao new 2020.toml --template gov-2019 --year 2020"),
    e("check", "示例：
  nianbao check 2024.toml                    一份报告（及其 previous 指明的上年报告）
  nianbao check 各部门/                      一个文件夹中的所有报告
  nianbao check 2024.toml --prev 2023.toml   与指定的上年报告比对
  nianbao check 各部门/ --format csv > 结果.csv",
      "Examples:
  nianbao check 2024.toml                    one report (and the last year's it names)
  nianbao check departments/                 every report in a folder
  nianbao check 2024.toml --prev 2023.toml   against a given last year's report
  nianbao check departments/ --format csv > findings.csv"),
    e("import", "示例：
  nianbao import 年报.pdf -o r.toml          PDF（需要 poppler 的 pdftotext：apt-get install poppler-utils）
  pdftotext -layout 年报.pdf - | nianbao import - -o r.toml
  nianbao import 年报.docx -o r.toml         Word 或 WPS 文档，含合并单元格
  nianbao import 年报.xlsx -o r.toml         按官方表格排布的工作表（.xls 亦可）
  nianbao import 页面.html -o r.toml         保存的网页，UTF-8 或 GBK
  nianbao import 复制.txt -o r.toml          从网页复制的文字：制表符、空格、每格一行
  nianbao import 转换.md -o r.toml           转换或识别得到的 Markdown

表格按其自身标签查找；无法确定的单元格留空并列出所在行，绝不猜测。",
      "Examples:
  nianbao import report.pdf -o r.toml        a PDF (needs poppler's pdftotext: apt-get install poppler-utils)
  pdftotext -layout report.pdf - | nianbao import - -o r.toml
  nianbao import report.docx -o r.toml       a Word or WPS document, merged cells and all
  nianbao import report.xlsx -o r.toml       a sheet laid out like the official tables (.xls too)
  nianbao import page.html -o r.toml         a saved page, UTF-8 or GBK
  nianbao import copied.txt -o r.toml        text copied from a page: tabs, spaces, one cell per line
  nianbao import converted.md -o r.toml      converter or OCR Markdown, split tables and all

Tables are found by their own labels wherever they stand; what cannot be placed is listed with
the line it came from, and a cell that cannot be read for sure is left empty, never guessed."),
    e("diff", "示例：
  nianbao diff 2024-初稿.toml 2024.toml
  nianbao diff 2024-初稿.toml 2024.toml --format json",
      "Examples:
  nianbao diff 2024-draft.toml 2024.toml
  nianbao diff 2024-draft.toml 2024.toml --format json"),
    e("sum", "示例：
  nianbao sum 各部门/ -o 全县合计.toml --agency 某某县人民政府
  find 各部门 -name '*.toml' | nianbao sum --files-from - -o 合计.toml --skip-bad",
      "Examples:
  nianbao sum departments/ -o county-total.toml --agency 某某县人民政府
  find departments -name '*.toml' | nianbao sum --files-from - -o total.toml --skip-bad"),
    e("export", "示例：
  nianbao export 2024.toml --to docx -o 2024.docx
  nianbao export 2024.toml --to html -o 2024.html
  nianbao export 2024.toml --to csv > 2024.csv",
      "Examples:
  nianbao export 2024.toml --to docx -o 2024.docx
  nianbao export 2024.toml --to html -o 2024.html
  nianbao export 2024.toml --to csv > 2024.csv"),
    e("review", "示例：
  nianbao review 2024年/                       审核 2024年/ 下的每份报告
  nianbao review 2024年/ --export xlsx -o 评议.xlsx
                                               评议表，含标记和备注
  nianbao review --files-from 清单.txt --marks 2024年/nianbao-review.toml

审核队列中：Enter 打开（只读）· e 可修改 · 空格 标记已审核 · c 备注 · / 筛选 · u 仅未审核 ·
x 仅有错误 · ? 按键 · q 退出。报告中：Esc 回到队列，Ctrl-N / Ctrl-P 下一份 / 上一份。",
      "Examples:
  nianbao review 2024/                         the queue of every report under 2024/
  nianbao review 2024/ --export xlsx -o assessment.xlsx
                                               the assessment table, marks and notes included
  nianbao review --files-from list.txt --marks 2024/nianbao-review.toml

In the queue: Enter open (read-only) · e to edit · Space mark reviewed · c note · / filter ·
u only unreviewed · x only with errors · ? keys · q quit. In a report: Esc back to the queue,
Ctrl-N / Ctrl-P next / previous."),
    e("templates", "示例：
  nianbao templates
  nianbao templates show gov-2021",
      "Examples:
  nianbao templates
  nianbao templates show gov-2021"),
    e("completions", "示例：
  nianbao completions bash > ~/.local/share/bash-completion/completions/nianbao
  nianbao completions zsh > ~/.zfunc/_nianbao
  nianbao completions fish > ~/.config/fish/completions/nianbao.fish",
      "Examples:
  nianbao completions bash > ~/.local/share/bash-completion/completions/nianbao
  nianbao completions zsh > ~/.zfunc/_nianbao
  nianbao completions fish > ~/.config/fish/completions/nianbao.fish"),
    e("man", "示例：
  nianbao man > ~/.local/share/man/man1/nianbao.1 && man nianbao",
      "Examples:
  nianbao man > ~/.local/share/man/man1/nianbao.1 && man nianbao"),
];

/// What each value of an option means, as shell completions show it beside the value: keyed
/// `"{command} {argument} {value}"`.
const VALUES: &[Entry] = &[
    e(
        "check format text",
        "供人阅读：每个文件、每个问题一行，另有汇总",
        "For people: a line per file and per finding, and a summary",
    ),
    e(
        "check format json",
        "供脚本：每个文件一个对象的数组",
        "For scripts: an array with one object per file",
    ),
    e(
        "check format csv",
        "供电子表格：每个问题一行，UTF-8 带 BOM",
        "For spreadsheets: a row per finding, UTF-8 with a byte-order mark",
    ),
    e(
        "review export csv",
        "UTF-8 带 BOM，中文 Windows 上的 Excel 可直接打开",
        "UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads it",
    ),
    e(
        "review export xlsx",
        "电子表格：表头一行并冻结，列宽自适应",
        "A spreadsheet: a header row, frozen, widths fitted",
    ),
    e(
        "export to json",
        "供脚本的完整报告",
        "The whole report for scripts",
    ),
    e(
        "export to html",
        "按官方版式、可单独打开并打印的网页",
        "A standalone, printable page in the official layout",
    ),
    e(
        "export to txt",
        "发布格式的文字；import 可读回",
        "Text shaped like a published report; import reads it back",
    ),
    e(
        "export to md",
        "标题、段落和管道表格",
        "Headings, paragraphs and pipe tables",
    ),
    e(
        "export to csv",
        "每个单元格一行：机关、年度、部分、表、行、列、标签、数值",
        "One row per cell: agency, year, section, table, row, column, labels, value",
    ),
    e(
        "export to docx",
        "官方版式的 Word 文档（A4）；需要 -o 或管道",
        "A Word document in the official layout (A4); needs -o or a pipe",
    ),
    e(
        "export to xlsx",
        "各表写成电子表格，每个表一张工作表；需要 -o 或管道",
        "The tables as a spreadsheet, one sheet per table; needs -o or a pipe",
    ),
];

/// What `value` of an option means (`key` is `"{command} {argument} {value}"`), in `lang`.
pub fn value_text(key: &str, lang: Lang) -> Option<&'static str> {
    find(VALUES, key, lang)
}

fn find(table: &'static [Entry], key: &str, lang: Lang) -> Option<&'static str> {
    table
        .iter()
        .find(|e| e.key == key)
        .map(|e| lang.pick(e.zh, e.en))
}

/// The help text of `key`; every command and argument has one (a test walks them all).
pub fn text(key: &str, lang: Lang) -> Option<&'static str> {
    find(TEXTS, key, lang)
}

/// The first clause of a command's description, for the list of commands.
fn summary(about: &'static str) -> &'static str {
    let end = ["；", "：", "; ", ": "]
        .iter()
        .filter_map(|sep| about.find(sep))
        .min()
        .unwrap_or(about.len());
    &about[..end]
}

/// The word clap's error messages start the usage with, and the one to show instead.
pub fn usage_heading(lang: Lang) -> &'static str {
    headings(lang).usage
}

/// Every text of `command` and its subcommands from the catalogue, in `lang`. The built-in help
/// and version flags are replaced by ones with localized help, and clap's own lists of possible
/// and default values (English words) are left out: the texts name them.
pub fn localize(command: Command, lang: Lang) -> Command {
    let mut command = localize_at(command, "", lang, true);
    command.build();
    help_layout::localize_usage(&mut command, lang);
    command
}

fn localize_at(mut command: Command, path: &str, lang: Lang, root: bool) -> Command {
    let h = headings(lang);
    let about = text(path, lang);
    command = command
        .about(about.map(summary))
        .long_about(about)
        .subcommand_help_heading(h.commands)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .after_help(None::<&str>)
        .after_long_help(None::<&str>);
    if let Some(name) = h.command {
        command = command.subcommand_value_name(name);
    }
    if let Some(examples) = find(EXAMPLES, path, lang) {
        command = command.after_long_help(format!("{examples}\n"));
    }
    // Arguments first, then options: the man page lists the sections in the order of their
    // first argument, and `mut_arg` puts an argument last. (The help has its own template.)
    let mut ids: Vec<(bool, String)> = command
        .get_arguments()
        .map(|a| (!a.is_positional(), a.get_id().to_string()))
        .collect();
    ids.sort_by_key(|(option, _)| *option);
    let ids = ids.into_iter().map(|(_, id)| id);
    for id in ids {
        let key = format!("{path} {id}");
        let help = text(&key, lang);
        command = command.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() {
                h.arguments
            } else {
                h.options
            };
            let takes_values = arg.get_action().takes_values();
            help_layout::localize_value_name(arg, lang)
                .help(help)
                .help_heading(heading)
                .long_help(None::<&str>)
                .hide_possible_values(takes_values)
                .hide_default_value(takes_values)
        });
    }
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(text(" help", lang))
            .help_heading(h.options),
    );
    if root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text(" version", lang))
                .help_heading(h.options),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |s| localize_at(s, &sub_path, lang, false));
    }
    let template = help_layout::template(&command, lang);
    command.help_template(template)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command path and argument key of the grammar, as [`TEXTS`] names them.
    fn keys(command: &Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            // --help and --version are the catalogue's own, under nianbao's keys.
            if id != "help" && id != "version" {
                out.push(format!("{path} {id}"));
            }
        }
        for sub in command.get_subcommands() {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            keys(sub, &sub_path, out);
        }
    }

    fn grammar_keys() -> Vec<String> {
        use clap::CommandFactory;
        let mut out = Vec::new();
        keys(&crate::cli::Cli::command(), "", &mut out);
        out
    }

    #[test]
    fn every_command_and_argument_is_described_in_both_languages() {
        let missing: Vec<String> = grammar_keys()
            .into_iter()
            .filter(|k| TEXTS.iter().all(|e| e.key != k))
            .collect();
        assert!(missing.is_empty(), "no help text for {missing:?}");
        for e in TEXTS {
            assert!(!e.zh.is_empty() && !e.en.is_empty(), "{}", e.key);
            assert_ne!(e.zh, e.en, "{} is not translated", e.key);
        }
    }

    #[test]
    fn no_text_is_left_over_from_a_removed_argument() {
        let keys = grammar_keys();
        for e in TEXTS {
            let own = e.key == " help" || e.key == " version";
            assert!(
                own || keys.iter().any(|k| k == e.key),
                "{:?} names nothing",
                e.key
            );
        }
        for e in EXAMPLES {
            assert!(keys.iter().any(|k| k == e.key), "examples of {:?}", e.key);
        }
    }

    #[test]
    fn every_placeholder_has_a_chinese_name() {
        fn walk(command: &Command, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                if let Some(name) = help_layout::value_name(arg)
                    && help_layout::value_name_zh(&name).is_none()
                {
                    missing.push(format!("{} {name}", command.get_name()));
                }
            }
            command.get_subcommands().for_each(|s| walk(s, missing));
        }
        use clap::CommandFactory;
        let mut missing = Vec::new();
        walk(&crate::cli::Cli::command(), &mut missing);
        assert!(missing.is_empty(), "no Chinese placeholder for {missing:?}");
    }

    #[test]
    fn the_localized_grammar_passes_clap_s_own_checks() {
        for lang in [Lang::Zh, Lang::En] {
            crate::cli::args::command(lang).debug_assert();
        }
    }

    #[test]
    fn a_command_s_summary_is_its_first_clause() {
        assert_eq!(
            summary("检查报告的勾稽关系；无错误时退出码为 0"),
            "检查报告的勾稽关系"
        );
        assert_eq!(
            summary("Check that reports add up; exit 0"),
            "Check that reports add up"
        );
        assert_eq!(summary("把报告写成其他格式"), "把报告写成其他格式");
    }
}
