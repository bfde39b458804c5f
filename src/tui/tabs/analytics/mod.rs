//! Analytics: the account KPIs of a period beside the previous one (`p` cycles the period,
//! `[` `]` shift it, `:period A..B` sets it), the trend of one metric per account with surges
//! and drops marked (`m` cycles the metric), breakdowns by platform, format, pillar and hour
//! (`b`), the period's top and bottom posts (Enter opens one in the calendar), and the campaign
//! view (`c`): spend against budget and time, pacing, cost metrics, posts and collaborations.
//! Campaigns are created, edited and deleted here (N, e, D) with undo.

mod campaign_form;
mod reader;
mod render;
mod render_campaigns;

use std::path::PathBuf;
use std::rc::Rc;

use chrono::NaiveDate;

use super::undo::{Drawn, UndoStack};
use super::{Answer, Ctx, Jump, Outcome, TabId};
use crate::config::BrandConfig;
use crate::domain::anomaly::Event;
use crate::domain::heatmap::HeatCell;
use crate::domain::period::{Period, Preset};
use crate::domain::targets::Targets;
use crate::report::analytics::KpiReport;
use crate::report::client::{self, Brand, Request, Section, brand::brand};
use crate::store::{
    Account, BreakdownBy, Campaign, CampaignCollab, CampaignPost, CampaignSummary, PostPerf, Slice,
    SpendDay, TrendMetric, TrendPoint,
};
use crate::tui::action::Action;
use crate::tui::widgets::list::Cursor;
use campaign_form::{CampaignForm, CampaignStep, Change, Selected};
use reader::{Ask, Reader};

/// How many days before the period the surge detector needs to know what is usual.
const BASELINE_DAYS: i64 = crate::domain::anomaly::WINDOW as i64;

/// What the lower right pane shows (`b` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breakdown {
    #[default]
    Off,
    By(BreakdownBy),
    Hours,
}

impl Breakdown {
    fn next(self) -> Breakdown {
        match self {
            Breakdown::Off => Breakdown::By(BreakdownBy::Platform),
            Breakdown::By(BreakdownBy::Platform) => Breakdown::By(BreakdownBy::Format),
            Breakdown::By(BreakdownBy::Format) => Breakdown::By(BreakdownBy::Pillar),
            Breakdown::By(BreakdownBy::Pillar) => Breakdown::Hours,
            Breakdown::Hours => Breakdown::Off,
        }
    }
}

/// The tab's two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Overview,
    Campaigns,
}

/// What the tab asks the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Delete this campaign?
    Delete(i64),
    /// Undo (or redo) the change that deletes this campaign, which is not on screen?
    Undo { id: i64, redo: bool },
}

/// A ranked post with the heading it is listed under.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ranked {
    pub heading: &'static str,
    pub post: PostPerf,
}

/// The selected campaign in full.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Detail {
    pub campaign: Campaign,
    pub days: Vec<SpendDay>,
    pub posts: Vec<CampaignPost>,
    pub collabs: Vec<CampaignCollab>,
}

#[derive(Default)]
pub struct AnalyticsTab {
    period: Option<Period>,
    pub(crate) view: View,
    pub(crate) metric: Option<TrendMetric>,
    pub(crate) breakdown: Breakdown,
    pub(crate) today: Option<NaiveDate>,
    pub(crate) report: Option<KpiReport>,
    /// Each account's line over the period and the previous one, by account then day.
    pub(crate) trend: Vec<TrendPoint>,
    pub(crate) prev_trend: Vec<TrendPoint>,
    pub(crate) labels: Vec<(i64, String)>,
    pub(crate) events: Vec<Event>,
    /// Posts published on the days of the events.
    pub(crate) event_posts: Vec<PostPerf>,
    pub(crate) ranked: Vec<Ranked>,
    pub(crate) slices: Vec<Slice>,
    pub(crate) heat: Vec<HeatCell>,
    pub(crate) campaigns: Vec<CampaignSummary>,
    pub(crate) detail: Option<Detail>,
    /// The overview's cursor (over `ranked`) and the campaign view's (over `campaigns`).
    pub(crate) posts_cursor: Cursor,
    pub(crate) campaign_cursor: Cursor,
    accounts: Vec<Account>,
    account: Option<i64>,
    undo: UndoStack<CampaignStep>,
    /// The campaigns the last frame listed: `u` asks before deleting one not among them.
    drawn: Drawn,
    selected: Selected,
    /// Tells refresh that a period typed with `:period` replaces the current one.
    pending: Option<Period>,
    /// What `R` needs for a report: the inbox targets, and the brand of the filtered account
    /// as configured (its key and settings) with the folder its logo path starts from.
    targets: Targets,
    branding: Option<(String, BrandConfig)>,
    config_dir: Option<PathBuf>,
    /// What each part of the screen was read for: a key that changes one part (`m` the
    /// metric, `b` the breakdown, `c` the view) reads that part again, not the whole tab.
    read_for: ReadFor,
    /// Read the figures on a thread of their own once some are on screen (the running app
    /// turns this on; tests and `render` read inline, so they see the final figures).
    pub background: bool,
    reader: Option<Reader>,
    /// The last ask handed to the reader and not yet answered: the screen says it is reading.
    reading: Option<Ask>,
    /// Bumped by every full refresh (a write, a filter change, a tick).
    generation: u64,
}

/// The inputs each part was last read with; None: not read (or a write made it stale).
#[derive(Default)]
struct ReadFor {
    campaigns: Option<Option<i64>>,
    overview: Option<(Period, Option<i64>)>,
    trend: Option<(Period, Option<i64>, TrendMetric)>,
    breakdown: Option<(Period, Option<i64>, Breakdown)>,
}

impl AnalyticsTab {
    /// True while figures read in the background are awaited.
    pub fn reading(&self) -> bool {
        self.reading.is_some()
    }

    /// The period on screen (the last 28 days until one is chosen).
    pub fn period(&self) -> Option<Period> {
        self.period
    }

    /// `:period 2026-10-01..2026-10-31`: takes effect at the next refresh.
    pub fn set_period(&mut self, text: &str) -> Result<String, String> {
        let p = Period::parse(text)?;
        self.pending = Some(p);
        Ok(format!("period {}", p.range_text()))
    }

    fn metric(&self) -> TrendMetric {
        self.metric.unwrap_or(TrendMetric::Reach)
    }

    pub fn refresh(&mut self, ctx: &Ctx<'_>, more: bool) -> anyhow::Result<()> {
        if !more {
            // A write, a new filter or a tick: everything may have changed.
            self.read_for = ReadFor::default();
            self.generation += 1;
        }
        let today = ctx.clock.today();
        self.today = Some(today);
        self.accounts = ctx.accounts.to_vec();
        self.account = ctx.account;
        if let Some(p) = self.pending.take() {
            self.period = Some(p);
        }
        let period = *self
            .period
            .get_or_insert_with(|| Period::preset(Preset::Last28, today));
        self.labels = ctx.accounts.iter().map(|a| (a.id, a.label())).collect();
        self.targets = client::targets(&ctx.config.inbox);
        self.config_dir = ctx.config.dir.clone();
        self.branding = ctx
            .account
            .and_then(|id| ctx.accounts.iter().find(|a| a.id == id))
            .and_then(|a| Some((a.brand.clone(), ctx.config.brands.get(&a.brand)?.clone())));
        let store = ctx.store;
        if !more {
            // After a write: the campaign `u` would delete, named for its question.
            self.undo.name_doomed(|id| {
                let c = store.campaigns().get(id).ok()?;
                Some(format!("the campaign {}", c.fields.name))
            });
        }
        if self.view == View::Campaigns {
            return self.read_campaigns(ctx);
        }
        let ask = Ask {
            generation: self.generation,
            period,
            account: ctx.account,
            labels: self.labels.clone(),
            overview: self.read_for.overview != Some((period, ctx.account)),
            trend: (self.read_for.trend != Some((period, ctx.account, self.metric())))
                .then(|| self.metric()),
            breakdown: (self.read_for.breakdown != Some((period, ctx.account, self.breakdown)))
                .then_some(self.breakdown),
        };
        if !ask.overview && ask.trend.is_none() && ask.breakdown.is_none() {
            self.reading = None;
            return Ok(());
        }
        // Figures on screen and a file to read: the key answers now, the figures follow.
        if self.background
            && self.report.is_some()
            && let Some(path) = store.path()
        {
            if self.reading.as_ref() == Some(&ask) {
                return Ok(());
            }
            let reader = self
                .reader
                .get_or_insert_with(|| Reader::start(path.to_path_buf()));
            if reader.ask(ask.clone(), *ctx.clock) {
                self.reading = Some(ask);
                return Ok(());
            }
            // The thread is gone: read inline from now on.
            self.reader = None;
            self.background = false;
        }
        self.reading = None;
        let parts = reader::read(store, ctx.clock, ask)?;
        self.apply(parts);
        Ok(())
    }

    /// The campaign list and the selected campaign in full.
    fn read_campaigns(&mut self, ctx: &Ctx<'_>) -> anyhow::Result<()> {
        let store = ctx.store;
        if self.read_for.campaigns != Some(ctx.account) {
            self.campaigns = store.campaigns().summaries(ctx.account)?;
            self.read_for.campaigns = Some(ctx.account);
        }
        if let Some(id) = self.selected.borrow_mut().take()
            && let Some(i) = self.campaigns.iter().position(|c| c.id == id)
        {
            self.campaign_cursor.selected = i;
        }
        self.campaign_cursor.clamp(self.campaigns.len());
        self.detail = match self.campaigns.get(self.campaign_cursor.selected) {
            Some(c) => Some(Detail {
                campaign: store.campaigns().get(c.id)?,
                days: store
                    .campaigns()
                    .spend_days(c.id, "0000-01-01", "9999-12-31")?,
                posts: store.campaigns().posts(c.id, 20)?,
                collabs: store.campaigns().collaborations(c.id, 20)?,
            }),
            None => None,
        };
        Ok(())
    }

    /// `R`: the HTML report of the account filter and the period on screen, written into the
    /// reports folder beside the database under a name that replaces nothing.
    fn write_report(&self, period: Period) -> Outcome {
        let brand = match &self.branding {
            Some((key, cfg)) => match brand(key, Some(cfg), self.config_dir.as_deref()) {
                Ok(b) => b,
                Err(e) => return Outcome::Status(format!("config.toml: {e}")),
            },
            None => Brand::default(),
        };
        let request = Request {
            scope: self.account.into(),
            period,
            brand,
            sections: Section::ALL
                .into_iter()
                .filter(|s| *s != Section::Notes)
                .collect(),
            targets: self.targets,
            notes: None,
        };
        Outcome::Background {
            doing: format!("writing the report for {}…", period.range_text()),
            run: Box::new(move |store, clock| {
                let report = client::gather(store, &request, clock)?;
                let dir = store
                    .path()
                    .and_then(|p| p.parent())
                    .map_or_else(crate::config::default_log_dir, |d| d.to_path_buf())
                    .join("reports");
                let path = client::save_html(&report, &dir)?;
                Ok(format!("report written to {}", path.display()))
            }),
        }
    }

    /// After a jump from Today: the campaign view, on that campaign (at the next read).
    pub fn select(&mut self, id: i64) {
        self.view = View::Campaigns;
        *self.selected.borrow_mut() = Some(id);
    }

    /// The campaign the campaign view's cursor is on.
    pub fn selected_campaign_id(&self) -> Option<i64> {
        (self.view == View::Campaigns)
            .then(|| self.selected_campaign().map(|c| c.id))
            .flatten()
    }

    fn selected_campaign(&self) -> Option<&CampaignSummary> {
        self.campaigns.get(self.campaign_cursor.selected)
    }

    fn form(&self, c: Option<Campaign>) -> Outcome {
        let today = self
            .today
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        Outcome::Form(Box::new(CampaignForm::new(
            c,
            self.accounts.clone(),
            self.account,
            today,
            self.undo.clone(),
            Rc::clone(&self.selected),
        )))
    }

    pub fn handle(&mut self, action: &Action) -> Outcome {
        let today = self
            .today
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let period = self
            .period
            .unwrap_or_else(|| Period::preset(Preset::Last28, today));
        match action {
            Action::CyclePeriod => {
                self.period = Some(Period::preset(period.preset.next(), today));
                Outcome::Fetch
            }
            Action::PrevPeriod => {
                self.period = Some(period.shift(-1));
                Outcome::Fetch
            }
            Action::NextPeriod => {
                self.period = Some(period.shift(1));
                Outcome::Fetch
            }
            Action::CycleMetric => {
                self.metric = Some(self.metric().next());
                Outcome::Fetch
            }
            Action::CycleBreakdown => {
                self.breakdown = self.breakdown.next();
                Outcome::Fetch
            }
            Action::CampaignView => {
                self.view = match self.view {
                    View::Overview => View::Campaigns,
                    View::Campaigns => View::Overview,
                };
                Outcome::Fetch
            }
            Action::Back if self.view == View::Campaigns => {
                self.view = View::Overview;
                Outcome::Fetch
            }
            Action::WriteReport => self.write_report(period),
            Action::New => self.form(None),
            Action::Edit => match &self.detail {
                Some(d) if self.view == View::Campaigns => self.form(Some(d.campaign.clone())),
                _ => Outcome::Status(
                    "press c for the campaigns, then e edits the selected one".into(),
                ),
            },
            Action::Delete => match self.selected_campaign() {
                Some(c) if self.view == View::Campaigns => Outcome::Confirm {
                    text: format!(
                        "Delete campaign {:?}? Its spend rows go with it; posts stay (u undoes)",
                        c.name
                    ),
                    ask: super::Question::Analytics(Question::Delete(c.id)),
                },
                _ => Outcome::Status(
                    "press c for the campaigns, then D deletes the selected one".into(),
                ),
            },
            Action::Undo | Action::Redo => {
                let redo = *action == Action::Redo;
                let outcome = self.undo.travel_or_ask(redo, &self.drawn, |id| {
                    super::Question::Analytics(Question::Undo { id, redo })
                });
                if matches!(outcome, Outcome::Write(_)) {
                    self.follow_undo(redo);
                }
                outcome
            }
            Action::Open => match self.view {
                View::Overview => match self.ranked.get(self.posts_cursor.selected) {
                    Some(r) => Outcome::Jump(Jump {
                        tab: TabId::Calendar,
                        id: Some(r.post.id),
                    }),
                    None => Outcome::Status("no posts with metrics in this period".into()),
                },
                View::Campaigns => match self.detail.as_ref().and_then(|d| d.posts.first()) {
                    Some(p) => Outcome::Jump(Jump {
                        tab: TabId::Calendar,
                        id: Some(p.id),
                    }),
                    None => Outcome::Status("no posts linked to this campaign yet".into()),
                },
            },
            a => match self.view {
                View::Overview => {
                    if self.posts_cursor.apply(a, self.ranked.len()) {
                        Outcome::Handled
                    } else {
                        Outcome::Ignored
                    }
                }
                View::Campaigns => {
                    let before = self.campaign_cursor.selected;
                    if !self.campaign_cursor.apply(a, self.campaigns.len()) {
                        Outcome::Ignored
                    } else if before == self.campaign_cursor.selected {
                        Outcome::Handled
                    } else {
                        Outcome::Reload
                    }
                }
            },
        }
    }

    /// The answer to a question the tab asked.
    /// Selects, once written, the campaign the next undo (or redo) touches.
    fn follow_undo(&self, redo: bool) {
        *self.selected.borrow_mut() = if redo {
            self.undo.redo_focus()
        } else {
            self.undo.undo_focus()
        };
    }

    pub fn answer(&mut self, q: Question, answer: Answer) -> Outcome {
        match (q, answer) {
            (Question::Undo { id, redo }, Answer::Yes) => {
                self.follow_undo(redo);
                self.undo.confirmed(redo, id)
            }
            (Question::Delete(id), Answer::Yes) => {
                let undo = self.undo.clone();
                Outcome::Write(Box::new(move |store, _clock| {
                    let gone = store.campaigns().delete(id)?;
                    let name = gone.campaign.fields.name.clone();
                    undo.record(CampaignStep {
                        what: "campaign delete",
                        change: Change::Deleted(Box::new(gone)),
                    });
                    Ok(format!("campaign {name} deleted · u undoes"))
                }))
            }
            _ => Outcome::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakdowns_cycle_back_to_off() {
        let mut b = Breakdown::Off;
        for _ in 0..5 {
            b = b.next();
        }
        assert_eq!(b, Breakdown::Off);
    }
}
