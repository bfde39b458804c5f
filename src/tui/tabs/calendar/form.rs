//! The post editor: account, format, status, date and time, title, pillar, tags, campaign and
//! the caption, on the shared form. The caption's counters follow the platform's own rules as
//! the user types; saving checks the time and the limits and names the field that fails.

use chrono::{NaiveDate, NaiveTime};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::undo::{Change, PostStep};
use crate::clock::Clock;
use crate::domain::limits::{self, Limits};
use crate::domain::when::parse_when;
use crate::domain::{Platform, PostFormat, PostStatus};
use crate::store::{Account, PostEdit};
use crate::tui::action::Action;
use crate::tui::tabs::undo::UndoStack;
use crate::tui::tabs::{FormOverlay, FormStep, Outcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::list::Reselect;

/// The fields, in Tab order.
const ACCOUNT: usize = 0;
const FORMAT: usize = 1;
const STATUS: usize = 2;
const WHEN: usize = 3;
const TITLE: usize = 4;
const PILLAR: usize = 5;
const TAGS: usize = 6;
const CAMPAIGN: usize = 7;
const CAPTION: usize = 8;

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
    /// The slot as the form opened: a post moved into the past asks once.
    opened_at: Option<i64>,
    /// A slot in the past the user saved a second time: they mean it.
    past_ok: Option<i64>,
    ctx: FormCtx,
    form: Form,
    shared: Reselect,
    undo: UndoStack<PostStep>,
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
        shared: Reselect,
        undo: UndoStack<PostStep>,
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
        let accounts: Vec<String> = if ctx.accounts.is_empty() {
            vec!["no accounts".into()]
        } else {
            ctx.accounts.iter().map(Account::label).collect()
        };
        let campaigns: Vec<String> = std::iter::once("none".to_string())
            .chain(ctx.campaigns.iter().map(|(_, n)| n.clone()))
            .collect();
        let title = if id.is_some() {
            "Edit post"
        } else {
            "New post"
        };
        let form = Form::new(title)
            .choice("Account", accounts, account)
            .choice(
                "Format",
                PostFormat::ALL.iter().map(|f| f.to_string()).collect(),
                index_of(PostFormat::ALL, &format),
            )
            .choice(
                "Status",
                PostStatus::ALL.iter().map(|s| s.to_string()).collect(),
                index_of(PostStatus::ALL, &status),
            )
            .line("When", &when)
            .line("Title", &edit.title)
            .line("Pillar", &edit.pillar)
            .line("Tags", &edit.tags)
            .choice("Campaign", campaigns, campaign)
            .long("Caption", &edit.caption)
            .focused_on(if id.is_some() { CAPTION } else { TITLE });
        let mut post_form = PostForm {
            id,
            opened_at: edit.scheduled_at,
            past_ok: None,
            ctx,
            form,
            shared,
            undo,
        };
        post_form.label_zone();
        post_form
    }

    /// The chosen account's clock: a post's time is entered and shown in its account's zone.
    fn clock(&self) -> Clock {
        let tz = self
            .ctx
            .accounts
            .get(self.form.chosen(ACCOUNT))
            .and_then(|a| a.timezone.as_deref());
        self.ctx.clock.for_account(tz)
    }

    /// "When (Europe/Kyiv)": the zone the typed time is read in, kept true as the account
    /// changes.
    fn label_zone(&mut self) {
        let zone = self.clock().zone_name();
        self.form.set_label(WHEN, format!("When ({zone})"));
    }

    fn platform(&self) -> Platform {
        self.ctx
            .accounts
            .get(self.form.chosen(ACCOUNT))
            .and_then(|a| Platform::parse(&a.platform))
            .unwrap_or(Platform::Instagram)
    }

    fn format(&self) -> PostFormat {
        PostFormat::ALL
            .get(self.form.chosen(FORMAT))
            .copied()
            .unwrap_or(PostFormat::Post)
    }

    fn status(&self) -> PostStatus {
        PostStatus::ALL
            .get(self.form.chosen(STATUS))
            .copied()
            .unwrap_or(PostStatus::Draft)
    }

    /// The fields as they stand (the slot is read separately: it may not parse yet).
    fn values(&self) -> PostEdit {
        PostEdit {
            account_id: self
                .ctx
                .accounts
                .get(self.form.chosen(ACCOUNT))
                .map_or(0, |a| a.id),
            title: self.form.trimmed(TITLE),
            caption: self.form.value(CAPTION),
            format: self.format().as_str().to_string(),
            status: self.status().as_str().to_string(),
            pillar: self.form.trimmed(PILLAR),
            tags: self.form.trimmed(TAGS),
            scheduled_at: None,
            campaign_id: self
                .form
                .chosen(CAMPAIGN)
                .checked_sub(1)
                .and_then(|i| self.ctx.campaigns.get(i))
                .map(|(id, _)| *id),
        }
    }

    /// Checks everything and builds the write; a failure names the field and stays.
    fn save(&mut self) -> FormStep {
        let mut edit = self.values();
        if self.ctx.accounts.is_empty() {
            self.form
                .fail(ACCOUNT, "add an account first (smmdeck accounts add)");
            return FormStep::Stay;
        }
        let clock = self.clock();
        let today = clock.today();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
        let at = match parse_when(&self.form.trimmed(WHEN), today, self.ctx.day, nine) {
            Ok(naive) => match clock.local_to_ts(naive) {
                Some(ts) => ts,
                None => {
                    self.form
                        .fail(WHEN, format!("{naive} does not exist here (clocks jump)"));
                    return FormStep::Stay;
                }
            },
            Err(e) => {
                self.form.fail(WHEN, e.to_string());
                return FormStep::Stay;
            }
        };
        edit.scheduled_at = Some(at);
        let broken = limits::check(self.platform(), self.format(), &edit.title, &edit.caption);
        if self.status().requires_valid_caption()
            && let Some(v) = broken.first()
        {
            let message = format!("cannot be {} on {}: {v}", self.status(), self.platform());
            self.form.fail(CAPTION, message);
            return FormStep::Stay;
        }
        // A ready or scheduled post put in the past would be overdue at once: say so, and
        // save on a second Ctrl-S.
        let committed = matches!(self.status(), PostStatus::Ready | PostStatus::Scheduled);
        if committed
            && at < clock.now_ts()
            && self.opened_at != Some(at)
            && self.past_ok != Some(at)
        {
            self.past_ok = Some(at);
            self.form.fail(
                WHEN,
                format!(
                    "{} has passed: it would be overdue at once (Ctrl-S again saves anyway)",
                    clock.format(at, "%a %d %b %H:%M")
                ),
            );
            return FormStep::Stay;
        }
        // Over-limit fields of a draft or an idea are named now, not first when it moves on.
        let warning = match broken.first() {
            Some(v) => format!(" · over the limit on {}: {v}", self.platform()),
            None => String::new(),
        };
        let zone = clock.zone_name();
        let id = self.id;
        let (shared, undo) = (self.shared.clone(), self.undo.clone());
        let account_clock = clock;
        FormStep::Save(Box::new(move |store, clock| {
            let now = clock.now_ts();
            let posts = store.posts();
            match id {
                Some(id) => {
                    let before = posts.update(id, &edit, now)?;
                    shared.set(Some(id));
                    if before == edit {
                        return Ok(format!("nothing changed{warning}"));
                    }
                    undo.record(PostStep::new("post edit", Change::Edit { id, before }));
                    Ok(format!("post saved{warning}"))
                }
                None => {
                    let id = posts.create(&edit, now)?;
                    undo.record(PostStep::new("new post", Change::Created { id }));
                    shared.set(Some(id));
                    Ok(format!(
                        "post added for {} {zone}{warning}",
                        account_clock.format(at, "%a %d %b %H:%M")
                    ))
                }
            }
        }))
    }

    fn counters(&self) -> Line<'static> {
        let platform = self.platform();
        let l = Limits::for_post(platform, self.format());
        let title = self.form.value(TITLE);
        let c = limits::count(platform, &title, &self.form.value(CAPTION));
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
}

impl FormOverlay for PostForm {
    fn input(&mut self, key: KeyEvent) {
        self.form.input(key);
    }

    fn handle(&mut self, action: &Action) -> FormStep {
        let event = self.form.handle(action);
        self.label_zone();
        match event {
            FormEvent::Stay => FormStep::Stay,
            FormEvent::Save => self.save(),
            FormEvent::Cancel if self.form.changed() => {
                FormStep::Close(Outcome::Status("changes discarded".into()))
            }
            FormEvent::Cancel => FormStep::Close(Outcome::Status("cancelled".into())),
            FormEvent::External { text, .. } => FormStep::External(text),
        }
    }

    fn confirming(&self) -> bool {
        self.form.confirming()
    }

    fn set_external(&mut self, text: String) {
        self.form.set_text(CAPTION, &text);
    }

    fn set_error(&mut self, message: String) {
        self.form.set_error(message);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        self.form.render(frame, area, Some(self.counters()));
    }
}
