//! Every problem can be reached: `n` / `N` and the problems list.

use super::*;
use crate::rules::What;
use crate::tui::app::problems::Place;

/// `n` pressed as many times as there are findings visits each once, warnings and whole-report
/// findings included, and comes back to the first.
#[test]
fn n_visits_every_finding_once_warnings_included() {
    for name in ["broken-2024.toml", "mismatch-2024.toml"] {
        let mut a = app(name);
        let count = a.findings().len();
        assert!(count > 0, "{name}");
        assert!(
            a.findings()
                .iter()
                .any(|f| f.severity == crate::template::Severity::Warning),
            "{name} has a warning"
        );
        let mut seen = Vec::new();
        for k in 0..count {
            a.press("n");
            let visited = a.last_problem.unwrap();
            assert!(!seen.contains(&visited), "{name}: {visited} twice");
            seen.push(visited);
            let message = &a.message().unwrap().text;
            assert!(
                message.starts_with(&format!("问题 {}/{count}：", k + 1)),
                "{name}: {message}"
            );
            if let Place::Cell { section, cursor } =
                Place::of(&a.findings()[visited], &a.report.template)
            {
                assert_eq!((a.section(), a.cursor()), (section, Some(cursor)));
            }
        }
        a.press("n");
        assert_eq!(a.last_problem, Some(seen[0]), "{name}: n wraps around");
        a.press("N");
        assert_eq!(a.last_problem, Some(seen[count - 1]), "{name}: N goes back");
    }
}

/// A sentence that contradicts its table is a problem of the cell it contradicts: `n` lands there,
/// with the message `check` gives.
#[test]
fn a_text_contradiction_lands_on_the_contradicted_cell_with_its_message() {
    let mut a = app("mismatch-2024.toml");
    let (index, finding) = a
        .findings()
        .iter()
        .enumerate()
        .find(|(_, f)| matches!(f.what, What::TextVsTable { .. }))
        .map(|(i, f)| (i, f.clone()))
        .unwrap();
    while a.last_problem != Some(index) {
        a.press("n");
    }
    let c = a.cursor().expect("in a table");
    assert_eq!(
        (Some(c.table), Some(c.row), Some(c.column)),
        (finding.table, finding.row, finding.column)
    );
    let text = &a.message().unwrap().text;
    assert!(
        text.contains(&finding.message(&a.report.template, Lang::Zh)),
        "{text}"
    );
    assert!(text.contains("76") && text.contains("77"), "{text}");
}

/// `p` lists every finding; moving and Enter goes to the selected one; Esc closes; `:problems`
/// opens the same list.
#[test]
fn the_problems_list_shows_every_finding_and_enter_goes_there() {
    let mut a = app("broken-2024.toml");
    let count = a.findings().len();
    a.press("p");
    assert!(matches!(a.mode(), Mode::Problems { selected: 0, .. }));
    assert_eq!(a.problem_lines().len(), count);
    a.press("G");
    assert!(matches!(a.mode(), Mode::Problems { selected, .. } if *selected == count - 1));
    a.press("k<Enter>");
    assert_eq!(*a.mode(), Mode::Normal);
    let (finding, place) = a.problems()[count - 2];
    assert_eq!(a.last_problem, Some(finding));
    if let Place::Cell { section, cursor } = place {
        assert_eq!((a.section(), a.cursor()), (section, Some(cursor)));
    }
    a.press(":problems<Enter>");
    assert!(matches!(a.mode(), Mode::Problems { .. }));
    a.press("<Esc>");
    assert_eq!(*a.mode(), Mode::Normal);
}

/// The list scrolls so the selected problem shows whole, however long the list is.
#[test]
fn the_problems_list_scrolls_to_the_selected_problem() {
    let mut a = app("broken-2024.toml");
    a.update(Action::Resize {
        width: 80,
        height: 8,
    });
    a.press("pG");
    let Mode::Problems { selected, top } = *a.mode() else {
        panic!("the list is open")
    };
    let heights = a.problem_heights();
    let start: usize = heights[..selected].iter().sum();
    let shown = a.layout().problems_height();
    assert!(
        top <= start && start + heights[selected] <= top + shown,
        "{top} {start} {heights:?}"
    );
    a.press("gg");
    assert!(matches!(
        a.mode(),
        Mode::Problems {
            selected: 0,
            top: 0
        }
    ));
}

/// What a text being typed states is checked as it stands, keystroke by keystroke: a sentence
/// typed that contradicts the table is a problem before Esc, and gone once deleted again (it
/// followed the last commit, so an edit undone before Esc still showed as a contradiction).
#[test]
fn a_text_being_typed_is_checked_as_it_stands() {
    let mut a = app("shiyan-2024.toml");
    let contradictions = |a: &App| {
        a.findings()
            .iter()
            .filter(|f| matches!(f.what, What::TextVsTable { .. }))
            .count()
    };
    assert_eq!(contradictions(&a), 0);
    a.press("i");
    assert_eq!(*a.mode(), Mode::TextEdit);
    a.press("全年共收到政府信息公开申请8件。");
    assert_eq!(contradictions(&a), 1, "{:?}", a.findings());
    a.press(&"<BS>".repeat(16));
    assert_eq!(contradictions(&a), 0);
    assert_eq!(*a.mode(), Mode::TextEdit, "still typing");
}
