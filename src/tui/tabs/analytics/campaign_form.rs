//! The campaign editor on the shared form (name, client, channel, dates, budget and currency,
//! goal and target, revenue per conversion, accounts), and the campaign changes as undo steps.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::clock::Clock;
use crate::domain::money::{format_amount, parse_amount};
use crate::domain::{CampaignChannel, CampaignGoal, Platform};
use crate::store::{Account, Campaign, DeletedCampaign, NewCampaign, Store};
use crate::tui::action::Action;
use crate::tui::tabs::undo::{Step, UndoStack};
use crate::tui::tabs::{FormOverlay, FormStep, Outcome};
use crate::tui::widgets::form::{Form, FormEvent};

const NAME: usize = 0;
const CLIENT: usize = 1;
const CHANNEL: usize = 2;
const START: usize = 3;
const END: usize = 4;
const BUDGET: usize = 5;
const CURRENCY: usize = 6;
const GOAL: usize = 7;
const TARGET: usize = 8;
const REVENUE: usize = 9;
const ACCOUNTS: usize = 10;

/// A change to a campaign that `u` can take back.
pub(crate) enum Change {
    Created { id: i64 },
    Edit { id: i64, before: Box<Campaign> },
    Deleted(Box<DeletedCampaign>),
}

pub(crate) struct CampaignStep {
    pub what: &'static str,
    pub change: Change,
}

impl Step for CampaignStep {
    fn name(&self) -> String {
        self.what.to_string()
    }

    fn revert(&self, store: &Store, _clock: &Clock) -> anyhow::Result<CampaignStep> {
        let c = store.campaigns();
        let change = match &self.change {
            Change::Created { id } => Change::Deleted(Box::new(c.delete(*id)?)),
            Change::Deleted(d) => {
                c.undelete(d)?;
                Change::Created { id: d.campaign.id }
            }
            Change::Edit { id, before } => Change::Edit {
                id: *id,
                before: Box::new(c.update(*id, &before.fields, &before.accounts)?),
            },
        };
        Ok(CampaignStep {
            what: self.what,
            change,
        })
    }

    fn deletes(&self) -> Option<i64> {
        match &self.change {
            Change::Created { id } => Some(*id),
            _ => None,
        }
    }

    fn focus(&self) -> Option<i64> {
        match &self.change {
            Change::Created { id } | Change::Edit { id, .. } => Some(*id),
            Change::Deleted(d) => Some(d.campaign.id),
        }
    }
}

/// Where a saved campaign should be selected (shared with the tab).
pub(crate) type Selected = Rc<RefCell<Option<i64>>>;

pub struct CampaignForm {
    id: Option<i64>,
    form: Form,
    accounts: Vec<Account>,
    undo: UndoStack<CampaignStep>,
    selected: Selected,
}

/// An account by what the user typed: `@handle`, or `ig:handle` where two platforms share
/// the handle. An unknown or ambiguous word says which accounts there are.
fn find_account<'a>(accounts: &'a [Account], word: &str) -> Result<&'a Account, String> {
    let (platform, handle) = match word.split_once(':') {
        Some((p, h)) => (Platform::parse_loose(p), h),
        None => (None, word),
    };
    let handle = handle.trim_start_matches('@');
    let found: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.handle.eq_ignore_ascii_case(handle))
        .filter(|a| platform.is_none_or(|p| Platform::parse(&a.platform) == Some(p)))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("no account {word}; there are {}", known(accounts))),
        several => Err(format!(
            "@{handle} is on {}: write {}",
            several
                .iter()
                .map(|a| Platform::badge_of(&a.platform))
                .collect::<Vec<_>>()
                .join(" and "),
            several
                .iter()
                .map(|a| format!(
                    "{}:{handle}",
                    Platform::badge_of(&a.platform).to_lowercase()
                ))
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

/// "IG @lumen.coffee · X @pixel_bikes": the accounts a campaign can run on.
fn known(accounts: &[Account]) -> String {
    accounts
        .iter()
        .map(Account::label)
        .collect::<Vec<_>>()
        .join(" · ")
}

fn handles(accounts: &[Account], ids: &[i64]) -> String {
    ids.iter()
        .filter_map(|id| accounts.iter().find(|a| a.id == *id))
        .map(|a| format!("@{}", a.handle))
        .collect::<Vec<_>>()
        .join(" ")
}

impl CampaignForm {
    /// A form for `c` (None: a new campaign starting `today` on `account`).
    pub(crate) fn new(
        c: Option<Campaign>,
        accounts: Vec<Account>,
        account: Option<i64>,
        today: NaiveDate,
        undo: UndoStack<CampaignStep>,
        selected: Selected,
    ) -> CampaignForm {
        let id = c.as_ref().map(|c| c.id);
        let (fields, linked) = match c {
            Some(c) => (c.fields, c.accounts),
            None => (
                NewCampaign {
                    channel: "paid".into(),
                    currency: "USD".into(),
                    start_on: Some(today.to_string()),
                    end_on: Some((today + chrono::Duration::days(29)).to_string()),
                    ..Default::default()
                },
                account.into_iter().collect(),
            ),
        };
        let channel = CampaignChannel::parse(&fields.channel).unwrap_or(CampaignChannel::Paid);
        let goal = CampaignGoal::parse(&fields.goal).map_or(0, |g| {
            CampaignGoal::ALL
                .iter()
                .position(|x| *x == g)
                .map_or(0, |i| i + 1)
        });
        let money = |m: Option<i64>| {
            m.map(|v| format_amount(v, &fields.currency).replace(',', ""))
                .unwrap_or_default()
        };
        let form = Form::new(if id.is_some() {
            "Edit campaign"
        } else {
            "New campaign"
        })
        .line("Name", &fields.name)
        .line("Client", &fields.client)
        .choice(
            "Channel",
            CampaignChannel::ALL.iter().map(|c| c.to_string()).collect(),
            CampaignChannel::ALL
                .iter()
                .position(|c| *c == channel)
                .unwrap_or(0),
        )
        .line("Starts", fields.start_on.as_deref().unwrap_or(""))
        .line("Ends", fields.end_on.as_deref().unwrap_or(""))
        .line("Budget", &money(fields.budget_minor))
        .line("Currency", &fields.currency)
        .choice(
            "Goal",
            std::iter::once("none".to_string())
                .chain(CampaignGoal::ALL.iter().map(|g| g.to_string()))
                .collect(),
            goal,
        )
        .line(
            "Target",
            &fields
                .goal_target
                .map(|t| t.to_string())
                .unwrap_or_default(),
        )
        .line("Revenue/conv.", &money(fields.revenue_per_conversion_minor))
        .line("Accounts", &handles(&accounts, &linked))
        .focused_on(NAME);
        CampaignForm {
            id,
            form,
            accounts,
            undo,
            selected,
        }
    }

    /// Reads and checks every field; a failure names the field and keeps the form open.
    fn values(&mut self) -> Option<(NewCampaign, Vec<i64>)> {
        let currency = self.form.trimmed(CURRENCY).to_ascii_uppercase();
        let day = |form: &mut Form, i: usize| -> Option<Option<String>> {
            let t = form.trimmed(i);
            if t.is_empty() {
                return Some(None);
            }
            match NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
                Ok(d) => Some(Some(d.to_string())),
                Err(_) => {
                    form.fail(i, format!("{t:?} is not a date; write it as 2026-12-01"));
                    None
                }
            }
        };
        let start_on = day(&mut self.form, START)?;
        let end_on = day(&mut self.form, END)?;
        let amount = |form: &mut Form, i: usize| -> Option<Option<i64>> {
            let t = form.trimmed(i);
            if t.is_empty() {
                return Some(None);
            }
            match parse_amount(&t, &currency) {
                Ok(v) => Some(Some(v)),
                Err(e) => {
                    form.fail(i, e);
                    None
                }
            }
        };
        let budget_minor = amount(&mut self.form, BUDGET)?;
        let revenue = amount(&mut self.form, REVENUE)?;
        let target = self.form.trimmed(TARGET);
        let goal_target = if target.is_empty() {
            None
        } else {
            match target.replace([',', ' '], "").parse::<i64>() {
                Ok(v) if v >= 0 => Some(v),
                _ => {
                    self.form
                        .fail(TARGET, format!("{target:?} is not a whole number"));
                    return None;
                }
            }
        };
        let mut ids = Vec::new();
        for word in self
            .form
            .trimmed(ACCOUNTS)
            .split([' ', ','])
            .filter(|w| !w.is_empty())
        {
            match find_account(&self.accounts, word) {
                Ok(a) => ids.push(a.id),
                Err(message) => {
                    self.form.fail(ACCOUNTS, message);
                    return None;
                }
            }
        }
        let goal = self
            .form
            .chosen(GOAL)
            .checked_sub(1)
            .and_then(|i| CampaignGoal::ALL.get(i))
            .map(|g| g.as_str().to_string())
            .unwrap_or_default();
        let plan = NewCampaign {
            name: self.form.trimmed(NAME),
            client: self.form.trimmed(CLIENT),
            objective: String::new(),
            channel: CampaignChannel::ALL
                .get(self.form.chosen(CHANNEL))
                .map_or("paid", |c| c.as_str())
                .to_string(),
            budget_minor,
            currency,
            start_on,
            end_on,
            goal,
            goal_target,
            revenue_per_conversion_minor: revenue,
        };
        if plan.name.is_empty() {
            self.form.fail(NAME, "a campaign needs a name");
            return None;
        }
        if plan.currency.len() != 3 || !plan.currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.form
                .fail(CURRENCY, "three letters, such as EUR or USD");
            return None;
        }
        if let (Some(s), Some(e)) = (&plan.start_on, &plan.end_on)
            && e < s
        {
            self.form.fail(END, format!("ends before it starts ({s})"));
            return None;
        }
        Some((plan, ids))
    }

    fn save(&mut self) -> FormStep {
        let Some((plan, ids)) = self.values() else {
            return FormStep::Stay;
        };
        let (id, undo, selected) = (self.id, self.undo.clone(), Rc::clone(&self.selected));
        FormStep::Save(Box::new(move |store, clock| {
            let campaigns = store.campaigns();
            match id {
                Some(id) => {
                    let before = campaigns.update(id, &plan, &ids)?;
                    *selected.borrow_mut() = Some(id);
                    if before.fields == plan && before.accounts == ids {
                        return Ok("nothing changed".into());
                    }
                    undo.record(CampaignStep {
                        what: "campaign edit",
                        change: Change::Edit {
                            id,
                            before: Box::new(before),
                        },
                    });
                    Ok(format!("campaign {} saved", plan.name))
                }
                None => {
                    let id = campaigns.add(&plan, &ids, clock.now_ts())?;
                    *selected.borrow_mut() = Some(id);
                    undo.record(CampaignStep {
                        what: "new campaign",
                        change: Change::Created { id },
                    });
                    Ok(format!("campaign {} added", plan.name))
                }
            }
        }))
    }
}

impl FormOverlay for CampaignForm {
    fn input(&mut self, key: KeyEvent) {
        self.form.input(key);
    }

    fn handle(&mut self, action: &Action) -> FormStep {
        match self.form.handle(action) {
            FormEvent::Stay | FormEvent::External { .. } => FormStep::Stay,
            FormEvent::Save => self.save(),
            FormEvent::Cancel if self.form.changed() => {
                FormStep::Close(Outcome::Status("changes discarded".into()))
            }
            FormEvent::Cancel => FormStep::Close(Outcome::Status("cancelled".into())),
        }
    }

    fn confirming(&self) -> bool {
        self.form.confirming()
    }

    fn set_external(&mut self, _text: String) {}

    fn set_error(&mut self, message: String) {
        self.form.set_error(message);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        // The accounts there are, under the field that names them by handle.
        let known = ratatui::text::Line::styled(
            format!("accounts: {}", known(&self.accounts)),
            crate::tui::theme::Theme::dim(),
        );
        self.form.render(frame, area, Some(known));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: i64, platform: &str, handle: &str) -> Account {
        Account {
            id,
            brand: "Lumen".into(),
            platform: platform.into(),
            handle: handle.into(),
            display_name: String::new(),
            external_id: None,
            timezone: None,
            target_posts_per_week: None,
        }
    }

    #[test]
    fn accounts_are_found_by_handle_and_a_shared_handle_asks_for_the_platform() {
        let all = [
            account(1, "instagram", "lumen"),
            account(2, "tiktok", "lumen"),
            account(3, "x", "pixel_bikes"),
        ];
        assert_eq!(find_account(&all, "@pixel_bikes").unwrap().id, 3);
        assert_eq!(find_account(&all, "PIXEL_BIKES").unwrap().id, 3);
        let shared = find_account(&all, "@lumen").unwrap_err();
        assert!(shared.contains("ig:lumen or tt:lumen"), "{shared}");
        assert_eq!(find_account(&all, "tt:lumen").unwrap().id, 2);
        assert_eq!(find_account(&all, "instagram:@lumen").unwrap().id, 1);
        let unknown = find_account(&all, "@nobody").unwrap_err();
        assert!(unknown.contains("X @pixel_bikes"), "{unknown}");
    }
}
