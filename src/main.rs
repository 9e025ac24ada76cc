use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::FromArgMatches;
use nianbao::cli::{self, Cli, Templates};
use nianbao::config::{self, Config};
use nianbao::i18n::{self, Lang};
use nianbao::report::Report;
use nianbao::tui::session::{self, Outcome};
use nianbao::visible::visible;

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    // The language is known before the parse, so that the help and the parse's own errors are in
    // it: `--lang` as written, else the config's, else the locale's.
    let option_lang = Lang::from_args(&argv);
    let config = match config::load() {
        Ok(config) => config,
        Err(e) => {
            let lang = Lang::choose(option_lang, None);
            eprintln!("nianbao: {}", e.text(lang));
            return ExitCode::from(cli::EXIT_TROUBLE);
        }
    };
    let lang = Lang::choose(option_lang, config.lang);
    lang.set_for_process();
    if let Some(file) = cli::args::only_a_file(&argv) {
        // `nianbao chek`: a slip for a command, not a new report called chek.
        return slipped(&argv, lang).unwrap_or_else(|| open(file, None, &config, false, lang));
    }
    let mut command = cli::args::command(lang);
    let matches = match command.try_get_matches_from_mut(&argv) {
        Ok(matches) => matches,
        Err(e) => {
            // `nianbao chek x.toml`: the slip, not "unexpected argument x.toml".
            return slipped(&argv, lang).unwrap_or_else(|| refused(e, lang));
        }
    };
    let args = match Cli::from_arg_matches(&matches) {
        Ok(args) => args,
        Err(e) => return refused(e, lang),
    };
    match (args.command, args.file) {
        (Some(command), _) => cli::run(command, args.template.as_deref(), &config, lang),
        (None, Some(_)) if let Some(slip) = slipped(&argv, lang) => slip,
        (None, Some(file)) => open(
            file,
            args.template.as_deref(),
            &config,
            args.read_only,
            lang,
        ),
        (None, None) => {
            let _ = command.print_help();
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}

/// A command line clap could not take: its message in the user's language, clap's exit status
/// (0 for help and version, 2 for a mistake).
fn refused(error: clap::Error, lang: Lang) -> ExitCode {
    match i18n::parse::message(&error, lang) {
        Some(message) => {
            let _ = std::io::stderr().write_all(message.as_bytes());
            ExitCode::from(error.exit_code().clamp(0, 255) as u8)
        }
        None => error.exit(),
    }
}

/// A command's name mistyped where a file would be taken (and no such file exists): said,
/// instead of a new report named after the slip or clap's "unexpected argument".
fn slipped(argv: &[OsString], lang: Lang) -> Option<ExitCode> {
    let word = cli::args::first_word(argv)?;
    if std::path::Path::new(&word).exists() {
        return None;
    }
    let command = cli::args::mistyped_command(&word)?;
    let word = visible(&word);
    eprintln!(
        "nianbao: {}",
        i18n::cli::mistyped_command(&word, command, lang)
    );
    Some(ExitCode::from(cli::EXIT_TROUBLE))
}

/// Opens the editor on FILE, or on a new report when FILE does not exist yet.
fn open(
    file: PathBuf,
    template: Option<&str>,
    config: &Config,
    read_only: bool,
    lang: Lang,
) -> ExitCode {
    let fail = |e: String| {
        eprintln!("nianbao: {}", visible(&e));
        ExitCode::from(cli::EXIT_TROUBLE)
    };
    let mut templates = match Templates::from_option(template, config, lang) {
        Ok(t) => t,
        Err(cli::Failure(e)) => return fail(e),
    };
    // An empty file (made with `touch`, or handed out blank) opens as a new report, as a file
    // that does not exist yet does.
    let new_report = if file.exists() && nianbao::store::blank_text(&file).is_none() {
        None
    } else {
        match templates.for_new_report(None) {
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
