//! Work on many files on every core, with results handed on in the order the files were given.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// How many workers for `items` pieces of work: one per core, but no threads at all for a few
/// (starting threads costs more than checking a handful of files).
pub fn workers(items: usize) -> usize {
    const ALONE: usize = 16;
    if items < ALONE {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(items / ALONE).max(1))
}

/// Calls `work` on every item, spread over `states.len()` threads (each with its own state, a
/// cache say), and `sink` on every result in the order of `items`, on the calling thread. Each
/// worker takes the next item as soon as it is done with one, while the calling thread hands the
/// results on: no worker waits for the others at the end of a batch, or for the results to be
/// handed on (on a busy machine, one worker kept off its processor held up both). At most
/// `PER_WORKER` items a worker are taken ahead of the results handed on, so memory stays bounded
/// however many items there are. Stops early when `sink` returns false. A panic in `work` is
/// raised again on the calling thread.
///
/// `sink` borrows each result, which is then freed on a worker, not on the calling thread:
/// freed there, its pieces went to that thread's cache of free memory, which handed them to what
/// the caller keeps (`sum`'s agencies, `review`'s queue), and a piece kept held a worker's heap
/// open around it. `sum` of 100,000 reports of distinct agencies peaked at 77 MB so and 23 MB
/// now; what a caller keeps it copies, in memory of its own thread.
pub fn in_order<T: Send, S: Send, R: Send>(
    items: impl IntoIterator<Item = T>,
    states: &mut [S],
    work: impl Fn(&T, &mut S) -> R + Sync,
    mut sink: impl FnMut(&R) -> bool,
) {
    const PER_WORKER: usize = 64;
    let mut items = items.into_iter();
    if states.len() <= 1 {
        let Some(state) = states.first_mut() else {
            return;
        };
        for item in items {
            if !sink(&work(&item, state)) {
                return;
            }
        }
        return;
    }
    let window = states.len() * PER_WORKER;
    let stop = AtomicBool::new(false);
    let (jobs, queue) = mpsc::sync_channel::<(usize, T)>(window);
    let queue = Mutex::new(queue);
    let (done, results) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    // Results handed on, for the next worker to free.
    let spent: Mutex<Vec<R>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for state in states.iter_mut() {
            let (queue, done, work, stop, spent) = (&queue, done.clone(), &work, &stop, &spent);
            scope.spawn(move || {
                loop {
                    // The lock is held while waiting: the others wait for it instead.
                    let job = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, item)) = job else {
                        return;
                    };
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    spent.lock().unwrap_or_else(|e| e.into_inner()).clear();
                    let result = catch_unwind(AssertUnwindSafe(|| work(&item, state)));
                    if done.send((i, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        // Results that came before their turn, by index from `next`.
        let mut early: VecDeque<Option<R>> = VecDeque::new();
        let (mut sent, mut next) = (0, 0);
        let mut jobs = Some(jobs);
        loop {
            while let Some(tx) = jobs.as_ref().filter(|_| sent - next < window) {
                // Never full: no more than `window` items are out at once.
                match items.next().map(|item| tx.send((sent, item))) {
                    Some(Ok(())) => sent += 1,
                    _ => jobs = None,
                }
            }
            if next == sent {
                return;
            }
            let Ok((i, result)) = results.recv() else {
                return;
            };
            let result = match result {
                Ok(result) => result,
                Err(panic) => {
                    stop.store(true, Ordering::Relaxed);
                    drop(jobs.take());
                    resume_unwind(panic);
                }
            };
            let at = i - next;
            if early.len() <= at {
                early.resize_with(at + 1, || None);
            }
            early[at] = Some(result);
            while let Some(Some(_)) = early.front() {
                let result = early.pop_front().flatten().expect("just seen");
                next += 1;
                let going = sink(&result);
                spent.lock().unwrap_or_else(|e| e.into_inner()).push(result);
                if !going {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_thread_made_them() {
        let items: Vec<usize> = (0..1000).collect();
        let mut states = vec![0usize; 3];
        let mut seen = Vec::new();
        in_order(
            items,
            &mut states,
            |&i, count| {
                *count += 1;
                // Long enough that every worker is taken before the others are through.
                std::thread::sleep(std::time::Duration::from_micros(50));
                i * 2
            },
            |&r| {
                seen.push(r);
                true
            },
        );
        assert_eq!(seen, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(states.iter().sum::<usize>(), 1000, "each item once");
        assert!(states.iter().all(|&n| n > 0), "every worker had work");
    }

    #[test]
    fn the_sink_can_stop_early() {
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = 0;
        in_order(
            items,
            &mut [(), ()],
            |&i, _| i,
            |_| {
                seen += 1;
                seen < 10
            },
        );
        assert_eq!(seen, 10);
    }

    #[test]
    fn a_panic_in_the_work_is_raised_on_the_calling_thread() {
        let caught = std::panic::catch_unwind(|| {
            in_order(
                0..1000usize,
                &mut [(), ()],
                |&i, _| {
                    assert!(i != 500, "item 500");
                    i
                },
                |_| true,
            )
        });
        let message = caught.expect_err("the panic came through");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"item 500"));
    }

    #[test]
    fn a_few_items_need_no_threads() {
        assert_eq!(workers(1), 1);
        assert_eq!(workers(15), 1);
        assert!(workers(10_000) >= 1);
    }
}
