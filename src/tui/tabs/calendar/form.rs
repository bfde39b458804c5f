//! The post editor: a form over the tab with account, format, status, date and time, title,
//! pillar, tags, campaign and the caption, whose counters follow the platform's own rules as
//! the user types. Keys arrive as actions from `Scope::Form`; unbound keys are typed text.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveTime};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{Shared, Undo};
use crate::clock::Clock;
use crate::domain::limits::{self, Limits};
use crate::domain::when::parse_when;
use crate::domain::{Platform, PostFormat, PostStatus};
use crate::store::{Account, PostEdit};
use crate::tui::action::Action;
use crate::tui::tabs::{FormOverlay, FormStep, Outcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::overlay::centered;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Account,
    Format,
    Status,
    When,
    Title,
    Pillar,
    Tags,
    Campaign,
    Caption,
}

const FIELDS: [Field; 9] = [
    Field::Account,
    Field::Format,
    Field::Status,
    Field::When,
    Field::Title,
    Field::Pillar,
    Field::Tags,
    Field::Campaign,
    Field::Caption,
];

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::Account => "Account",
            Field::Format => "Format",
            Field::Status => "Status",
            Field::When => "When",
            Field::Title => "Title",
            Field::Pillar => "Pillar",
            Field::Tags => "Tags",
            Field::Campaign => "Campaign",
            Field::Caption => "Caption",
        }
    }
}

/// What the form needs to know of the world, captured when it opens.
pub struct FormCtx {
    pub clock: Clock,
    pub accounts: Vec<Account>,
    pub campaigns: Vec<(i64, String)>,
    /// The day the cursor is on: a bare time typed into "When" lands there.
    pub day: NaiveDate,
}

pub struct PostForm {
    /// None for a new post.
    id: Option<i64>,
    ctx: FormCtx,
    focus: usize,
    account: usize,
    format: usize,
    status: usize,
    /// 0 is "none"; i is `campaigns[i - 1]`.
    campaign: usize,
    when: TextArea<'static>,
    title: TextArea<'static>,
    pillar: TextArea<'static>,
    tags: TextArea<'static>,
    caption: TextArea<'static>,
    initial: PostEdit,
    initial_when: String,
    error: Option<String>,
    confirming: bool,
    shared: Rc<RefCell<Shared>>,
}

fn line_area(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.replace('\n', " ")]);
    a.move_cursor(CursorMove::End);
    a.set_cursor_line_style(ratatui::style::Style::new());
    a
}

fn index_of<T: PartialEq>(all: &[T], x: &T) -> usize {
    all.iter().position(|v| v == x).unwrap_or(0)
}

impl PostForm {
    /// A form for `edit` (`id` None for a new post), its slot shown as `when`.
    pub(super) fn new(
        id: Option<i64>,
        edit: PostEdit,
        when: String,
        ctx: FormCtx,
        shared: Rc<RefCell<Shared>>,
    ) -> PostForm {
        let account = ctx
            .accounts
            .iter()
            .position(|a| a.id == edit.account_id)
            .unwrap_or(0);
        let format = PostFormat::parse(&edit.format).unwrap_or(PostFormat::Post);
        let status = PostStatus::parse(&edit.status).unwrap_or(PostStatus::Draft);
        let campaign = edit
            .campaign_id
            .and_then(|c| ctx.campaigns.iter().position(|(id, _)| *id == c))
            .map_or(0, |i| i + 1);
        let mut caption = TextArea::new(edit.caption.lines().map(String::from).collect());
        caption.set_wrap_mode(WrapMode::WordOrGlyph);
        caption.set_cursor_line_style(ratatui::style::Style::new());
        // Editing usually adds to the end of a caption.
        caption.move_cursor(CursorMove::Bottom);
        caption.move_cursor(CursorMove::End);
        let mut form = PostForm {
            id,
            focus: if id.is_some() { 8 } else { 4 },
            account,
            format: index_of(PostFormat::ALL, &format),
            status: index_of(PostStatus::ALL, &status),
            campaign,
            when: line_area(&when),
            title: line_area(&edit.title),
            pillar: line_area(&edit.pillar),
            tags: line_area(&edit.tags),
            caption,
            initial: PostEdit::default(),
            initial_when: when,
            error: None,
            confirming: false,
            shared,
            ctx,
        };
        form.initial = form.values();
        form
    }

    fn field(&self) -> Field {
        FIELDS[self.focus]
    }

    fn platform(&self) -> Platform {
        self.ctx
            .accounts
            .get(self.account)
            .and_then(|a| Platform::parse(&a.platform))
            .unwrap_or(Platform::Instagram)
    }

    fn format(&self) -> PostFormat {
        PostFormat::ALL[self.format]
    }

    fn status(&self) -> PostStatus {
        PostStatus::ALL[self.status]
    }

    fn caption_text(&self) -> String {
        self.caption.lines().join("\n")
    }

    /// The fields as they stand (the slot is read separately: it may not parse yet).
    fn values(&self) -> PostEdit {
        PostEdit {
            account_id: self.ctx.accounts.get(self.account).map_or(0, |a| a.id),
            title: self.title.lines().join(" ").trim().to_string(),
            caption: self.caption_text(),
            format: self.format().as_str().to_string(),
            status: self.status().as_str().to_string(),
            pillar: self.pillar.lines().join(" ").trim().to_string(),
            tags: self.tags.lines().join(" ").trim().to_string(),
            scheduled_at: None,
            campaign_id: self
                .campaign
                .checked_sub(1)
                .and_then(|i| self.ctx.campaigns.get(i))
                .map(|(id, _)| *id),
        }
    }

    fn changed(&self) -> bool {
        self.values() != self.initial || self.when.lines().join("") != self.initial_when
    }

    fn text_area(&mut self) -> Option<&mut TextArea<'static>> {
        match self.field() {
            Field::When => Some(&mut self.when),
            Field::Title => Some(&mut self.title),
            Field::Pillar => Some(&mut self.pillar),
            Field::Tags => Some(&mut self.tags),
            Field::Caption => Some(&mut self.caption),
            _ => None,
        }
    }

    /// Left/Right on a choice: the previous or next option, wrapping.
    fn cycle(&mut self, step: isize) {
        let (slot, len) = match self.field() {
            Field::Account => (&mut self.account, self.ctx.accounts.len()),
            Field::Format => (&mut self.format, PostFormat::ALL.len()),
            Field::Status => (&mut self.status, PostStatus::ALL.len()),
            Field::Campaign => (&mut self.campaign, self.ctx.campaigns.len() + 1),
            _ => return,
        };
        if len > 0 {
            *slot = (*slot as isize + step).rem_euclid(len as isize) as usize;
        }
    }

    fn move_focus(&mut self, step: isize) {
        self.focus = (self.focus as isize + step).rem_euclid(FIELDS.len() as isize) as usize;
    }

    /// Checks everything and builds the write; an error names the field.
    fn save(&mut self) -> FormStep {
        let mut edit = self.values();
        if self.ctx.accounts.is_empty() {
            self.error = Some("add an account first (smmdeck accounts add)".into());
            return FormStep::Stay;
        }
        let today = self.ctx.clock.today();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
        let typed = self.when.lines().join(" ");
        let at = match parse_when(&typed, today, self.ctx.day, nine) {
            Ok(naive) => match self.ctx.clock.local_to_ts(naive) {
                Some(ts) => ts,
                None => {
                    self.error = Some(format!("When: {naive} does not exist here (clocks jump)"));
                    return FormStep::Stay;
                }
            },
            Err(e) => {
                self.error = Some(format!("When: {e}"));
                return FormStep::Stay;
            }
        };
        edit.scheduled_at = Some(at);
        if self.status().requires_valid_caption() {
            let broken = limits::check(self.platform(), self.format(), &edit.title, &edit.caption);
            if let Some(v) = broken.first() {
                self.error = Some(format!(
                    "cannot be {} on {}: {v}",
                    self.status(),
                    self.platform()
                ));
                return FormStep::Stay;
            }
        }
        let id = self.id;
        let shared = Rc::clone(&self.shared);
        FormStep::Save(Box::new(move |store, clock| {
            let now = clock.now_ts();
            let posts = store.posts();
            let mut shared = shared.borrow_mut();
            match id {
                Some(id) => {
                    let before = posts.update(id, &edit, now)?;
                    shared.undo.push(Undo::Edit { id, before });
                    shared.select = Some(id);
                    Ok("post saved".into())
                }
                None => {
                    let id = posts.create(&edit, now)?;
                    shared.undo.push(Undo::Created { id });
                    shared.select = Some(id);
                    Ok(format!(
                        "post added for {}",
                        clock.format(at, "%a %d %b %H:%M")
                    ))
                }
            }
        }))
    }

    fn counters(&self) -> Line<'static> {
        let platform = self.platform();
        let l = Limits::for_post(platform, self.format());
        let title = self.title.lines().join(" ");
        let c = limits::count(platform, &title, &self.caption_text());
        let part = |name: &str, n: usize, limit: Option<usize>| -> Vec<Span<'static>> {
            let text = match limit {
                Some(limit) => format!("{name} {n}/{limit}"),
                None => format!("{name} {n}"),
            };
            let style = if limit.is_some_and(|l| n > l) {
                Theme::overdue()
            } else {
                Theme::dim()
            };
            vec![Span::styled(text, style), Span::raw("  ")]
        };
        let unit = if platform == Platform::X {
            "weighted"
        } else {
            "chars"
        };
        let mut spans = vec![Span::styled(
            format!("{} ", platform.badge()),
            Theme::title(),
        )];
        spans.extend(part(unit, c.chars, Some(l.chars)));
        spans.extend(part("#", c.hashtags, l.hashtags));
        spans.extend(part("@", c.mentions, l.mentions));
        if l.title.is_some() {
            spans.extend(part("title", c.title, l.title));
        }
        Line::from(spans)
    }

    fn choice_text(&self, field: Field) -> String {
        match field {
            Field::Account => self
                .ctx
                .accounts
                .get(self.account)
                .map_or("no accounts".into(), |a| a.label()),
            Field::Format => self.format().to_string(),
            Field::Status => self.status().to_string(),
            Field::Campaign => self
                .campaign
                .checked_sub(1)
                .and_then(|i| self.ctx.campaigns.get(i))
                .map_or("none".into(), |(_, n)| n.clone()),
            _ => String::new(),
        }
    }
}

impl FormOverlay for PostForm {
    fn input(&mut self, key: KeyEvent) {
        if self.confirming {
            return;
        }
        self.error = None;
        if let Some(area) = self.text_area() {
            area.input(key);
        }
    }

    fn handle(&mut self, action: &Action) -> FormStep {
        if self.confirming {
            return match action {
                Action::Yes => FormStep::Close(Outcome::Status("changes discarded".into())),
                _ => {
                    self.confirming = false;
                    FormStep::Stay
                }
            };
        }
        let in_caption = self.field() == Field::Caption;
        match action {
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Open if in_caption => self.caption.insert_newline(),
            Action::Open => self.move_focus(1),
            Action::Up if in_caption && self.caption.cursor().0 > 0 => {
                self.caption.move_cursor(CursorMove::Up)
            }
            Action::Down if in_caption => self.caption.move_cursor(CursorMove::Down),
            Action::Up => self.move_focus(-1),
            Action::Down => self.move_focus(1),
            Action::Left | Action::Right => {
                let step = if *action == Action::Left { -1 } else { 1 };
                match self.text_area() {
                    Some(area) => area.move_cursor(if step < 0 {
                        CursorMove::Back
                    } else {
                        CursorMove::Forward
                    }),
                    None => self.cycle(step),
                }
            }
            Action::Save => return self.save(),
            Action::EditExternal => return FormStep::External(self.caption_text()),
            Action::Back if self.changed() => self.confirming = true,
            Action::Back => return FormStep::Close(Outcome::Status("cancelled".into())),
            _ => {}
        }
        FormStep::Stay
    }

    fn confirming(&self) -> bool {
        self.confirming
    }

    fn set_external(&mut self, text: String) {
        let mut caption = TextArea::new(text.lines().map(String::from).collect());
        caption.set_wrap_mode(WrapMode::WordOrGlyph);
        caption.set_cursor_line_style(ratatui::style::Style::new());
        self.caption = caption;
        self.focus = FIELDS.len() - 1;
    }

    fn set_error(&mut self, message: String) {
        self.error = Some(message);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        let rect = centered(
            area,
            area.width.saturating_sub(4).min(100),
            area.height.saturating_sub(1),
        );
        frame.render_widget(Clear, rect);
        let title = if self.id.is_some() {
            " Edit post "
        } else {
            " New post "
        };
        let block = Block::bordered()
            .title(title)
            .title_bottom(
                Line::from(" Tab next · ←→ choose · Ctrl-E $EDITOR · Ctrl-S save · Esc cancel ")
                    .style(Theme::dim()),
            )
            .border_style(Theme::focus_border());
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [fields, caption, counters, message] = Layout::vertical([
            Constraint::Length(8),
            Constraint::Min(2),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let rows = Layout::vertical([Constraint::Length(1); 8]).split(fields);
        for (i, field) in FIELDS[..8].iter().enumerate() {
            let focused = i == self.focus;
            let [label, value] =
                Layout::horizontal([Constraint::Length(10), Constraint::Min(1)]).areas(rows[i]);
            let style = if focused { Theme::key() } else { Theme::dim() };
            // A marker as well as a colour, so the focus shows on any terminal.
            let marker = if focused { "▸" } else { " " };
            frame.render_widget(
                Paragraph::new(format!("{marker}{}", field.label())).style(style),
                label,
            );
            let area_ref = match field {
                Field::When => Some(&self.when),
                Field::Title => Some(&self.title),
                Field::Pillar => Some(&self.pillar),
                Field::Tags => Some(&self.tags),
                _ => None,
            };
            match area_ref {
                Some(ta) if focused => frame.render_widget(ta, value),
                Some(ta) => frame.render_widget(Paragraph::new(ta.lines().join(" ")), value),
                None => {
                    let text = self.choice_text(*field);
                    let shown = if focused {
                        format!("‹ {text} ›")
                    } else {
                        text
                    };
                    let style = match field {
                        Field::Status => Theme::post_status(self.status().as_str()),
                        _ => ratatui::style::Style::new(),
                    };
                    frame.render_widget(Paragraph::new(shown).style(style), value);
                }
            }
        }
        let caption_focused = self.field() == Field::Caption;
        let cblock = Block::bordered()
            .title(" Caption ")
            .border_style(if caption_focused {
                Theme::focus_border()
            } else {
                Theme::border()
            });
        let cinner = cblock.inner(caption);
        frame.render_widget(cblock, caption);
        if caption_focused {
            frame.render_widget(&self.caption, cinner);
        } else {
            let mut ta = self.caption.clone();
            ta.set_cursor_style(ratatui::style::Style::new());
            frame.render_widget(&ta, cinner);
        }
        frame.render_widget(Paragraph::new(self.counters()), counters);
        let msg = match (&self.error, self.confirming) {
            (_, true) => Line::from(vec![
                Span::styled("Discard your changes? ", Theme::overdue()),
                Span::styled("y", Theme::key()),
                Span::raw(" yes  "),
                Span::styled("n", Theme::key()),
                Span::raw(" no"),
            ]),
            (Some(e), _) => Line::styled(e.clone(), Theme::overdue()),
            (None, _) => Line::default(),
        };
        frame.render_widget(Paragraph::new(msg), message);
    }
}
