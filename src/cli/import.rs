//! `nianbao import`: a published report into a report file, its anomalies on standard error.
//!
//! Exit status: 0 imported cleanly (notes allowed), 1 imported with anomalies (the report is
//! written all the same, so `check` can show what the published report got wrong), 2 the input
//! holds no usable report or cannot be read, and nothing is written.

use std::io::{Read, Write};
use std::path::Path;

use super::{Failure, Templates};
use crate::i18n::{Lang, at};
use crate::import::{self, Anomaly, Level};
use crate::read;
use crate::store::{self, atomic::write_atomic};
use crate::visible::visible;

/// Stop listing after this many; the rest are counted.
const MAX_SHOWN: usize = 200;

fn read_input(input: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    // One byte over the importer's limit, so that it can say the input is too large.
    let limit = import::MAX_INPUT_BYTES as u64 + 1;
    let result = if input == Path::new("-") {
        read::read_limited(std::io::stdin().lock(), limit)
    } else {
        read::open_regular(input).and_then(|f| read::read_limited(f.take(limit), limit))
    };
    let name = if input == Path::new("-") {
        Path::new(crate::i18n::cli::standard_input(lang))
    } else {
        input
    };
    result.map_err(|e| {
        Failure(crate::i18n::cli::cannot_read_because(
            name,
            &e.text(lang),
            lang,
        ))
    })
}

pub fn run(
    templates: &mut Templates,
    input: &Path,
    output: Option<&Path>,
    force: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    if let Some(path) = output {
        let from_file = (input != Path::new("-")).then_some(input);
        super::output::guard_output(from_file, path, force, lang)?;
    }
    let bytes = read_input(input, lang)?;
    // `--template` takes the format as given; without it the input's format is detected.
    let chosen = if templates.chosen.is_some() || templates.chosen_id.is_some() {
        Some(templates.for_new_report(None)?)
    } else {
        None
    };
    let shown = input.display().to_string();
    let imported = import::import(&bytes, &mut templates.registry, chosen)
        .map_err(|e| Failure(at(&shown, &e.message(lang), lang)))?;
    let text = store::render_new(&imported.report);
    match output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| Failure(crate::i18n::cli::cannot_write(path, &e, lang)))?,
        None => out.write_all(text.as_bytes())?,
    }
    out.flush()?;
    let mut err = std::io::stderr().lock();
    list_anomalies(&mut err, &shown, &imported.anomalies, lang)?;
    let count = imported.anomaly_count();
    if count > 0 {
        let target = output.map(|p| visible(&p.display().to_string()).into_owned());
        let check = target.as_deref().unwrap_or("OUT.toml");
        writeln!(
            err,
            "{}",
            crate::i18n::cli::imported_with_anomalies(count, check, lang)
        )?;
        return Ok(1);
    }
    Ok(0)
}

/// The anomalies, each with its place (`INPUT:LINE`), up to MAX_SHOWN of them.
fn list_anomalies(
    err: &mut dyn Write,
    shown: &str,
    anomalies: &[Anomaly],
    lang: Lang,
) -> std::io::Result<()> {
    for a in anomalies.iter().take(MAX_SHOWN) {
        let place = match a.line {
            Some(l) => format!("{shown}:{l}"),
            None => shown.to_string(),
        };
        let level = match a.level() {
            Level::Note => crate::i18n::cli::level_note(lang),
            Level::Anomaly => crate::i18n::cli::level_anomaly(lang),
        };
        writeln!(
            err,
            "{}",
            visible(&at(&at(&place, level, lang), &a.message(lang), lang))
        )?;
    }
    if anomalies.len() > MAX_SHOWN {
        let more = anomalies.len() - MAX_SHOWN;
        writeln!(err, "{}", crate::i18n::cli::more_not_listed(more, lang))?;
    }
    Ok(())
}
