use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use nianbao::cli::{self, Cli, Templates};
use nianbao::i18n::Lang;
use nianbao::report::Report;
use nianbao::store;
use nianbao::tui::{self, App};
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

/// Opens the editor on FILE, or on a new report when FILE does not exist yet. A file that cannot
/// be read completely is never opened: the editor must not start on half a report.
fn open(file: PathBuf, template: Option<&str>, read_only: bool, lang: Lang) -> ExitCode {
    let mut templates = match Templates::from_option(template) {
        Ok(t) => t,
        Err(cli::Failure(e)) => {
            eprintln!("nianbao: {}", visible(&e));
            return ExitCode::from(cli::EXIT_TROUBLE);
        }
    };
    let (report, original) = if file.exists() {
        match store::load_file(&file, &mut templates.registry) {
            Ok((report, text)) => (report, Some(text)),
            Err(e) => {
                eprintln!("{}", visible(&e.to_string()));
                return ExitCode::from(cli::EXIT_TROUBLE);
            }
        }
    } else {
        match templates.for_new_report() {
            Ok(t) => (Report::new(t), None),
            Err(cli::Failure(e)) => {
                eprintln!("nianbao: {}", visible(&e));
                return ExitCode::from(cli::EXIT_TROUBLE);
            }
        }
    };
    let mut app = App::new(report, file, original, lang);
    app.read_only = read_only;
    match tui::terminal::run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {}", visible(&e.to_string()));
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}
