//! Every colour and style, named by what it means on screen. With `NO_COLOR` set (see
//! no-color.org) no colour is used: meaning is carried by bold, reverse and the text itself.

use std::sync::atomic::{AtomicU8, Ordering};

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

pub struct Theme;

/// 0: not read yet; 1: colours; 2: no colours.
static NO_COLOR: AtomicU8 = AtomicU8::new(0);

/// True when colours are off (`NO_COLOR` set to anything but an empty string).
pub fn no_color() -> bool {
    match NO_COLOR.load(Ordering::Relaxed) {
        0 => {
            let off = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            NO_COLOR.store(if off { 2 } else { 1 }, Ordering::Relaxed);
            off
        }
        v => v == 2,
    }
}

/// Turns colours off or on for this process (tests; the app reads `NO_COLOR`).
pub fn set_no_color(off: bool) {
    NO_COLOR.store(if off { 2 } else { 1 }, Ordering::Relaxed);
}

/// Every style goes through here: without colours only the modifiers are kept.
fn paint(style: Style) -> Style {
    if no_color() {
        Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..style
        }
    } else {
        style
    }
}

/// Whether text in `fg` stays readable on `bg` (the selection's blue): bright and warm colours
/// do; blue, grey and black do not.
fn reads_on(fg: Color, bg: Color) -> bool {
    fg != bg
        && matches!(
            fg,
            Color::Red
                | Color::LightRed
                | Color::Yellow
                | Color::LightYellow
                | Color::Green
                | Color::LightGreen
                | Color::Cyan
                | Color::LightCyan
                | Color::Magenta
                | Color::LightMagenta
                | Color::White
        )
}

impl Theme {
    pub fn selected() -> Style {
        if no_color() {
            return Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD)
    }

    /// A selected row: a span keeps its own colour where it reads on the selection (a red
    /// overdue date stays red) and takes the selection's text colour where it would vanish
    /// into the background (a blue "scheduled", a grey time).
    pub fn select_line(line: Line<'static>) -> Line<'static> {
        let sel = Theme::selected();
        let mut line = line.style(sel);
        for span in &mut line.spans {
            span.style = match (span.style.fg, sel.bg) {
                (Some(fg), Some(bg)) if reads_on(fg, bg) => span.style.bg(bg),
                _ => span.style.patch(sel),
            };
        }
        line
    }
    pub fn marked() -> Style {
        paint(Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD))
    }
    pub fn title() -> Style {
        paint(Style::new().add_modifier(Modifier::BOLD))
    }
    pub fn dim() -> Style {
        paint(Style::new().fg(Color::DarkGray))
    }
    pub fn active_tab() -> Style {
        if no_color() {
            return Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        paint(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
        )
    }
    pub fn tab() -> Style {
        paint(Style::new().fg(Color::Gray))
    }
    pub fn key() -> Style {
        paint(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD))
    }
    pub fn overdue() -> Style {
        paint(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD))
    }
    pub fn near_due() -> Style {
        paint(Style::new().fg(Color::Yellow))
    }
    pub fn ok() -> Style {
        paint(Style::new().fg(Color::Green))
    }
    pub fn negative() -> Style {
        paint(Style::new().fg(Color::Red))
    }
    pub fn question() -> Style {
        paint(Style::new().fg(Color::Yellow))
    }
    pub fn error() -> Style {
        if no_color() {
            return Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        paint(Style::new().fg(Color::White).bg(Color::Red))
    }
    pub fn info() -> Style {
        paint(Style::new().fg(Color::Cyan))
    }
    pub fn border() -> Style {
        paint(Style::new().fg(Color::DarkGray))
    }
    pub fn focus_border() -> Style {
        paint(Style::new().fg(Color::Cyan))
    }

    /// Colour of a post status on the calendar.
    pub fn post_status(status: &str) -> Style {
        paint(match status {
            "idea" => Style::new().fg(Color::DarkGray),
            "draft" => Style::new().fg(Color::Gray),
            "ready" => Style::new().fg(Color::Cyan),
            "scheduled" => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            "published" => Style::new().fg(Color::Green),
            "failed" => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            _ => Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT),
        })
    }

    /// Calendar: today's date in the grid.
    pub fn today() -> Style {
        if no_color() {
            return Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        paint(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
        )
    }
    /// Calendar: days outside the month shown.
    pub fn other_month() -> Style {
        paint(Style::new().fg(Color::DarkGray))
    }
    /// Calendar week view: the hours when posts have done best.
    pub fn best_hour() -> Style {
        paint(Style::new().bg(Color::Indexed(236)))
    }
    /// Calendar: a week under its posting target, or posts too close together.
    pub fn warn() -> Style {
        paint(Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD))
    }

    /// Colour of a contact's pipeline stage.
    pub fn stage(stage: &str) -> Style {
        paint(match stage {
            "prospect" => Style::new().fg(Color::Gray),
            "contacted" => Style::new().fg(Color::Cyan),
            "negotiating" => Style::new().fg(Color::Yellow),
            "agreed" => Style::new().fg(Color::Magenta),
            "content_live" => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            "paid" => Style::new().fg(Color::Green),
            _ => Style::new().fg(Color::DarkGray),
        })
    }
}
