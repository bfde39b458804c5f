//! After a tab's own write: the page on screen, read again, put in place of the rows a list
//! held there, the rows above it and past it kept as read a moment ago. Only when that is the
//! whole truth; otherwise the tab reads its list again as before.

/// Rows read past the page on screen, so that the page stays full when rows written leave it.
const MARGIN: usize = 8;

/// The page on screen, as `render_visible` scrolls a list of `len` rows `height` high with
/// `selected` on it: where it begins, and how many rows to read again from there. None before
/// the first frame, or with no rows.
pub(super) fn page(selected: usize, len: usize, height: usize) -> Option<(usize, usize)> {
    if height == 0 || len == 0 {
        return None;
    }
    let at = selected.min(len - 1);
    Some((at - at % height, height + MARGIN))
}

/// A list's rows after splicing, and whether the list now ends at its last row.
pub(super) struct Spliced<R> {
    pub rows: Vec<R>,
    pub exhausted: bool,
}

/// `held` with the rows from `start` on replaced by `fresh`: the rows that follow row
/// `start - 1` (or the top of the list when `start` is 0), read again after a write to the
/// rows `written` names, at most `want` of them. `exhausted` says whether `held` ended the
/// list. None when the result could be untrue: a written row held above `start` or past the
/// rows read (kept stale), or the last row read not held at or after `start` (the rows past
/// it cannot be placed).
pub(super) fn splice<R: Clone>(
    held: &[R],
    start: usize,
    fresh: Vec<R>,
    want: usize,
    exhausted: bool,
    id: impl Fn(&R) -> i64,
    written: impl Fn(i64) -> bool,
) -> Option<Spliced<R>> {
    if held[..start.min(held.len())].iter().any(|r| written(id(r))) {
        return None;
    }
    let reached_end = fresh.len() < want;
    let tail_from = match fresh.last() {
        _ if reached_end => held.len(),
        Some(last) => match held.iter().position(|r| id(r) == id(last)) {
            Some(i) if i >= start => i + 1,
            _ => return None,
        },
        None => return None,
    };
    let tail = &held[tail_from..];
    if tail.iter().any(|r| written(id(r))) {
        return None;
    }
    let mut rows = Vec::with_capacity(start + fresh.len() + tail.len());
    rows.extend_from_slice(&held[..start]);
    rows.extend(fresh);
    rows.extend_from_slice(tail);
    // Past a tail still held the list ends where it did; at the last row read, more may
    // follow unless the read stopped short.
    let exhausted = reached_end || (!tail.is_empty() && exhausted);
    Some(Spliced { rows, exhausted })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        held: &[i64],
        start: usize,
        fresh: &[i64],
        want: usize,
        written: &[i64],
    ) -> Option<Vec<i64>> {
        splice(
            held,
            start,
            fresh.to_vec(),
            want,
            false,
            |r| *r,
            |id| written.contains(&id),
        )
        .map(|s| s.rows)
    }

    #[test]
    fn the_page_read_again_replaces_its_rows_and_the_rest_is_kept() {
        let held = [1, 2, 3, 4, 5, 6, 7, 8];
        // 3 handled on the page from row 2: rows read after 2 are 4, 5, 6.
        assert_eq!(
            run(&held, 2, &[4, 5, 6], 3, &[3]),
            Some(vec![1, 2, 4, 5, 6, 7, 8])
        );
        // The end of the list is within the rows read: nothing past them is kept.
        assert_eq!(run(&held, 2, &[4, 5], 3, &[3]), Some(vec![1, 2, 4, 5]));
        // A written row kept above the page, or past the rows read: not the truth.
        assert_eq!(run(&held, 2, &[4, 5, 6], 3, &[1]), None);
        assert_eq!(run(&held, 2, &[4, 5, 6], 3, &[8]), None);
        // The last row read is not held: the rows past it cannot be placed.
        assert_eq!(run(&held, 2, &[4, 5, 9], 3, &[3]), None);
    }
}
