//! Fitting text to terminal columns, for the app's screens and the command line's tables:
//! columns are counted in terminal cells (emoji are two wide, a ZWJ family is one grapheme),
//! never in bytes or chars.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::is_bidi_control;

/// Cuts `s` to at most `width` cells, ending with `…` when cut. Never splits a grapheme.
pub fn truncate(s: &str, width: usize) -> String {
    // No character is wider in cells than in bytes: a short text fits without measuring, and
    // a text that fits is measured by a scan of its characters, not cut into graphemes.
    if s.len() <= width || s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Pads (or cuts) `s` to exactly `width` cells.
pub fn fit(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    format!("{t}{}", " ".repeat(pad))
}

/// The first line of `s` with control characters (and bidi overrides) made harmless, for rows.
pub fn one_line(s: &str) -> String {
    s.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_cells() {
        assert_eq!(truncate("hello", 10), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        let fam = "👨‍👩‍👧‍👦 family";
        let cut = truncate(fam, 4);
        assert!(cut.width() <= 4, "{cut}");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("☕☕☕", 5).width(), 5);
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(one_line("\n  \nfirst\u{202E}x\nsecond"), "first x");
    }

    proptest::proptest! {
        /// What `truncate`'s short cut rests on (no character is wider in cells than in
        /// bytes), and what a cut must be: within the cells, whole when it fits, otherwise a
        /// start of the text that ends at a grapheme, then `…`.
        #[test]
        fn a_cut_fits_and_keeps_the_start(
            s in "[a-zé☕👨\u{200D}\u{0301}\u{200B} ]{0,24}",
            width in 0usize..16,
        ) {
            proptest::prop_assert!(s.width() <= s.len());
            let cut = truncate(&s, width);
            proptest::prop_assert!(cut.width() <= width);
            if s.width() <= width {
                proptest::prop_assert_eq!(cut, s);
            } else if width > 0 {
                let kept = cut.strip_suffix('…').unwrap_or_default();
                let ends: Vec<usize> = s.grapheme_indices(true).map(|(at, _)| at).collect();
                proptest::prop_assert!(s.starts_with(kept) && ends.contains(&kept.len()));
            }
        }
    }
}

/// Which columns of a table fit in `width` cells: columns are taken by `priority` (0 first)
/// while they fit; each costs its width plus one space. The first column (the name) stretches.
pub fn columns_that_fit(widths: &[usize], priorities: &[usize], width: usize) -> Vec<bool> {
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&i| priorities.get(i).copied().unwrap_or(usize::MAX));
    let mut keep = vec![false; widths.len()];
    let mut used = 0;
    for i in order {
        if used + widths[i] < width {
            used += widths[i] + 1;
            keep[i] = true;
        }
    }
    keep
}

#[cfg(test)]
mod column_tests {
    use super::columns_that_fit;

    #[test]
    fn drops_low_priority_columns_first() {
        let widths = [10, 8, 8, 8];
        let prio = [0, 3, 1, 2];
        assert_eq!(
            columns_that_fit(&widths, &prio, 100),
            [true, true, true, true]
        );
        assert_eq!(
            columns_that_fit(&widths, &prio, 30),
            [true, false, true, true]
        );
        assert_eq!(
            columns_that_fit(&widths, &prio, 11),
            [true, false, false, false]
        );
        assert_eq!(
            columns_that_fit(&widths, &prio, 5),
            [false, false, false, false]
        );
    }
}
