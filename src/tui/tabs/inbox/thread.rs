//! Drawing a conversation or a comment thread in the detail pane: each message under a line
//! that says who and when (the brand's own marked `»`, system lines dim on one line), and the
//! lines wrapped here, in cells, so that the pane knows its exact height and can keep the
//! newest message at the bottom and in view.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::clock::Clock;
use crate::store::ThreadMessage;
use crate::tui::theme::Theme;

/// The messages of a thread, oldest first. `current` is the message the item is (a comment in
/// its thread), drawn brighter.
pub(super) fn message_lines(
    messages: &[ThreadMessage],
    current: Option<i64>,
    clock: &Clock,
    clean: impl Fn(&str) -> String,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for m in messages {
        let when = clock.format(m.received_at, "%d %b %H:%M");
        let who = if m.from_self {
            "you".to_string()
        } else {
            clean(&m.author_name)
        };
        if m.system {
            // What happened rather than what was said: one dim line.
            let text = clean(&m.body).replace('\n', " ");
            let line = if m.from_self {
                format!("· {when} {text}")
            } else {
                format!("· {when} {who}: {text}")
            };
            out.push(Line::styled(line, Theme::dim()));
            continue;
        }
        let (head, style) = if m.from_self {
            (format!("» {when} you"), Theme::ok())
        } else if Some(m.id) == current {
            (format!("{when} {who}"), Theme::title())
        } else {
            (format!("{when} {who}"), Theme::dim())
        };
        out.push(Line::styled(head, style));
        out.extend(clean(&m.body).lines().map(|l| Line::from(format!("  {l}"))));
    }
    out
}

/// The first line to show so that the bottom of `total` lines is in a pane `height` tall,
/// `up` lines scrolled back from there (clamped at the top).
pub(super) fn from_bottom(total: usize, height: u16, up: u16) -> u16 {
    let past = total.saturating_sub(height as usize);
    past.saturating_sub(up as usize).min(u16::MAX as usize) as u16
}

/// Wraps styled lines to `width` cells at spaces (a word longer than the line is cut), the
/// way the pane then draws them one per row. A line's leading spaces indent its continuation
/// rows too, so a message's text stays under its sender. Each line comes out with its style
/// on its spans, one span a run of one style.
pub(super) fn wrap(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = (width as usize).max(1);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        // No character is wider in cells than in bytes: a line as short in bytes as the row
        // is wide fits (a name, a date, a line of history: most of them), uncut and unmeasured.
        if line.spans.iter().map(|s| s.content.len()).sum::<usize>() <= width {
            out.push(restyled(line));
            continue;
        }
        let cells: Vec<(&str, Style)> = line
            .spans
            .iter()
            .flat_map(|s| {
                let style = line.style.patch(s.style);
                s.content.graphemes(true).map(move |g| (g, style))
            })
            .collect();
        if cells.iter().map(|(g, _)| g.width()).sum::<usize>() <= width {
            out.push(spans_of(cells));
            continue;
        }
        let indent: Vec<(&str, Style)> = cells
            .iter()
            .take_while(|(g, _)| *g == " ")
            .take(width / 2)
            .copied()
            .collect();
        let mut row: Vec<(&str, Style)> = Vec::new();
        let mut used = 0;
        for cell in cells {
            let w = cell.0.width();
            if used + w > width && row.len() > indent.len() {
                let carry = if cell.0 == " " {
                    // The row ends at this space.
                    Vec::new()
                } else {
                    // Back to the last space after the indent, so a word moves whole to the
                    // next row; a word longer than a row is cut.
                    match row.iter().rposition(|(g, _)| *g == " ") {
                        Some(i) if i >= indent.len() => {
                            let rest = row.split_off(i + 1);
                            row.pop();
                            rest
                        }
                        _ => Vec::new(),
                    }
                };
                out.push(spans_of(std::mem::take(&mut row)));
                row = indent.iter().copied().chain(carry).collect();
                used = row.iter().map(|(g, _)| g.width()).sum();
                if cell.0 == " " {
                    continue;
                }
            }
            used += w;
            row.push(cell);
        }
        out.push(spans_of(row));
    }
    out
}

/// A line that fits, as `spans_of` would give it back from its cells: the line's style on
/// its spans, one span a run of one style.
fn restyled(line: Line<'static>) -> Line<'static> {
    let base = line.style;
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(line.spans.len());
    for s in line.spans {
        if s.content.is_empty() {
            continue;
        }
        let style = base.patch(s.style);
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&s.content),
            _ => spans.push(Span::styled(s.content, style)),
        }
    }
    Line::from(spans)
}

/// Cells back into spans, one per run of the same style.
fn spans_of(cells: Vec<(&str, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style: Option<Style> = None;
    for (g, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        text.push_str(g);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_at_spaces_in_cells() {
        let got = wrap(vec![Line::from("one two three four")], 9);
        assert_eq!(texts(&got), ["one two", "three", "four"]);
        // Emoji are two cells; a word longer than the row is cut.
        let got = wrap(vec![Line::from("☕☕☕☕☕ abcdefghijkl")], 6);
        assert_eq!(texts(&got), ["☕☕☕", "☕☕", "abcdef", "ghijkl"]);
        assert_eq!(texts(&wrap(vec![Line::default()], 5)), [""]);
        // Continuation rows keep the line's indent.
        let got = wrap(vec![Line::from("  one two three")], 9);
        assert_eq!(texts(&got), ["  one two", "  three"]);
    }

    #[test]
    fn wrapping_keeps_styles() {
        let line = Line::from(vec![
            Span::styled("red words", Theme::negative()),
            Span::raw(" plain"),
        ]);
        let got = wrap(vec![line], 10);
        assert_eq!(texts(&got), ["red words", "plain"]);
        assert_eq!(got[0].spans[0].style, Theme::negative());
    }

    /// A line that fits comes out as the cutting would give it: styles on the spans, runs
    /// of one style merged, empty spans gone.
    #[test]
    fn a_line_that_fits_is_kept_as_cut_lines_are() {
        let line = Line::from(vec![
            Span::raw("ab"),
            Span::raw(""),
            Span::raw("c"),
            Span::styled("☕d", Theme::negative()),
        ])
        .style(Theme::dim());
        let spans = |l: &Line<'_>| -> Vec<(String, Style)> {
            l.spans
                .iter()
                .map(|s| (s.content.to_string(), s.style))
                .collect()
        };
        let dim = Theme::dim();
        let expected = vec![
            ("abc".to_string(), dim),
            ("☕d".to_string(), dim.patch(Theme::negative())),
        ];
        // 7 bytes: at 8 cells it is not measured; at 6 it is, and fits (6 cells).
        for width in [8, 6] {
            let got = wrap(vec![line.clone()], width);
            assert_eq!(got.len(), 1);
            assert_eq!(spans(&got[0]), expected, "width {width}");
            assert_eq!(got[0].style, Style::default());
        }
    }

    #[test]
    fn the_bottom_stays_in_view() {
        assert_eq!(from_bottom(30, 10, 0), 20);
        assert_eq!(from_bottom(30, 10, 5), 15);
        assert_eq!(from_bottom(30, 10, 99), 0);
        assert_eq!(from_bottom(5, 10, 0), 0);
    }
}
