//! Work on the chunks of a large file spread over threads while the caller's thread reads the
//! file and consumes the results in the file's order: the JSON parse and the priority reading of
//! one chunk run while the database takes the previous one. Bounded: at most one chunk per
//! worker is in flight besides the one being consumed, so memory stays a few chunks whatever
//! the file's size.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// What feeds the items: called once with the closure that takes each item in turn.
pub(crate) type Feed<'f, I, E, R, S> =
    dyn FnMut(&mut dyn FnMut(I) -> Result<(), E>) -> Result<R, S> + 'f;

/// Hands every item that `feed` gives (through the closure it is passed) to `work` on `workers`
/// threads, and `consume`s the results in the order the items were fed, on this thread.
///
/// `feed`'s own outcome is returned as it is; the items still in flight when it ends are
/// consumed only when it succeeded. An error from `work` or `consume` stops the feed (the
/// closure `feed` calls returns it, for `feed` to pass on) and nothing after it is consumed.
/// `lost` is the error for a worker that died (a panic in `work`).
pub(crate) fn ordered<I: Send, T: Send, E: Send, R, S>(
    workers: usize,
    work: &(dyn Fn(I) -> Result<T, E> + Sync),
    consume: &mut dyn FnMut(T) -> Result<(), E>,
    feed: &mut Feed<'_, I, E, R, S>,
    lost: &dyn Fn() -> E,
) -> Result<Result<R, S>, E> {
    let workers = workers.max(1);
    std::thread::scope(|scope| {
        let mut to: Vec<SyncSender<I>> = Vec::with_capacity(workers);
        let mut from: Vec<Receiver<Result<T, E>>> = Vec::with_capacity(workers);
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (tx_in, rx_in) = sync_channel::<I>(1);
            let (tx_out, rx_out) = sync_channel::<Result<T, E>>(1);
            handles.push(scope.spawn(move || {
                for item in rx_in {
                    // The receiver is gone only when the caller stopped early.
                    if tx_out.send(work(item)).is_err() {
                        break;
                    }
                }
            }));
            to.push(tx_in);
            from.push(rx_out);
        }
        let (mut sent, mut received) = (0usize, 0usize);
        // The next result in feed order, consumed.
        let mut take_one = |received: &mut usize| -> Result<(), E> {
            let got = from[*received % workers].recv().map_err(|_| lost())?;
            *received += 1;
            consume(got?)
        };
        // Sent first, then the oldest result taken: the workers have the new item in hand while
        // this thread consumes, and no more than one item per worker waits besides.
        let outcome = feed(&mut |item| {
            to[sent % workers].send(item).map_err(|_| lost())?;
            sent += 1;
            if sent - received > workers {
                take_one(&mut received)?;
            }
            Ok(())
        });
        let mut result = Ok(());
        if outcome.is_ok() {
            while received < sent {
                if let Err(e) = take_one(&mut received) {
                    result = Err(e);
                    break;
                }
            }
        }
        // Closing the inputs ends the workers; dropping the outputs frees any that wait to
        // hand on a result nobody will consume.
        drop(to);
        drop(from);
        let mut died = false;
        for h in handles {
            died |= h.join().is_err();
        }
        match result {
            Err(e) => Err(e),
            Ok(()) if died => Err(lost()),
            Ok(()) => Ok(outcome),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_all(
        items: Vec<u32>,
    ) -> impl FnMut(&mut dyn FnMut(u32) -> Result<(), String>) -> Result<&'static str, String> {
        move |send| {
            for i in items.clone() {
                send(i)?;
            }
            Ok("fed")
        }
    }

    #[test]
    fn results_come_in_the_order_fed_whatever_the_workers() {
        for workers in 1..=4 {
            let mut got = Vec::new();
            let out = ordered(
                workers,
                // Later items finish first, so order must be restored.
                &|i: u32| {
                    std::thread::sleep(std::time::Duration::from_micros(u64::from(50 - i % 50)));
                    Ok::<_, String>(i * 2)
                },
                &mut |t| {
                    got.push(t);
                    Ok(())
                },
                &mut feed_all((0..200).collect()),
                &|| "lost".to_string(),
            );
            assert_eq!(out, Ok(Ok("fed")));
            assert_eq!(got, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_work_error_stops_the_feed_and_nothing_after_it_is_consumed() {
        let mut got = Vec::new();
        let mut fed = 0;
        let out = ordered(
            2,
            &|i: u32| {
                if i == 7 {
                    Err(format!("bad {i}"))
                } else {
                    Ok(i)
                }
            },
            &mut |t| {
                got.push(t);
                Ok(())
            },
            &mut |send: &mut dyn FnMut(u32) -> Result<(), String>| {
                for i in 0..100 {
                    fed += 1;
                    send(i)?;
                }
                Ok::<_, String>(())
            },
            &|| "lost".to_string(),
        );
        assert_eq!(out, Ok(Err("bad 7".to_string())));
        assert_eq!(got, (0..7).collect::<Vec<_>>());
        assert!(fed < 100, "the feed stopped early ({fed})");
    }

    #[test]
    fn a_consumer_error_and_a_failed_feed_consume_nothing_more() {
        let mut got = Vec::new();
        let out = ordered(
            1,
            &|i: u32| Ok(i),
            &mut |t| {
                if t == 3 {
                    return Err("full".to_string());
                }
                got.push(t);
                Ok(())
            },
            &mut feed_all((0..5).collect()),
            &|| "lost".to_string(),
        );
        // Met while feeding, the error comes back through the feed; while draining, as is.
        assert!(
            matches!(&out, Ok(Err(e)) | Err(e) if e == "full"),
            "{out:?}"
        );
        assert_eq!(got, vec![0, 1, 2]);

        let mut got = Vec::new();
        let out = ordered(
            2,
            &|i: u32| Ok::<_, String>(i),
            &mut |t| {
                got.push(t);
                Ok(())
            },
            &mut |send: &mut dyn FnMut(u32) -> Result<(), String>| {
                send(1).map_err(|_| "lost")?;
                send(2).map_err(|_| "lost")?;
                Err::<(), _>("the file ends early")
            },
            &|| "lost".to_string(),
        );
        assert_eq!(out, Ok(Err("the file ends early")));
        assert!(got.len() <= 2);
    }

    #[test]
    fn a_worker_that_panics_is_an_error_not_a_crash() {
        let out = ordered(
            2,
            &|i: u32| {
                if i == 4 {
                    panic!("parser bug");
                }
                Ok::<_, String>(i)
            },
            &mut |_| Ok(()),
            &mut feed_all((0..10).collect()),
            &|| "a worker died".to_string(),
        );
        assert_eq!(out, Err("a worker died".to_string()));
    }
}
