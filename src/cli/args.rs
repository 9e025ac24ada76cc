//! The command-line grammar. The doc comments here are for the code's readers: every text the
//! user sees comes from the catalogue ([`crate::i18n::help`]), in their language.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "Edit and check 政府信息公开工作年度报告 and other statistical annual reports"
)]
// Not `args_conflicts_with_subcommands`: it refuses a global option written before the command
// (`nianbao --template mine.toml check r.toml`), taking `check` for FILE.
pub struct Cli {
    /// Interface language (default: from LANG, Chinese for zh* or C, English for another)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// A template id (gov-2021) or a template file of your own (my-report.toml)
    #[arg(long, global = true, value_name = "ID|PATH")]
    pub template: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Open FILE in the editor (a new report if it does not exist or is empty)
    pub file: Option<PathBuf>,

    /// Review without the possibility of changing anything
    #[arg(long)]
    pub read_only: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new report with every cell empty
    New {
        file: PathBuf,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        title: Option<String>,
    },
    /// Check that reports add up; exit 0 when no file has an error, 1 when a rule is broken,
    /// 2 when a file cannot be read
    Check {
        /// Report files, or folders standing for every *.toml under them
        #[arg(required_unless_present = "files_from", value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Also check the files listed in LIST, one per line (`-` for standard input)
        #[arg(long, value_name = "LIST")]
        files_from: Option<PathBuf>,
        /// Last year's report for every file, for the cross-year rules (default: the one each
        /// file names with `previous`)
        #[arg(long, value_name = "LAST_YEAR.toml", conflicts_with = "no_prev")]
        prev: Option<PathBuf>,
        /// Leave out the cross-year rules
        #[arg(long)]
        no_prev: bool,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Read a published report into a report file: text copied from a page, pdftotext output,
    /// converter or OCR Markdown, crawler text, a saved HTML page, or the file itself (.pdf,
    /// .docx, .xlsx/.xls), told by its content; `-` for standard input. Exit 0 when imported
    /// cleanly, 1 when imported with anomalies (listed on standard error), 2 when the input holds
    /// no usable report
    Import {
        input: PathBuf,
        /// Where to write the report (default, or -: standard output)
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
        /// Write over OUT.toml if it exists (never over the input)
        #[arg(long)]
        force: bool,
    },
    /// Show every cell and text that differs between two reports; exit 0 when they are the same,
    /// 1 when they differ, 2 when one cannot be read
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Add up many bodies' reports of one template and year into a total report; exit 0 when
    /// written, 1 when written but some inputs break rules, 2 when nothing is written
    Sum {
        /// Report files, or folders standing for every *.toml under them
        #[arg(required_unless_present = "files_from", value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Also add up the files listed in LIST, one per line (`-` for standard input): for more
        /// files than a command line holds, read one at a time
        #[arg(long, value_name = "LIST")]
        files_from: Option<PathBuf>,
        /// The total report; if it is a total written before, only its numbers are replaced
        #[arg(short, long, value_name = "OUT.toml")]
        output: PathBuf,
        /// Write a new total over OUT.toml if it exists and is not a total written by sum
        #[arg(long)]
        force: bool,
        /// The agency of the total (a new total has none)
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// Add up the inputs that can be added and list the others (unreadable, of another
        /// template or year), rather than write nothing
        #[arg(long)]
        skip_bad: bool,
    },
    /// Write a report in another format
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// Where to write (default, or -: standard output)
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Write over OUT if it exists (never over the input)
        #[arg(long)]
        force: bool,
        /// CSV without the byte-order mark that makes Excel read it as UTF-8
        #[arg(long)]
        no_bom: bool,
    },
    /// The reviewer's queue: every report of a folder with what is wrong, problems first, a
    /// reviewed mark and a note each (kept in nianbao-review.toml in the folder); Enter opens a
    /// report. With --export, the assessment table instead: one row per report
    Review {
        /// Report files, or folders standing for every *.toml under them
        #[arg(required_unless_present = "files_from", value_name = "DIR|FILE")]
        files: Vec<PathBuf>,
        /// Also review the files listed in LIST, one per line (`-` for standard input)
        #[arg(long, value_name = "LIST")]
        files_from: Option<PathBuf>,
        /// Write the assessment table (agency, year, file, status, errors, warnings, rules
        /// broken, reviewed, note) rather than open the queue
        #[arg(long, value_enum, value_name = "FORMAT")]
        export: Option<ReviewFormat>,
        /// Where to write the table (default, or -: standard output; an xlsx needs -o FILE or a
        /// pipe)
        #[arg(short, long, value_name = "OUT", requires = "export")]
        output: Option<PathBuf>,
        /// Write over OUT if it exists
        #[arg(long, requires = "output")]
        force: bool,
        /// The marks file (default: nianbao-review.toml in the one folder reviewed, else in the
        /// current folder)
        #[arg(long, value_name = "FILE")]
        marks: Option<PathBuf>,
    },
    /// List the templates, or show one
    Templates {
        #[command(subcommand)]
        action: Option<TemplatesAction>,
    },
    /// Print the shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff
    Man,
    /// Show the help of a command, as its `--help` does (`nianbao help templates show`)
    Help {
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum TemplatesAction {
    /// Print a template
    Show { id: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For people: a line per file and per finding, and a summary
    Text,
    /// For scripts: an array with one object per file (docs/FORMAT.md)
    Json,
    /// For spreadsheets: a row per finding, UTF-8 with a byte-order mark
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads it
    Csv,
    /// A spreadsheet: a header row, frozen, widths fitted
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The whole report for scripts (docs/FORMAT.md)
    Json,
    /// A standalone, printable page in the official layout
    Html,
    /// Text shaped like a published report; `import` reads it back
    Txt,
    /// Headings, paragraphs and pipe tables
    Md,
    /// One row per cell: agency, year, section, table, row, column, labels, value
    Csv,
    /// A Word document in the official layout (A4); needs -o or a pipe
    Docx,
    /// The tables as a spreadsheet, one sheet per table; needs -o or a pipe
    Xlsx,
}

impl ExportFormat {
    /// Whether the format is a binary file, never to be written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, ExportFormat::Docx | ExportFormat::Xlsx)
    }
}

/// The commands' names, as `nianbao help` lists them (a test keeps this list and the grammar's
/// the same).
pub const COMMAND_NAMES: &[&str] = &[
    "new",
    "check",
    "review",
    "import",
    "export",
    "sum",
    "diff",
    "templates",
    "completions",
    "man",
    "help",
];

/// The command `word` is a slip for, when it is no file name: no extension, no folder, and a
/// letter away from a command's name, two letters swapped counting as one (`chek`, `exprot`;
/// `sun` is not: too short to tell).
pub fn mistyped_command(word: &str) -> Option<&'static str> {
    if word.contains(['.', '/']) || word.chars().count() < 3 {
        return None;
    }
    COMMAND_NAMES
        .iter()
        .copied()
        .filter(|name| *name != word)
        .map(|name| (edit_distance(word, name), name))
        .filter(|(d, _)| *d <= 1)
        .min()
        .map(|(_, name)| name)
}

/// The fewest letters to insert, delete, change or swap with the next to turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The first argument that is neither an option nor an option's value: where a command's name
/// or the file goes.
pub fn first_word(argv: &[std::ffi::OsString]) -> Option<String> {
    let mut args = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        match arg.as_ref() {
            "--lang" | "--template" => {
                args.next();
            }
            a if a.starts_with('-') => {}
            a => return Some(a.to_string()),
        }
    }
    None
}

/// The file of `nianbao FILE` when that is the whole command line, as clap would read it: one
/// argument that is neither empty, nor an option, nor a command's name. Building the grammar (every command
/// with its help in the user's language) and parsing with it takes about as long as drawing the
/// editor's first frame, and touches code the editor never runs again; this is the clerk's
/// command, run many times a day.
pub fn only_a_file(argv: &[std::ffi::OsString]) -> Option<PathBuf> {
    let [_, file] = argv else { return None };
    let text = file.to_string_lossy();
    if text.is_empty() || text.starts_with('-') || COMMAND_NAMES.contains(&text.as_ref()) {
        return None;
    }
    Some(PathBuf::from(file))
}

/// The grammar with every help text in `lang`: what `--help`, the man page and the completions
/// are made of.
pub fn command(lang: Lang) -> clap::Command {
    let command = Cli::command()
        .mut_subcommand("check", |c| {
            c.mut_arg("format", |a| {
                a.value_parser(Described::<CheckFormat>::new("check format", lang))
            })
        })
        .mut_subcommand("export", |c| {
            c.mut_arg("to", |a| {
                a.value_parser(Described::<ExportFormat>::new("export to", lang))
            })
        })
        .mut_subcommand("review", |c| {
            c.mut_arg("export", |a| {
                a.value_parser(Described::<ReviewFormat>::new("review export", lang))
            })
        });
    crate::i18n::help::localize(command, lang)
}

/// The values of an option, each described in the user's language, as shell completions show
/// them; parsed as clap parses the enum (the derived descriptions are the code's, in English).
#[derive(Clone)]
struct Described<E> {
    values: Vec<clap::builder::PossibleValue>,
    parsed: std::marker::PhantomData<E>,
}

impl<E: ValueEnum> Described<E> {
    /// `key` names the option as the catalogue does (`"export to"`).
    fn new(key: &str, lang: Lang) -> Described<E> {
        let values = E::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .map(|value| {
                let key = format!("{key} {}", value.get_name());
                let text = crate::i18n::help::value_text(&key, lang);
                value.help(text)
            })
            .collect();
        Described {
            values,
            parsed: std::marker::PhantomData,
        }
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser
    for Described<E>
{
    type Value = E;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<E, clap::Error> {
        clap::builder::EnumValueParser::<E>::new().parse_ref(command, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().cloned()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slips_of_a_command_name_are_told_from_file_names() {
        use super::mistyped_command;
        assert_eq!(mistyped_command("chek"), Some("check"));
        assert_eq!(mistyped_command("exprot"), Some("export"));
        assert_eq!(mistyped_command("reveiw"), Some("review"));
        assert_eq!(mistyped_command("templtes"), Some("templates"));
        for file in [
            "check",
            "chek.toml",
            "2024",
            "dir/chek",
            "shiyan",
            "ab",
            "report",
        ] {
            assert_eq!(mistyped_command(file), None, "{file}");
        }
    }

    use super::*;
    use clap::FromArgMatches;
    use std::ffi::OsString;

    fn argv(args: &[&str]) -> Vec<OsString> {
        std::iter::once("nianbao")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_list_of_names_is_the_grammars() {
        let grammar = Cli::command();
        let mut names: Vec<&str> = grammar
            .get_subcommands()
            .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
            .collect();
        if !grammar.is_disable_help_subcommand_set() && !names.contains(&"help") {
            names.push("help");
        }
        names.sort_unstable();
        let mut listed = COMMAND_NAMES.to_vec();
        listed.sort_unstable();
        assert_eq!(names, listed);
    }

    /// Every value an option describes is described in the user's language: shell completions
    /// show the descriptions beside the values.
    #[test]
    fn the_values_of_options_are_described_in_the_users_language() {
        fn walk(command: &clap::Command, found: &mut Vec<String>) {
            for arg in command.get_arguments() {
                for value in arg.get_possible_values() {
                    if let Some(help) = value.get_help() {
                        found.push(help.to_string());
                    }
                }
            }
            command.get_subcommands().for_each(|s| walk(s, found));
        }
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        walk(&command(Lang::Zh), &mut zh);
        walk(&command(Lang::En), &mut en);
        assert_eq!(zh.len(), 12, "{zh:?}");
        assert_eq!(zh.len(), en.len());
        for help in &zh {
            assert!(
                help.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{help}"
            );
        }
        assert!(en.iter().all(|h| h.is_ascii()), "{en:?}");
    }

    #[test]
    fn a_lone_file_is_read_as_clap_reads_it() {
        for file in ["r.toml", "报告.toml", "dir/check", "checks", "./new"] {
            let args = argv(&[file]);
            let parsed = Cli::from_arg_matches(&command(Lang::En).get_matches_from(&args)).unwrap();
            assert!(parsed.command.is_none(), "{file}");
            assert_eq!(only_a_file(&args), parsed.file, "{file}");
        }
    }

    #[test]
    fn anything_more_goes_to_clap() {
        for args in [
            vec!["check"],
            vec!["help"],
            vec![""],
            vec!["--version"],
            vec!["-h"],
            vec!["r.toml", "--read-only"],
            vec!["--lang", "en", "r.toml"],
            vec![],
        ] {
            assert_eq!(only_a_file(&argv(&args)), None, "{args:?}");
        }
    }
}
