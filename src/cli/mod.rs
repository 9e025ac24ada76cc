//! The command line: what each subcommand does, apart from the terminal editor.

pub mod args;
pub mod check;
pub mod diff;
pub mod import;
pub mod man;
pub mod output;
pub mod review;
pub mod sum;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::batch::inputs::inputs_naming_empty_folders;
use crate::batch::{self, Outcome, Prev};
use crate::config::Config;
use crate::i18n::Lang;
use crate::i18n::cli as msg;
use crate::report::Report;
use crate::store::previous::PrevCache;
use crate::store::{self, atomic::write_atomic};
use crate::template::{Registry, Template};
use crate::visible::visible;
pub use args::{CheckFormat, Cli, Command, ExportFormat, OutputFormat, ReviewFormat};

/// The built-in format the current one replaced: a new report for a year before the current
/// format took effect is made with it.
const FORMER_FORMAT: &str = "gov-2019";

/// Exit status of a command that could not do its work (unreadable file, bad arguments).
pub const EXIT_TROUBLE: u8 = 2;

/// A failure a command reports to the user before exiting with status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure(crate::read::io_text(&e, Lang::of_process()))
    }
}

impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure(e)
    }
}

/// Where command-line options say templates come from: `--template` names a file to load or the
/// id of a template; the config adds folders of templates and the template of new reports.
pub struct Templates {
    pub registry: Registry,
    pub chosen: Option<Arc<Template>>,
    pub chosen_id: Option<String>,
    /// The config's template for new reports, when `--template` is not given.
    default: Option<String>,
    lang: Lang,
}

impl Templates {
    pub fn from_option(
        option: Option<&str>,
        config: &Config,
        lang: Lang,
    ) -> Result<Templates, Failure> {
        let mut registry = Registry::default();
        for dir in &config.template_dirs {
            load_folder(&mut registry, dir, lang)?;
        }
        let mut chosen = None;
        let mut chosen_id = None;
        if let Some(value) = option {
            if Path::new(value).is_file() {
                chosen = Some(
                    registry
                        .load_file(Path::new(value))
                        .map_err(|e| Failure(e.text(lang)))?,
                );
            } else if value.ends_with(".toml") {
                return Err(Failure(msg::template_file_missing(value, lang)));
            } else if registry.get(value).is_some() {
                chosen_id = Some(value.to_string());
            } else {
                // Never ignored: a misspelt id would check every file against the wrong format.
                return Err(Failure(msg::unknown_template(
                    value,
                    &registry.ids(),
                    true,
                    lang,
                )));
            }
        }
        Ok(Templates {
            registry,
            chosen,
            chosen_id,
            default: config.template.clone(),
            lang,
        })
    }

    /// The template a new report should use.
    /// The template a new report is made with: the one chosen, else the format of `year` (a
    /// report for a year before the current format uses the one it replaced).
    pub fn for_new_report(&mut self, year: Option<i32>) -> Result<Arc<Template>, Failure> {
        if let Some(t) = &self.chosen {
            return Ok(t.clone());
        }
        if self.chosen_id.is_none()
            && let Some(default) = self.default.take()
        {
            // The config's template is checked as `--template` is, when it is first needed.
            let chosen = Templates::from_option(Some(&default), &Config::default(), self.lang)?;
            if let Some(t) = chosen.chosen {
                self.registry.insert(t.clone());
                return Ok(t);
            }
            self.chosen_id = chosen.chosen_id;
        }
        let replaced_for = |registry: &mut Registry, year: i32| {
            registry
                .get(FORMER_FORMAT)
                .and_then(|t| t.superseded_from)
                .is_some_and(|from| year < from)
        };
        let id = match (self.chosen_id.as_deref(), year) {
            (Some(id), _) => id,
            (None, Some(year)) if replaced_for(&mut self.registry, year) => FORMER_FORMAT,
            (None, _) => "gov-2021",
        };
        self.registry.get(id).ok_or_else(|| {
            Failure(msg::unknown_template(
                id,
                &self.registry.ids(),
                true,
                self.lang,
            ))
        })
    }
}

/// The file `-o` names; `-` names standard output, as it does for `--files-from`, so scripts
/// can say so outright.
fn to_file(output: Option<std::path::PathBuf>) -> Option<std::path::PathBuf> {
    output.filter(|path| path.as_os_str() != "-")
}

/// A closed standard output (`nianbao export … | head`) ends the command quietly, as it ends
/// `cat`. Rust starts programs with SIGPIPE ignored, which turns every later write into a
/// "Broken pipe" error to report; the default action ends the process without a word. Only
/// subcommands do this: the editor writes to a terminal, where a hangup is handled on its own.
fn end_quietly_when_output_closes() {
    // SAFETY: setting a signal's disposition to its default installs no handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Every `*.toml` of a folder of one's own templates, each known by its id from now on.
fn load_folder(registry: &mut Registry, dir: &Path, lang: Lang) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| Failure(msg::cannot_read(dir, &e, lang)))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    for file in files {
        registry
            .load_file(&file)
            .map_err(|e| Failure(msg::bad_template_in_folder(&e.text(lang), lang)))?;
    }
    Ok(())
}

/// `nianbao help templates show`: the full help of the command named, as its `--help` shows.
fn help(names: &[String], lang: Lang) -> ExitCode {
    let mut command = args::command(lang);
    let mut at = &mut command;
    for name in names {
        match at.find_subcommand_mut(name) {
            Some(sub) => at = sub,
            None => {
                eprintln!("nianbao: {}", msg::unknown_command(name, lang));
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    }
    match at.print_long_help() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {}", crate::read::io_text(&e, lang));
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Runs a subcommand; the editor itself is started by the binary.
pub fn run(command: Command, templates: Option<&str>, config: &Config, lang: Lang) -> ExitCode {
    end_quietly_when_output_closes();
    let mut stdout = std::io::stdout().lock();
    match command {
        Command::Completions { shell } => {
            let mut command = args::command(lang);
            clap_complete::generate(shell, &mut command, "nianbao", &mut stdout);
            return ExitCode::SUCCESS;
        }
        Command::Help { command } => return help(&command, lang),
        Command::Man => {
            return match man::write(lang, &mut stdout) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("nianbao: {}", crate::read::io_text(&e, lang));
                    ExitCode::from(EXIT_TROUBLE)
                }
            };
        }
        _ => {}
    }
    let result = Templates::from_option(templates, config, lang).and_then(|mut t| match command {
        Command::New {
            file,
            agency,
            year,
            title,
        } => new_report(&mut t, &file, agency, year, title, lang, &mut stdout),
        Command::Check {
            files,
            files_from,
            prev,
            no_prev,
            format,
        } => {
            let prev = match (&prev, no_prev) {
                (Some(p), _) => check::PrevOption::File(p),
                (None, true) => check::PrevOption::Skip,
                (None, false) => check::PrevOption::Named,
            };
            Ok(check::run(
                &mut t.registry,
                inputs_naming_empty_folders(files, files_from, lang),
                prev,
                format,
                lang,
                &mut stdout,
            ))
        }
        Command::Import {
            input,
            output,
            force,
        } => import::run(
            &mut t,
            &input,
            to_file(output).as_deref(),
            force,
            lang,
            &mut stdout,
        ),
        Command::Diff { old, new, format } => {
            diff::run(&mut t.registry, &old, &new, format, lang, &mut stdout)
        }
        Command::Sum {
            files,
            files_from,
            output,
            agency,
            title,
            skip_bad,
            force,
        } => sum::run(
            &mut t.registry,
            inputs_naming_empty_folders(files, files_from, lang),
            sum::Output {
                path: &output,
                agency,
                title,
                skip_bad,
                force,
            },
            lang,
            &mut stdout,
        ),
        Command::Export {
            file,
            to,
            output,
            force,
            no_bom,
        } => export(
            &mut t.registry,
            &file,
            ExportOptions {
                to,
                output: to_file(output).as_deref(),
                force,
                no_bom,
            },
            lang,
            &mut stdout,
        ),
        Command::Review {
            files,
            files_from,
            export,
            output,
            force,
            marks,
        } => review::run(
            t.registry,
            review::Options {
                files,
                files_from,
                export,
                output: to_file(output),
                force,
                marks,
            },
            lang,
            &mut stdout,
        ),
        Command::Templates { action } => list_templates(&mut t, action, lang, &mut stdout),
        Command::Completions { .. } | Command::Man | Command::Help { .. } => {
            unreachable!("answered above")
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            let _ = stdout.flush();
            eprintln!("nianbao: {}", visible(&message));
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

fn new_report(
    templates: &mut Templates,
    file: &Path,
    agency: Option<String>,
    year: Option<i32>,
    title: Option<String>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    if file.exists() {
        return Err(Failure(msg::already_exists(file, lang)));
    }
    if let Some(year) = year.filter(|y| !crate::report::YEARS.contains(y)) {
        return Err(Failure(msg::not_a_report_year(year, lang)));
    }
    let template = templates.for_new_report(year)?;
    let mut report = Report::new(template);
    report.agency = agency.unwrap_or_default();
    report.year = year;
    report.title = title.unwrap_or_else(|| report.default_title());
    write_atomic(file, store::render_new(&report).as_bytes())
        .map_err(|e| Failure(msg::cannot_write(file, &e, lang)))?;
    writeln!(out, "{}", msg::created(file, lang))?;
    Ok(0)
}

/// A report to compare or add to: a report file, or a published report read by import.
fn load(registry: &mut Registry, file: &Path, lang: Lang) -> Result<Report, Failure> {
    store::published::load_any(file, registry)
        .map(|loaded| loaded.report)
        .map_err(|e| Failure(e.text(lang)))
}

/// What `nianbao export` was asked for.
struct ExportOptions<'a> {
    to: ExportFormat,
    output: Option<&'a Path>,
    force: bool,
    no_bom: bool,
}

fn export(
    registry: &mut Registry,
    file: &Path,
    options: ExportOptions,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let ExportOptions {
        to,
        output,
        force,
        no_bom,
    } = options;
    if let Some(path) = output {
        output::guard_output(Some(file), path, force, lang)?;
    }
    // A binary file written to a terminal is garbage at best, and its bytes may drive it.
    if output.is_none() && to.is_binary() && std::io::stdout().is_terminal() {
        let name = if to == ExportFormat::Docx {
            "docx"
        } else {
            "xlsx"
        };
        return Err(Failure(msg::binary_to_terminal(name, lang)));
    }
    // A report that breaks rules is exported all the same (it may be wanted as it is), but
    // stderr says so.
    let mut cache = PrevCache::default();
    let (report, findings) = match batch::check_file(file, Prev::Named, registry, &mut cache) {
        Outcome::Checked {
            report, findings, ..
        } => (report, findings),
        Outcome::Unreadable(e) => return Err(Failure(e.text(lang))),
    };
    let bom = if no_bom {
        crate::export::csv::Bom::Without
    } else {
        crate::export::csv::Bom::With
    };
    let bytes = match to {
        ExportFormat::Json => crate::export::json::render(&report).into_bytes(),
        ExportFormat::Html => crate::export::html::render(&report).into_bytes(),
        ExportFormat::Txt => crate::export::txt::render(&report).into_bytes(),
        ExportFormat::Md => crate::export::md::render(&report).into_bytes(),
        ExportFormat::Csv => crate::export::csv::render(&report, bom).into_bytes(),
        ExportFormat::Docx => crate::export::docx::render(&report),
        ExportFormat::Xlsx => crate::export::xlsx::render(&report)
            .map_err(|e| Failure(msg::cannot_make_xlsx(&e.to_string(), lang)))?,
    };
    match output {
        Some(path) => {
            write_atomic(path, &bytes).map_err(|e| Failure(msg::cannot_write(path, &e, lang)))?
        }
        None => out.write_all(&bytes)?,
    }
    let (errors, _) = batch::counts(&findings);
    if errors > 0 {
        let _ = out.flush();
        eprintln!(
            "nianbao: {}",
            msg::exported_although_broken(file, errors, lang)
        );
    }
    Ok(0)
}

fn list_templates(
    templates: &mut Templates,
    action: Option<args::TemplatesAction>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    match action {
        None => {
            for id in templates.registry.ids() {
                let t = templates.registry.get(&id).expect("listed ids exist");
                let basis = t.basis.as_deref().unwrap_or("");
                writeln!(out, "{id}\t{}\t{basis}", visible(t.name.get(lang)))?;
            }
        }
        Some(args::TemplatesAction::Show { id }) => {
            let source = Registry::source(&id)
                .map(str::to_string)
                .or_else(|| templates.registry.get(&id).map(|t| summary(&t, lang)))
                .ok_or_else(|| {
                    Failure(msg::unknown_template(
                        &id,
                        &templates.registry.ids(),
                        false,
                        lang,
                    ))
                })?;
            out.write_all(crate::visible::visible_lines(&source).as_bytes())?;
        }
    }
    Ok(0)
}

/// A user's template described section by section (its own file is theirs to read).
fn summary(t: &Template, lang: Lang) -> String {
    let mut out = format!("{}  {}\n", t.id, t.name.get(lang));
    for s in &t.sections {
        out.push_str(&format!("[{}] {}\n", s.id, s.title.get(lang)));
        for table in &t.tables[s.tables.clone()] {
            let size = msg::table_summary(
                table.rows.len(),
                table.columns.len(),
                table.rules.len(),
                lang,
            );
            let colon = msg::colon(lang);
            out.push_str(&format!(
                "  [{}] {}{colon}{size}\n",
                table.id,
                table.caption.get(lang),
            ));
        }
    }
    out
}
