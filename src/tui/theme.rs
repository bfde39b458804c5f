//! Every colour and style, named by what it means on screen.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme;

impl Theme {
    pub fn selected() -> Style {
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD)
    }
    pub fn marked() -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn title() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn active_tab() -> Style {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }
    pub fn tab() -> Style {
        Style::new().fg(Color::Gray)
    }
    pub fn key() -> Style {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn overdue() -> Style {
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn near_due() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn ok() -> Style {
        Style::new().fg(Color::Green)
    }
    pub fn negative() -> Style {
        Style::new().fg(Color::Red)
    }
    pub fn question() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn error() -> Style {
        Style::new().fg(Color::White).bg(Color::Red)
    }
    pub fn info() -> Style {
        Style::new().fg(Color::Cyan)
    }
    pub fn border() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn focus_border() -> Style {
        Style::new().fg(Color::Cyan)
    }

    /// Colour of a post status on the calendar.
    pub fn post_status(status: &str) -> Style {
        match status {
            "idea" => Style::new().fg(Color::DarkGray),
            "draft" => Style::new().fg(Color::Gray),
            "ready" => Style::new().fg(Color::Cyan),
            "scheduled" => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            "published" => Style::new().fg(Color::Green),
            "failed" => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            _ => Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT),
        }
    }

    /// Calendar: today's date in the grid.
    pub fn today() -> Style {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }
    /// Calendar: days outside the month shown.
    pub fn other_month() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    /// Calendar week view: the hours when posts have done best.
    pub fn best_hour() -> Style {
        Style::new().bg(Color::Indexed(236))
    }
    /// Calendar: a week under its posting target, or posts too close together.
    pub fn warn() -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Colour of a contact's pipeline stage.
    pub fn stage(stage: &str) -> Style {
        match stage {
            "prospect" => Style::new().fg(Color::Gray),
            "contacted" => Style::new().fg(Color::Cyan),
            "negotiating" => Style::new().fg(Color::Yellow),
            "agreed" => Style::new().fg(Color::Magenta),
            "content_live" => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            "paid" => Style::new().fg(Color::Green),
            _ => Style::new().fg(Color::DarkGray),
        }
    }
}
