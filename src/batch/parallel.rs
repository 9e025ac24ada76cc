//! Work on many files on every core, with results handed on in the order the files were given.

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
/// cache say), and `sink` on every result in the order of `items`. The items are taken from the
/// iterator in batches, each handed on before the next is taken: memory stays bounded however
/// many items there are. Stops early when `sink` returns false.
pub fn in_order<T: Sync, S: Send, R: Send>(
    items: impl IntoIterator<Item = T>,
    states: &mut [S],
    work: impl Fn(&T, &mut S) -> R + Sync,
    mut sink: impl FnMut(R) -> bool,
) {
    const PER_WORKER: usize = 64;
    let threads = states.len().max(1);
    let mut items = items.into_iter();
    loop {
        let batch: Vec<T> = items.by_ref().take(threads * PER_WORKER).collect();
        if batch.is_empty() {
            return;
        }
        let results: Vec<Vec<R>> = if threads == 1 || batch.len() < threads {
            vec![
                batch
                    .iter()
                    .map(|item| work(item, &mut states[0]))
                    .collect(),
            ]
        } else {
            let work = &work;
            std::thread::scope(|scope| {
                let handles: Vec<_> = batch
                    .chunks(batch.len().div_ceil(threads))
                    .zip(states.iter_mut())
                    .map(|(part, state)| {
                        scope.spawn(move || part.iter().map(|item| work(item, state)).collect())
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for result in results.into_iter().flatten() {
            if !sink(result) {
                return;
            }
        }
    }
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
                i * 2
            },
            |r| {
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
    fn a_few_items_need_no_threads() {
        assert_eq!(workers(1), 1);
        assert_eq!(workers(15), 1);
        assert!(workers(10_000) >= 1);
    }
}
