//! The first screen on an empty database, and the app's own commands (`:demo`, `:q`, adding an
//! account) that do not belong to any tab.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::overlay::centered;
use crate::demo::{self, Scale};
use crate::domain::Platform;
use crate::store::NewAccount;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::tabs::Outcome;
use crate::tui::theme::Theme;

pub const IMPORT_HELP: &str = "Import platform exports from the shell: `smmdeck import FILE|FOLDER|ZIP...` \
     (Meta Business Suite CSV, Graph API JSON, Instagram download, X, LinkedIn, TikTok, YouTube), or type :import PATH here";

pub fn render(frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 64, 13);
    frame.render_widget(Clear, rect);
    let key = |k: &'static str, what: &'static str| {
        Line::from(vec![
            Span::styled(format!("  {k}  "), Theme::key()),
            Span::raw(what),
        ])
    };
    let lines = vec![
        Line::styled("Welcome to smmdeck", Theme::title()),
        Line::default(),
        Line::from("Your deck is empty. Plan posts, triage comments and DMs,"),
        Line::from("track bloggers and campaigns, all from this terminal."),
        Line::default(),
        key("d", "load demo data (3 brands, 5 accounts) to look around"),
        key("i", "how to import your platforms' exports"),
        key("n", "add your first account"),
        key("?", "every key"),
    ];
    let block = Block::bordered()
        .title(" smmdeck ")
        .border_style(Theme::focus_border());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}

/// Handles the welcome keys and the answers to the app's own prompts. None: not ours.
pub fn handle(app: &mut App, action: &Action) -> Option<Outcome> {
    match action {
        Action::LoadDemo => Some(load_demo(app)),
        Action::ImportHelp => Some(Outcome::Status(IMPORT_HELP.into())),
        Action::AddAccount => Some(Outcome::Prompt {
            title: "New account: platform handle [brand]  e.g. instagram @mybrand My Brand".into(),
            initial: String::new(),
            tag: "add_account",
        }),
        Action::Submit {
            tag: "add_account",
            text,
        } => Some(add_account(app, text)),
        Action::Submit {
            tag: "command",
            text,
        } => Some(command(app, text)),
        _ => None,
    }
}

fn load_demo(app: &mut App) -> Outcome {
    let clock = app.clock;
    match demo::generate(&mut app.store, Scale::Small, &clock, &mut |_| {}) {
        Ok(()) => {
            app.reload();
            Outcome::Status("demo data loaded: press 1–5 to look around, ? for keys".into())
        }
        Err(e) => {
            app.error(format!("demo failed: {e}"));
            Outcome::Handled
        }
    }
}

fn add_account(app: &mut App, text: &str) -> Outcome {
    let mut words = text.split_whitespace();
    let (Some(platform), Some(handle)) = (words.next(), words.next()) else {
        return Outcome::Status("type a platform and a handle, e.g. instagram @mybrand".into());
    };
    let Some(platform) = Platform::parse_loose(platform) else {
        let known: Vec<&str> = Platform::ALL.iter().map(|p| p.as_str()).collect();
        return Outcome::Status(format!(
            "unknown platform {platform:?}; known: {}",
            known.join(", ")
        ));
    };
    let brand = words.collect::<Vec<_>>().join(" ");
    let account = NewAccount {
        brand,
        platform: platform.as_str().into(),
        handle: handle.into(),
        ..Default::default()
    };
    let now = app.clock.now_ts();
    match app.store.accounts().add(&account, now) {
        Ok(_) => {
            app.reload();
            Outcome::Status(format!(
                "added {} @{}",
                platform.badge(),
                handle.trim_start_matches('@')
            ))
        }
        Err(e) => Outcome::Status(e.to_string()),
    }
}

/// `:demo`, `:q`, `:help`; `:import` arrives with the importer.
fn command(app: &mut App, text: &str) -> Outcome {
    let text = text.trim().trim_start_matches(':');
    let (cmd, _rest) = text.split_once(' ').unwrap_or((text, ""));
    match cmd {
        "q" | "quit" => {
            app.quit = true;
            Outcome::Handled
        }
        "demo" => load_demo(app),
        "help" => app_action(app, Action::Help),
        "" => Outcome::Handled,
        other => Outcome::Status(format!("unknown command :{other} (try :demo, :q)")),
    }
}

fn app_action(app: &mut App, action: Action) -> Outcome {
    app.on_action(action);
    Outcome::Handled
}
