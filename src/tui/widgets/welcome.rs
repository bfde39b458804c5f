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

pub const IMPORT_HELP: &str = "Type :import PATH (a file, folder or .zip of Meta, Instagram, X, LinkedIn, \
     TikTok or YouTube exports), or run `smmdeck import PATH` in a shell";

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
        Line::from("track contacts and campaigns, all from this terminal."),
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

/// `:import PATH...`, `:demo`, `:q`, `:help`.
fn command(app: &mut App, text: &str) -> Outcome {
    let text = text.trim().trim_start_matches(':');
    let (cmd, rest) = text.split_once(' ').unwrap_or((text, ""));
    match cmd {
        "import" => import(app, rest),
        "q" | "quit" => {
            app.quit = true;
            Outcome::Handled
        }
        "demo" => load_demo(app),
        "help" => app_action(app, Action::Help),
        "" => Outcome::Handled,
        other => Outcome::Status(format!(
            "unknown command :{other} (try :import PATH, :demo, :q)"
        )),
    }
}

fn app_action(app: &mut App, action: Action) -> Outcome {
    app.on_action(action);
    Outcome::Handled
}

/// Starts an import on a background thread; the app keeps working and shows its progress.
fn import(app: &mut App, rest: &str) -> Outcome {
    if app.job_running() {
        return Outcome::Status("an import is already running".into());
    }
    let mut words = rest.split_whitespace();
    let mut paths = Vec::new();
    let mut account = None;
    while let Some(word) = words.next() {
        match word {
            "--account" => account = words.next().map(String::from),
            path => paths.push(expand_home(path)),
        }
    }
    if paths.is_empty() {
        return Outcome::Status(
            "usage: :import [--account HANDLE] PATH... (a file, a folder or a .zip)".into(),
        );
    }
    let Some(db) = app.store.path().map(std::path::Path::to_path_buf) else {
        return Outcome::Status("import needs a database file".into());
    };
    let rx = crate::tui::event::spawn_import(db, paths, account, &app.clock, &app.config);
    app.start_job(rx);
    Outcome::Status("import started".into())
}

/// `~/x` means the home folder, as in a shell.
fn expand_home(word: &str) -> std::path::PathBuf {
    match (word.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(word),
    }
}
