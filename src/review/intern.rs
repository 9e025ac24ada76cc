//! Ids shared by every summary that names them: a folder's reports use a template or two and
//! break a few dozen rules among them, in a few combinations (the departments that got 上年结转
//! wrong break the same three rules), so each id and each list of ids is kept once for the whole
//! run instead of once per report. The ids come from the templates loaded, which a run loads a
//! few of; a list is kept once however many reports break it, and costs what one report's own
//! copy would.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

static IDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
static LISTS: OnceLock<Mutex<HashSet<&'static [&'static str]>>> = OnceLock::new();

/// The one copy of `id`, kept until the program ends.
pub fn intern(id: &str) -> &'static str {
    let ids = IDS.get_or_init(Mutex::default);
    // A panic elsewhere while holding the lock leaves the set whole: it is only ever added to.
    let mut ids = ids.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&kept) = ids.get(id) {
        return kept;
    }
    let kept: &'static str = Box::leak(id.into());
    ids.insert(kept);
    kept
}

/// The one copy of a list of ids (interned already), kept until the program ends.
pub fn intern_list(ids: &[&'static str]) -> &'static [&'static str] {
    if ids.is_empty() {
        return &[];
    }
    let lists = LISTS.get_or_init(Mutex::default);
    let mut lists = lists.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&kept) = lists.get(ids) {
        return kept;
    }
    let kept: &'static [&'static str] = Box::leak(ids.into());
    lists.insert(kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_kept_once() {
        let a = intern(&String::from("balance-test-id"));
        let b = intern(&String::from("balance-test-id"));
        assert_eq!(a, "balance-test-id");
        assert!(std::ptr::eq(a, b), "the same copy");
        assert!(!std::ptr::eq(intern("other-test-id"), a));
        let list = intern_list(&[a, intern("other-test-id")]);
        assert!(std::ptr::eq(
            list,
            intern_list(&[b, intern("other-test-id")])
        ));
        assert!(!std::ptr::eq(list, intern_list(&[a])));
        assert!(intern_list(&[]).is_empty());
    }
}
