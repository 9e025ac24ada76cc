use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use nianbao::cli::{self, Cli, Templates};
use nianbao::i18n::Lang;
use nianbao::report::Report;
use nianbao::tui::session::{self, Outcome};
use nianbao::visible::visible;

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    match (args.command, args.file) {
        (Some(command), _) => cli::run(command, args.template.as_deref(), lang),
        (None, Some(file)) => open(file, args.template.as_deref(), args.read_only, lang),
        (None, None) => {
            let _ = Cli::command().print_help();
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}

/// Opens the editor on FILE, or on a new report when FILE does not exist yet.
fn open(file: PathBuf, template: Option<&str>, read_only: bool, lang: Lang) -> ExitCode {
    let fail = |e: String| {
        eprintln!("nianbao: {}", visible(&e));
        ExitCode::from(cli::EXIT_TROUBLE)
    };
    let mut templates = match Templates::from_option(template, lang) {
        Ok(t) => t,
        Err(cli::Failure(e)) => return fail(e),
    };
    let new_report = if file.exists() {
        None
    } else {
        match templates.for_new_report() {
            Ok(t) => Some(Report::new(t)),
            Err(cli::Failure(e)) => return fail(e),
        }
    };
    match session::edit(file, templates.registry, new_report, read_only, lang) {
        Outcome::Done | Outcome::Declined => ExitCode::SUCCESS,
        Outcome::Signal(signal) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
        Outcome::Failed(message) => {
            // Not eprintln!: after a hangup standard error is gone too, and eprintln! would panic.
            let _ = writeln!(std::io::stderr(), "{}", visible(&message));
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}
