//! The command line: what each subcommand does, apart from the terminal editor.

pub mod args;
pub mod check;
pub mod diff;
pub mod import;
pub mod output;
pub mod review;
pub mod sum;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::batch::inputs::inputs;
use crate::batch::{self, Outcome, Prev};
use crate::i18n::Lang;
use crate::report::Report;
use crate::store::previous::PrevCache;
use crate::store::{self, atomic::write_atomic};
use crate::template::{Registry, Template};
use crate::visible::visible;
pub use args::{CheckFormat, Cli, Command, ExportFormat, OutputFormat, ReviewFormat};

/// Exit status of a command that could not do its work (unreadable file, bad arguments).
pub const EXIT_TROUBLE: u8 = 2;

/// A failure a command reports to the user before exiting with status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Where command-line options say templates come from: `--template` names a file to load or the
/// id of a template.
pub struct Templates {
    pub registry: Registry,
    pub chosen: Option<Arc<Template>>,
    pub chosen_id: Option<String>,
}

impl Templates {
    pub fn from_option(option: Option<&str>) -> Result<Templates, Failure> {
        let mut registry = Registry::default();
        let mut chosen = None;
        let mut chosen_id = None;
        if let Some(value) = option {
            if Path::new(value).is_file() {
                chosen = Some(registry.load_file(Path::new(value))?);
            } else if value.ends_with(".toml") {
                return Err(Failure(format!("template file {value} not found")));
            } else if registry.get(value).is_some() {
                chosen_id = Some(value.to_string());
            } else {
                // Never ignored: a misspelt id would check every file against the wrong format.
                return Err(Failure(format!(
                    "unknown template {value:?}: expected one of {} or a template file",
                    registry.ids().join(", ")
                )));
            }
        }
        Ok(Templates {
            registry,
            chosen,
            chosen_id,
        })
    }

    /// The template a new report should use.
    pub fn for_new_report(&mut self) -> Result<Arc<Template>, Failure> {
        if let Some(t) = &self.chosen {
            return Ok(t.clone());
        }
        let id = self.chosen_id.as_deref().unwrap_or("gov-2021");
        self.registry.get(id).ok_or_else(|| {
            Failure(format!(
                "unknown template {id:?}: expected one of {} or a template file",
                self.registry.ids().join(", ")
            ))
        })
    }
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

/// Runs a subcommand; the editor itself is started by the binary.
pub fn run(command: Command, templates: Option<&str>, lang: Lang) -> ExitCode {
    end_quietly_when_output_closes();
    let mut stdout = std::io::stdout().lock();
    let result = Templates::from_option(templates).and_then(|mut t| match command {
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
                inputs(files, files_from, lang),
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
        } => import::run(&mut t, &input, output.as_deref(), force, lang, &mut stdout),
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
        } => sum::run(
            &mut t.registry,
            inputs(files, files_from, lang),
            sum::Output {
                path: &output,
                agency,
                title,
                skip_bad,
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
                output: output.as_deref(),
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
                output,
                force,
                marks,
            },
            lang,
            &mut stdout,
        ),
        Command::Templates { action } => list_templates(&mut t, action, lang, &mut stdout),
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
        return Err(Failure(format!(
            "{} already exists; open it with `nianbao {}`",
            file.display(),
            file.display()
        )));
    }
    let template = templates.for_new_report()?;
    let mut report = Report::new(template);
    report.agency = agency.unwrap_or_default();
    report.year = year;
    report.title = title.unwrap_or_else(|| report.default_title());
    write_atomic(file, store::render_new(&report).as_bytes())
        .map_err(|e| Failure(format!("cannot write {}: {e}", file.display())))?;
    let shown = visible(&file.display().to_string()).into_owned();
    writeln!(
        out,
        "{}",
        lang.pick(&format!("已创建 {shown}"), &format!("created {shown}"))
    )?;
    Ok(0)
}

fn load(registry: &mut Registry, file: &Path) -> Result<Report, Failure> {
    store::load_file(file, registry)
        .map(|(report, _)| report)
        .map_err(|e| Failure(e.to_string()))
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
        return Err(Failure(
            lang.pick(
                &format!("{name} 是二进制文件，不能显示在终端上：请用 -o 文件名 写入文件，或接到管道"),
                &format!("a {name} file is binary and cannot be shown on a terminal: write it with -o FILE, or to a pipe"),
            )
            .to_string(),
        ));
    }
    // A report that breaks rules is exported all the same (it may be wanted as it is), but
    // stderr says so.
    let mut cache = PrevCache::default();
    let (report, findings) = match batch::check_file(file, Prev::Named, registry, &mut cache) {
        Outcome::Checked {
            report, findings, ..
        } => (report, findings),
        Outcome::Unreadable(e) => return Err(Failure(e.to_string())),
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
        ExportFormat::Xlsx => crate::export::xlsx::render(&report).map_err(|e| {
            Failure(
                lang.pick(
                    &format!("无法生成 xlsx：{e}"),
                    &format!("cannot make the xlsx: {e}"),
                )
                .to_string(),
            )
        })?,
    };
    match output {
        Some(path) => write_atomic(path, &bytes).map_err(|e| {
            let shown = visible(&path.display().to_string()).into_owned();
            Failure(
                lang.pick(
                    &format!("无法写入 {shown}：{e}"),
                    &format!("cannot write {shown}: {e}"),
                )
                .to_string(),
            )
        })?,
        None => out.write_all(&bytes)?,
    }
    let (errors, _) = batch::counts(&findings);
    if errors > 0 {
        let _ = out.flush();
        let shown = visible(&file.display().to_string()).into_owned();
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "nianbao: {shown} 有 {errors} 处不符合规则（用 nianbao check {shown} 查看），已按原样导出"
                ),
                Lang::En => format!(
                    "nianbao: {shown} breaks rules in {errors} places (see nianbao check {shown}); exported as it is"
                ),
            }
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
                    Failure(format!(
                        "unknown template {id:?}: expected one of {}",
                        templates.registry.ids().join(", ")
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
            out.push_str(&format!(
                "  [{}] {}: {} rows × {} columns, {} rules\n",
                table.id,
                table.caption.get(lang),
                table.rows.len(),
                table.columns.len(),
                table.rules.len()
            ));
        }
    }
    out
}
