use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{self, Cli};
use nianbao::i18n::Lang;

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    match args.command {
        Some(command) => cli::run(command, args.template.as_deref(), lang),
        None => {
            eprintln!(
                "nianbao: the editor is not built yet; see `nianbao --help` for the commands"
            );
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}
