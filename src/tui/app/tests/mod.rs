//! The editor driven by key strings, as a user would type them.

mod editing;
mod entry;
mod files;
mod find;
mod habits;
mod meta;
mod paste;
mod problems;
mod typing;

use std::path::PathBuf;

use super::*;
use crate::template::Registry;

pub(super) fn load(name: &str) -> (Report, String) {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    crate::store::load_file(path.as_ref(), &mut Registry::default()).unwrap()
}

pub(super) fn app(name: &str) -> App {
    let (report, text) = load(name);
    let mut app = App::new(
        report,
        PathBuf::from(format!("/tmp/{name}")),
        Some(text),
        Lang::Zh,
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

pub(super) fn empty_app() -> App {
    let template = Registry::default().get("gov-2021").unwrap();
    let mut app = App::new(
        Report::new(template),
        PathBuf::from("/tmp/new.toml"),
        None,
        Lang::Zh,
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

/// The value of a cell by table, row and column id.
pub(super) fn cell(app: &App, table: &str, row: &str, column: &str) -> Option<i64> {
    let template = &app.report.template;
    let t = template.tables.iter().position(|x| x.id == table).unwrap();
    let tt = &template.tables[t];
    let r = tt.rows.iter().position(|x| x.id == row).unwrap();
    let c = tt.columns.iter().position(|x| x.id == column).unwrap();
    app.report.cell(t, r, c)
}

/// Table 三's index and its template (whose cells are indexed by row and column).
pub(super) fn applications(a: &App) -> (usize, &crate::template::Table) {
    let template = &a.report.template;
    let t = template
        .tables
        .iter()
        .position(|x| x.id == "applications")
        .unwrap();
    (t, &template.tables[t])
}

pub(super) fn errors(app: &App) -> usize {
    app.findings()
        .iter()
        .filter(|f| f.severity == crate::template::Severity::Error)
        .count()
}
