//! How an inbox row shares its width: the message keeps at least a third of the row, and the
//! author, the kind, the account handle and the labels take what is left, in that order —
//! on a narrow terminal they shorten or go before the message does.

/// Widths of the elastic cells of one row (0: the cell is left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub handle: usize,
    pub kind: usize,
    pub author: usize,
    pub labels: usize,
    pub message: usize,
}

/// Shares `room` cells (the row less its fixed parts) between the cells; `message_min` is
/// the message's floor, `labels` the labels' full width. Each cell but the last takes one
/// more cell for the space after it.
pub fn row_columns(room: usize, message_min: usize, labels: usize) -> Columns {
    let mut left = room.saturating_sub(message_min.min(room));
    let mut take = |want: usize, min: usize| -> usize {
        // A cell shown narrower than `min` says nothing: leave it out.
        let w = want.min(left.saturating_sub(1));
        if w < min || w == 0 {
            return 0;
        }
        left -= w + 1;
        w
    };
    let author = take(14, 6);
    let kind = take(3, 3);
    let handle = take(13, 6);
    let labels = take(labels.min(20), 6);
    Columns {
        handle,
        kind,
        author,
        labels,
        message: room.saturating_sub(
            [handle, kind, author]
                .iter()
                .map(|w| if *w > 0 { w + 1 } else { 0 })
                .sum::<usize>()
                + labels,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_row_shows_everything_in_full() {
        let c = row_columns(150, 50, 9);
        assert_eq!((c.handle, c.kind, c.author, c.labels), (13, 3, 14, 9));
        assert_eq!(c.message, 150 - 14 - 4 - 15 - 9);
    }

    #[test]
    fn a_narrow_row_keeps_a_third_for_the_message() {
        for width in [40usize, 58, 70, 80, 100] {
            let room = width - 15;
            let c = row_columns(room, width / 3, 18);
            assert!(c.message >= width / 3, "{width}: {c:?}");
            let used = [c.handle, c.kind, c.author]
                .iter()
                .map(|w| if *w > 0 { w + 1 } else { 0 })
                .sum::<usize>()
                + c.labels
                + c.message;
            assert_eq!(used, room, "{width}: every cell is accounted for");
        }
    }

    #[test]
    fn labels_and_handles_go_before_the_author() {
        let c = row_columns(30, 20, 12);
        assert_eq!(c.labels, 0);
        assert_eq!(c.handle, 0);
        assert!(c.author >= 6, "{c:?}");
    }
}
