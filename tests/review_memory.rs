//! What the reviewer's queue keeps per report: one summary and its key in the marks stay for every
//! report of the folder (the reports themselves are dropped once checked), so their bytes are what
//! a folder of 100,000 reports costs. Counted with an allocator that tallies what is live.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicIsize, Ordering};

use nianbao::batch::{self, Outcome, Prev};
use nianbao::i18n::Lang;
use nianbao::review::Summary;
use nianbao::review::marks::Marks;
use nianbao::review::queue::Queue;
use nianbao::store::previous::PrevCache;
use nianbao::template::Registry;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static BLOCKS: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only sizes are tallied.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        BLOCKS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const REPORTS: usize = 10_000;
/// Bytes per report the queue may keep, the allocator's own bookkeeping aside, for a path of 33
/// bytes and an agency of 26 (bytes of UTF-8): 225 in 3 allocations now; 424 in 9 when the
/// summary held owned strings, a list of owned rule ids and the hash as text.
const MOST: usize = 240;

#[test]
fn the_queue_keeps_under_240_bytes_a_report() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut registry = Registry::default();
    let checked = |registry: &mut Registry| {
        batch::check_file(
            &samples.join("shiyan-2024.toml"),
            Prev::Named,
            registry,
            &mut PrevCache::default(),
        )
    };
    // One report with a broken rule, to count the rules' ids too.
    let mut outcome = checked(&mut registry);
    let Outcome::Checked { report, .. } = &mut outcome else {
        panic!("the sample reads");
    };
    for table in &mut report.tables {
        table[0] = Some(table[0].unwrap_or(0) + 1);
    }
    let findings = nianbao::rules::check_report(report, None);
    let Outcome::Checked { findings: kept, .. } = &mut outcome else {
        unreachable!()
    };
    *kept = findings;
    assert!(!kept.is_empty(), "a rule broken");
    let base = PathBuf::from("/srv/reports/2024");
    // The summaries are made while the reports are read; only they stay.
    let one = Summary::of(&base.join("dept-00000.toml"), &outcome, Lang::Zh);
    assert!(!one.rules.is_empty());
    drop(outcome);

    let (live, blocks) = (LIVE.load(Ordering::SeqCst), BLOCKS.load(Ordering::SeqCst));
    let mut summaries = Vec::with_capacity(REPORTS);
    for i in 0..REPORTS {
        let mut s = one.clone();
        s.path = base.join(format!("dept-{i:05}.toml")).into();
        s.agency = format!("示例市第{i:05}局").into();
        summaries.push(s);
    }
    let queue = Queue::new(
        summaries,
        Default::default(),
        Marks::empty(base.join("nianbao-review.toml")),
    );
    let bytes = (LIVE.load(Ordering::SeqCst) - live) as usize / REPORTS;
    let allocations = (BLOCKS.load(Ordering::SeqCst) - blocks) as f64 / REPORTS as f64;
    eprintln!(
        "the queue of {REPORTS}: {bytes} bytes a report in {allocations:.1} allocations \
         (a summary is {} bytes of them)",
        size_of::<Summary>()
    );
    assert_eq!(queue.len(), REPORTS);
    assert_eq!(queue.key(7), "dept-00007.toml");
    assert!(bytes <= MOST, "{bytes} bytes a report");
}
