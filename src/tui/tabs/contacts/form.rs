//! The contact form (`n`, `e`) and the collaboration form (`c`), on the shared form widget.
//! Saving checks the values the way the store will, names the field that fails and keeps the
//! form open; a save that changes nothing takes no undo step.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::ContactStep;
use crate::clock::Clock;
use crate::domain::contact::{
    handle_spec, normalize_handle, parse_count, parse_handle_spec, parse_money,
};
use crate::domain::when::parse_day;
use crate::domain::{CollabStatus, Stage};
use crate::store::{
    ContactDetail, Handle, NewCollaboration, NewContact, StoreError, checked_collaboration,
    checked_contact,
};
use crate::tui::action::Action;
use crate::tui::tabs::undo::UndoStack;
use crate::tui::tabs::{FormOverlay, FormStep, Outcome};
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::list::Reselect;

const NAME: usize = 0;
const HANDLES: usize = 1;
const STAGE: usize = 2;
const EMAIL: usize = 3;
const PHONE: usize = 4;
const MESSENGER: usize = 5;
const NICHE: usize = 6;
const LOCATION: usize = 7;
const LANGUAGE: usize = 8;
const RATING: usize = 9;
const FOLLOW_UP: usize = 10;
const NOTES: usize = 11;

/// The form's starting values for a contact.
pub(super) fn input_of(d: &ContactDetail) -> NewContact {
    NewContact {
        name: d.name.clone(),
        niche: d.niche.clone(),
        location: d.location.clone(),
        language: d.language.clone(),
        email: d.email.clone(),
        phone: d.phone.clone(),
        messenger: d.messenger.clone(),
        notes: d.notes.clone(),
        stage: d.stage.clone(),
        follow_up_on: d.follow_up_on.clone(),
        rating: d.rating,
        handles: d.handles.clone(),
    }
}

/// The handles field: `platform:handle[:followers[:er]]`, space separated; a bare handle is
/// on Instagram.
fn parse_handles(text: &str) -> Result<Vec<Handle>, String> {
    text.split_whitespace()
        .map(|spec| {
            if spec.contains(':') && !spec.contains("://") {
                let (platform, handle, followers, engagement_rate) = parse_handle_spec(spec)?;
                Ok(Handle {
                    platform,
                    handle,
                    followers,
                    engagement_rate,
                })
            } else {
                Ok(Handle {
                    platform: "instagram".into(),
                    handle: normalize_handle(spec),
                    followers: None,
                    engagement_rate: None,
                })
            }
        })
        .collect()
}

/// Which field of the form a store refusal names.
fn field_index(field: &str) -> usize {
    match field {
        "name" => NAME,
        "handle" | "platform" | "followers" | "engagement rate" => HANDLES,
        "stage" => STAGE,
        "email" => EMAIL,
        "rating" => RATING,
        "follow-up" => FOLLOW_UP,
        _ => NAME,
    }
}

pub struct ContactForm {
    id: Option<i64>,
    form: Form,
    clock: Clock,
    shared: Reselect,
    undo: UndoStack<ContactStep>,
}

impl ContactForm {
    pub fn new(
        id: Option<i64>,
        c: NewContact,
        clock: Clock,
        shared: Reselect,
        undo: UndoStack<ContactStep>,
    ) -> Self {
        let stage = Stage::parse(&c.stage).unwrap_or(Stage::Prospect);
        let handles: Vec<String> = c.handles.iter().map(handle_spec).collect();
        let ratings: Vec<String> = std::iter::once("–".to_string())
            .chain((1..=5).map(|r| "★".repeat(r)))
            .collect();
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut form = Form::new(if id.is_some() {
            "Edit contact"
        } else {
            "New contact"
        })
        .line("Name", &c.name)
        .line("Handles", &handles.join(" "))
        .choice(
            "Stage",
            Stage::ALL.iter().map(|s| s.label().to_string()).collect(),
            Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0),
        )
        .line("E-mail", &opt(&c.email))
        .line("Phone", &opt(&c.phone))
        .line("Messenger", &opt(&c.messenger))
        .line("Niche", &c.niche)
        .line("Location", &c.location)
        .line("Language", &c.language)
        .choice(
            "Rating",
            ratings,
            c.rating.unwrap_or(0).clamp(0, 5) as usize,
        )
        .line("Follow-up", &opt(&c.follow_up_on))
        .long("Notes", &c.notes);
        form.set_note(
            HANDLES,
            "ig:anna.k:12.5K:3.4% tiktok:anna; a bare handle is Instagram",
        );
        form.set_note(FOLLOW_UP, "2026-12-03, +3d, mon");
        ContactForm {
            id,
            form,
            clock,
            shared,
            undo,
        }
    }

    fn save_contact(&mut self) -> FormStep {
        let text = |i| self.form.trimmed(i);
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let handles = match parse_handles(&text(HANDLES)) {
            Ok(h) => h,
            Err(e) => {
                self.form.fail(HANDLES, e);
                return FormStep::Stay;
            }
        };
        let follow_up_on = match text(FOLLOW_UP) {
            t if t.is_empty() => None,
            t => match parse_day(&t, self.clock.today()) {
                Ok(d) => Some(d.format("%Y-%m-%d").to_string()),
                Err(e) => {
                    self.form.fail(FOLLOW_UP, e.to_string());
                    return FormStep::Stay;
                }
            },
        };
        let new = NewContact {
            name: text(NAME),
            niche: text(NICHE),
            location: text(LOCATION),
            language: text(LANGUAGE),
            email: opt(text(EMAIL)),
            phone: opt(text(PHONE)),
            messenger: opt(text(MESSENGER)),
            notes: self.form.value(NOTES).trim_end().to_string(),
            stage: Stage::ALL
                .get(self.form.chosen(STAGE))
                .map_or("prospect", |s| s.as_str())
                .to_string(),
            follow_up_on,
            rating: match self.form.chosen(RATING) {
                0 => None,
                r => Some(r as i64),
            },
            handles,
        };
        if let Err(e) = checked_contact(&new) {
            match e {
                StoreError::Field { field, message } => self.form.fail(field_index(field), message),
                other => self.form.set_error(other.to_string()),
            }
            return FormStep::Stay;
        }
        let (id, shared, undo) = (self.id, self.shared.clone(), self.undo.clone());
        FormStep::Save(Box::new(move |store, clock| {
            let contacts = store.contacts();
            let now = clock.now_ts();
            match id {
                Some(id) => {
                    shared.set(Some(id));
                    match contacts.update(id, &new, now).map_err(for_form)? {
                        Some(step) => {
                            undo.record(ContactStep(step));
                            Ok(format!("{} saved", new.name))
                        }
                        None => Ok("nothing changed".into()),
                    }
                }
                None => {
                    let (id, step) = contacts.create(&new, now).map_err(for_form)?;
                    shared.set(Some(id));
                    undo.record(ContactStep(step));
                    Ok(format!("{} added", new.name))
                }
            }
        }))
    }
}

/// What the two forms share: a shared `Form`, a save of their own, and the one long field that
/// `$EDITOR` fills.
trait SavingForm {
    const LONG: usize;
    fn form(&self) -> &Form;
    fn form_mut(&mut self) -> &mut Form;
    fn save(&mut self) -> FormStep;
}

impl<T: SavingForm> FormOverlay for T {
    fn input(&mut self, key: KeyEvent) {
        self.form_mut().input(key);
    }
    fn handle(&mut self, action: &Action) -> FormStep {
        match self.form_mut().handle(action) {
            FormEvent::Stay => FormStep::Stay,
            FormEvent::Save => self.save(),
            FormEvent::Cancel => FormStep::Close(Outcome::Status("cancelled".into())),
            FormEvent::External { text, .. } => FormStep::External(text),
        }
    }
    fn confirming(&self) -> bool {
        self.form().confirming()
    }
    fn set_external(&mut self, text: String) {
        self.form_mut().set_text(Self::LONG, &text);
    }
    fn set_error(&mut self, message: String) {
        self.form_mut().set_error(message);
    }
    fn render(&self, frame: &mut Frame<'_>, area: Rect) {
        self.form().render(frame, area, None);
    }
}

impl SavingForm for ContactForm {
    const LONG: usize = NOTES;
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn save(&mut self) -> FormStep {
        self.save_contact()
    }
}

impl SavingForm for CollabForm {
    const LONG: usize = BARTER;
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn save(&mut self) -> FormStep {
        self.save_collaboration()
    }
}

/// A refusal the form could not foresee (a handle another contact has), said plainly.
fn for_form(e: StoreError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

const DELIVERABLE: usize = 0;
const FORMAT: usize = 1;
const DUE: usize = 2;
const FEE: usize = 3;
const CURRENCY: usize = 4;
const BARTER: usize = 5;
const CAMPAIGN: usize = 6;
const STATUS: usize = 7;
const POST_LINK: usize = 8;
const VIEWS: usize = 9;
const ENGAGEMENTS: usize = 10;

pub struct CollabForm {
    contact: i64,
    campaigns: Vec<(i64, String)>,
    form: Form,
    clock: Clock,
    shared: Reselect,
    undo: UndoStack<ContactStep>,
}

impl CollabForm {
    pub fn new(
        contact: i64,
        name: &str,
        campaigns: Vec<(i64, String)>,
        clock: Clock,
        shared: Reselect,
        undo: UndoStack<ContactStep>,
    ) -> Self {
        let campaign_names: Vec<String> = std::iter::once("none".to_string())
            .chain(campaigns.iter().map(|(_, n)| n.clone()))
            .collect();
        let mut form = Form::new(format!("Collaboration with {name}"))
            .line("Deliverable", "")
            .line("Format", "")
            .line("Due", "")
            .line("Fee", "")
            .line("Currency", "USD")
            .line("Barter", "")
            .choice("Campaign", campaign_names, 0)
            .choice(
                "Status",
                CollabStatus::ALL
                    .iter()
                    .map(|s| s.as_str().to_string())
                    .collect(),
                0,
            )
            .line("Post link", "")
            .line("Views", "")
            .line("Engagements", "");
        form.set_note(DELIVERABLE, "1 reel + 3 stories");
        form.set_note(DUE, "2026-12-03, +3d, mon");
        form.set_note(BARTER, "what is exchanged instead of or beside a fee");
        form.set_note(VIEWS, "as reported, when the post is not one of ours");
        CollabForm {
            contact,
            campaigns,
            form,
            clock,
            shared,
            undo,
        }
    }

    fn save_collaboration(&mut self) -> FormStep {
        let text = |i| self.form.trimmed(i);
        let due_on = match text(DUE) {
            t if t.is_empty() => None,
            t => match parse_day(&t, self.clock.today()) {
                Ok(d) => Some(d.format("%Y-%m-%d").to_string()),
                Err(e) => {
                    self.form.fail(DUE, e.to_string());
                    return FormStep::Stay;
                }
            },
        };
        let fee_minor = match text(FEE) {
            t if t.is_empty() => None,
            t => match parse_money(&t) {
                Some(f) => Some(f),
                None => {
                    self.form
                        .fail(FEE, format!("{t:?} is not an amount like 250 or 1 500,00"));
                    return FormStep::Stay;
                }
            },
        };
        let mut counts = [None, None];
        for (slot, i) in counts.iter_mut().zip([VIEWS, ENGAGEMENTS]) {
            let t = text(i);
            if !t.is_empty() {
                match parse_count(&t) {
                    Some(n) => *slot = Some(n),
                    None => {
                        self.form.fail(i, format!("{t:?} is not a count"));
                        return FormStep::Stay;
                    }
                }
            }
        }
        let new = NewCollaboration {
            campaign_id: self
                .form
                .chosen(CAMPAIGN)
                .checked_sub(1)
                .and_then(|i| self.campaigns.get(i))
                .map(|(id, _)| *id),
            deliverable: text(DELIVERABLE),
            format: text(FORMAT),
            due_on,
            fee_minor,
            currency: text(CURRENCY),
            barter: text(BARTER),
            status: self.form.value(STATUS),
            post_link: Some(text(POST_LINK)).filter(|l| !l.is_empty()),
            post_id: None,
            views: counts[0],
            engagements: counts[1],
        };
        if let Err(e) = checked_collaboration(&new) {
            match e {
                StoreError::Field { field, message } => {
                    let i = match field {
                        "currency" => CURRENCY,
                        "fee" => FEE,
                        "due" => DUE,
                        "status" => STATUS,
                        "views" => VIEWS,
                        _ => DELIVERABLE,
                    };
                    self.form.fail(i, message);
                }
                other => self.form.set_error(other.to_string()),
            }
            return FormStep::Stay;
        }
        let (contact, shared, undo) = (self.contact, self.shared.clone(), self.undo.clone());
        FormStep::Save(Box::new(move |store, clock| {
            let (_, step) = store
                .contacts()
                .add_collaboration(contact, &new, clock.now_ts())
                .map_err(for_form)?;
            shared.set(Some(contact));
            undo.record(ContactStep(step));
            Ok(format!("collaboration added: {}", new.deliverable))
        }))
    }
}
