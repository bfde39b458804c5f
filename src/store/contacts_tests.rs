//! Tests of the contacts store: list pages in every sort, search, the writes and their undo,
//! the kept columns, late deliverables.

use crate::domain::{Channel, ContactSort, Stage};
use crate::store::{
    ContactFilter, ContactRow, Handle, NewCollaboration, NewContact, Store, StoreError,
};

fn person(name: &str, handle: &str, followers: Option<i64>) -> NewContact {
    NewContact {
        name: name.into(),
        handles: vec![Handle {
            platform: "instagram".into(),
            handle: handle.into(),
            followers,
            engagement_rate: followers.map(|f| (f % 7) as f64 / 100.0),
        }],
        ..Default::default()
    }
}

/// Walks every page of a sort, `size` rows at a time.
fn walk(store: &Store, filter: &ContactFilter, sort: ContactSort, size: usize) -> Vec<ContactRow> {
    let mut all: Vec<ContactRow> = Vec::new();
    loop {
        let after = all.last().map(|r| r.cursor(sort));
        let page = store
            .contacts()
            .page(filter, sort, after.as_ref(), size)
            .unwrap();
        let done = page.len() < size;
        all.extend(page);
        if done {
            return all;
        }
    }
}

#[test]
fn every_sort_pages_through_everyone_once_in_order() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    for i in 0..23i64 {
        // Every third has no followers known, so that each sort has a half without a value.
        let followers = (i % 3 != 0).then_some(1_000 + (i * 7919) % 5_000);
        let mut p = person(
            &format!("P{:02}", (i * 11) % 23),
            &format!("p{i}"),
            followers,
        );
        p.follow_up_on = (i % 2 == 0).then(|| format!("2026-12-{:02}", 1 + i % 9));
        c.create(&p, 100 + i).unwrap();
    }
    let all = ContactFilter::default();
    let by_name = walk(&store, &all, ContactSort::Name, 5);
    let mut names: Vec<&str> = by_name.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), 23);
    let shown = names.clone();
    names.sort();
    assert_eq!(shown, names);

    let by_followers = walk(&store, &all, ContactSort::Followers, 4);
    assert_eq!(by_followers.len(), 23);
    let known: Vec<i64> = by_followers.iter().map_while(|r| r.followers).collect();
    assert_eq!(known.len(), 15, "the known ones first");
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{known:?}");
    assert!(by_followers[15..].iter().all(|r| r.followers.is_none()));

    let by_follow_up = walk(&store, &all, ContactSort::FollowUp, 3);
    let days: Vec<&str> = by_follow_up
        .iter()
        .filter_map(|r| r.follow_up_on.as_deref())
        .collect();
    assert_eq!(days.len(), 12);
    assert!(days.windows(2).all(|w| w[0] <= w[1]));
    let mut ids: Vec<i64> = by_follow_up.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 23, "nobody twice, nobody missing");
}

#[test]
fn filters_narrow_and_count() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let mut a = person("Anna", "anna", Some(10));
    a.niche = "Food".into();
    a.stage = "negotiating".into();
    a.follow_up_on = Some("2026-11-20".into());
    c.create(&a, 1).unwrap();
    let mut b = person("Bob", "bob", Some(20));
    b.handles[0].platform = "tiktok".into();
    b.niche = "food".into();
    b.follow_up_on = Some("2026-11-20".into());
    b.stage = "declined".into();
    c.create(&b, 1).unwrap();
    c.create(&person("Cleo", "cleo", None), 1).unwrap();
    let count = |f: ContactFilter| c.count_matching(&f).unwrap();
    assert_eq!(count(ContactFilter::default()), 3);
    let food = ContactFilter {
        niche: Some("FOOD".into()),
        ..Default::default()
    };
    assert_eq!(count(food), 2);
    let tiktok = ContactFilter {
        platform: Some("tiktok".into()),
        ..Default::default()
    };
    assert_eq!(count(tiktok), 1);
    let due = ContactFilter {
        due_by: Some("2026-11-25".into()),
        ..Default::default()
    };
    assert_eq!(count(due), 1, "a declined contact owes no follow-up");
    let stages = c.count_by_stage(&ContactFilter::default()).unwrap();
    assert_eq!(stages.len(), Stage::ALL.len());
    let of = |s: Stage| stages.iter().find(|(x, _)| *x == s).unwrap().1;
    assert_eq!(
        (of(Stage::Prospect), of(Stage::Negotiating), of(Stage::Paid)),
        (1, 1, 0)
    );
}

#[test]
fn search_is_fuzzy_over_name_handles_niche_and_notes() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let mut o = person("Олена Коваль", "olena.cooks", Some(5));
    o.notes = "prefers Telegram".into();
    c.create(&o, 1).unwrap();
    c.create(&person("Oleg Novak", "oleg_rides", Some(5)), 1)
        .unwrap();
    c.create(&person("Ann", "a_l_e_n_a", Some(5)), 1).unwrap();
    let names = |q: &str| -> Vec<String> {
        let (rows, _) = c.search(&ContactFilter::default(), q, 10).unwrap();
        rows.into_iter().map(|r| r.name).collect()
    };
    assert_eq!(names("ОЛЕНА"), ["Олена Коваль"]);
    assert_eq!(names("telegram"), ["Олена Коваль"]);
    assert_eq!(names("rides"), ["Oleg Novak"]);
    let olena = names("olena");
    assert_eq!(olena.len(), 2, "{olena:?}");
    assert_eq!(olena[0], "Олена Коваль", "a tight match ranks first");
    assert!(names("zzz").is_empty());
    assert_eq!(names("10*").len(), 0, "GLOB wildcards are literal");
}

#[test]
fn a_stage_move_logs_an_interaction_and_undo_takes_both_back() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let mut p = person("Mia", "mia", Some(1));
    p.stage = "contacted".into();
    let (id, _) = c.create(&p, 10).unwrap();
    let step = c.step_stage(id, true, 20).unwrap().unwrap();
    assert!(
        step.label.contains("contacted → negotiating"),
        "{}",
        step.label
    );
    let d = c.detail(id).unwrap();
    assert_eq!(d.stage, "negotiating");
    assert_eq!(d.interactions[0].channel, "stage");
    assert_eq!(d.interactions[0].note, "stage: contacted → negotiating");
    assert_eq!(d.last_contact_at, None, "a stage move is not a contact");
    let redo = c.undo(&step).unwrap();
    let d = c.detail(id).unwrap();
    assert_eq!((d.stage.as_str(), d.interactions.len()), ("contacted", 0));
    c.undo(&redo).unwrap();
    assert_eq!(c.detail(id).unwrap().stage, "negotiating", "redo");
    // Off the end of the pipeline nothing happens and no step is taken.
    c.move_stage(id, Stage::Paid, 30).unwrap().unwrap();
    assert!(c.step_stage(id, true, 40).unwrap().is_none());
    assert!(c.move_stage(id, Stage::Paid, 40).unwrap().is_none());
}

#[test]
fn delete_and_its_undo_bring_back_every_row_with_its_id() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let (id, created) = c.create(&person("Zoe", "zoe", Some(900)), 10).unwrap();
    assert!(created.created());
    c.log_interaction(id, Channel::Call, "agreed on a reel", 50)
        .unwrap();
    c.set_rate(id, "Reel", Some(20_000), "usd")
        .unwrap()
        .unwrap();
    let collab = NewCollaboration {
        deliverable: "1 reel".into(),
        due_on: Some("2026-12-01".into()),
        fee_minor: Some(20_000),
        ..Default::default()
    };
    let (k, _) = c.add_collaboration(id, &collab, 60).unwrap();
    let before = c.detail(id).unwrap();
    let step = c.delete(id).unwrap();
    assert!(c.detail(id).is_err());
    c.undo(&step).unwrap();
    assert_eq!(c.detail(id).unwrap(), before);
    assert_eq!(c.collaboration(k).unwrap().deliverable, "1 reel");
    // Undoing the creation removes the contact again.
    c.undo(&created).unwrap();
    assert!(c.detail(id).is_err());
    assert_eq!(c.count().unwrap(), 0);
}

#[test]
fn writes_that_change_nothing_take_no_step() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let (id, _) = c.create(&person("Ava", "ava", Some(3)), 1).unwrap();
    let same = c.input(id).unwrap();
    assert!(c.update(id, &same, 2).unwrap().is_none());
    assert!(c.set_follow_up(id, None, 2).unwrap().is_none());
    let step = c.set_follow_up(id, Some("2026-12-03"), 2).unwrap().unwrap();
    assert!(
        c.set_follow_up(id, Some("2026-12-03"), 3)
            .unwrap()
            .is_none()
    );
    c.undo(&step).unwrap();
    assert_eq!(c.detail(id).unwrap().follow_up_on, None);
    assert!(c.set_rate(id, "post", None, "USD").unwrap().is_none());
    c.set_rate(id, "post", Some(100), "USD").unwrap().unwrap();
    assert!(c.set_rate(id, "post", Some(100), "USD").unwrap().is_none());
}

#[test]
fn bad_values_name_their_field() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let field_of = |r: Result<(i64, crate::store::ContactUndo), StoreError>| match r {
        Err(StoreError::Field { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field_of(c.create(&NewContact::default(), 1)), "name");
    let mut p = person("Eve", "eve", None);
    p.email = Some("fill in emails yourself".into());
    assert_eq!(field_of(c.create(&p, 1)), "email");
    let mut p = person("Eve", "eve", None);
    p.stage = "someday".into();
    assert_eq!(field_of(c.create(&p, 1)), "stage");
    let mut p = person("Eve", "eve", None);
    p.follow_up_on = Some("2026-02-30".into());
    assert_eq!(field_of(c.create(&p, 1)), "follow-up");
    c.create(&person("Eve", "@Eve", None), 1).unwrap();
    let err = c.create(&person("Eva", "eve", None), 1).unwrap_err();
    assert!(err.to_string().contains("belongs to Eve"), "{err}");
    assert_eq!(
        c.count().unwrap(),
        1,
        "a refused write leaves nothing behind"
    );
}

#[test]
fn costs_come_from_the_linked_post_or_the_reported_figures() {
    let mut store = Store::open_in_memory().unwrap();
    let post = {
        let mut bulk = store.bulk().unwrap();
        let account = bulk
            .ensure_account(&crate::store::NewAccount {
                platform: "instagram".into(),
                handle: "brand".into(),
                ..Default::default()
            })
            .unwrap();
        let post = bulk
            .add_post(&crate::store::NewPost {
                account_id: account,
                format: "reel".into(),
                status: "published".into(),
                ..Default::default()
            })
            .unwrap();
        bulk.post_snapshot(&crate::store::PostSnapshot {
            post_id: post,
            snapshot_on: "2026-11-20".into(),
            views: Some(40_000),
            reactions: Some(700),
            comments: Some(100),
            ..Default::default()
        })
        .unwrap();
        bulk.finish().unwrap();
        post
    };
    let c = store.contacts();
    let (id, _) = c.create(&person("Kai", "kai", Some(1)), 1).unwrap();
    // 200.00 for the linked post's 800 engagements and 40,000 views.
    let linked = NewCollaboration {
        deliverable: "reel".into(),
        fee_minor: Some(20_000),
        post_id: Some(post),
        ..Default::default()
    };
    let (k, _) = c.add_collaboration(id, &linked, 1).unwrap();
    let got = c.collaboration(k).unwrap();
    assert_eq!(got.engagements, Some(800));
    assert_eq!(got.cost_per_engagement, Some(25.0));
    assert_eq!(got.cost_per_mille, Some(500.0));
    // A barter with no fee has no cost; a fee without results has none either.
    let barter = NewCollaboration {
        deliverable: "story".into(),
        barter: "a bike".into(),
        engagements: Some(50),
        ..Default::default()
    };
    let (b, _) = c.add_collaboration(id, &barter, 1).unwrap();
    assert_eq!(c.collaboration(b).unwrap().cost_per_engagement, None);
    // Reported: 100.00 for 200 engagements. Contact: (200 + 100) / (800 + 200) = 30 cents.
    let reported = NewCollaboration {
        deliverable: "post".into(),
        fee_minor: Some(10_000),
        engagements: Some(200),
        ..Default::default()
    };
    c.add_collaboration(id, &reported, 1).unwrap();
    let d = c.detail(id).unwrap();
    assert_eq!(d.cost_per_engagement, Some(30.0));
    let row = c.row(id).unwrap().unwrap();
    assert_eq!(row.cost_per_engagement, Some(30.0), "kept for the sort");
}

#[test]
fn late_deliverables_and_payment() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let (id, _) = c.create(&person("Lea", "lea", Some(1)), 1).unwrap();
    let due = |day: &str, status: &str| NewCollaboration {
        deliverable: format!("due {day}"),
        due_on: Some(day.into()),
        status: status.into(),
        ..Default::default()
    };
    c.add_collaboration(id, &due("2026-11-20", "planned"), 1)
        .unwrap();
    c.add_collaboration(id, &due("2026-11-21", "live"), 1)
        .unwrap();
    c.add_collaboration(id, &due("2026-12-20", "late"), 1)
        .unwrap();
    let (k, _) = c
        .add_collaboration(id, &due("2026-11-30", "planned"), 1)
        .unwrap();
    let late = c.late_deliverables("2026-11-26", 10).unwrap();
    let what: Vec<&str> = late.iter().map(|l| l.deliverable.as_str()).collect();
    assert_eq!(what, ["due 2026-11-20", "due 2026-12-20"]);
    assert_eq!(c.count_late_deliverables("2026-11-26").unwrap(), 2);
    let paid = c.set_paid(k, true, 99).unwrap().unwrap();
    assert_eq!(c.collaboration(k).unwrap().paid_at, Some(99));
    assert!(c.set_paid(k, true, 100).unwrap().is_none());
    c.undo(&paid).unwrap();
    assert!(!c.collaboration(k).unwrap().paid);
}

/// Every change but a delete keeps only what it touches; its undo, then its redo, must still
/// give back every row of the contact exactly as it was (ids, derived columns, links).
#[test]
fn each_change_undone_and_redone_gives_back_every_row() {
    use super::super::contacts_undo::ContactSnapshot;
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let (id, _) = c.create(&person("Lea", "lea", Some(500)), 1).unwrap();
    for (i, note) in ["first", "second", "third"].iter().enumerate() {
        c.log_interaction(id, Channel::Email, note, 10 + i as i64)
            .unwrap();
    }
    c.set_rate(id, "reel", Some(30_000), "USD")
        .unwrap()
        .unwrap();
    let collab = NewCollaboration {
        deliverable: "1 reel".into(),
        fee_minor: Some(30_000),
        ..Default::default()
    };
    let (k, _) = c.add_collaboration(id, &collab, 20).unwrap();
    let mut edited = c.input(id).unwrap();
    edited.notes = "prefers email".into();
    edited.handles.push(Handle {
        platform: "tiktok".into(),
        handle: "lea.tt".into(),
        followers: Some(9_000),
        engagement_rate: None,
    });
    type Change<'a> = Box<dyn Fn() -> crate::store::ContactUndo + 'a>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "edit",
            Box::new(|| c.update(id, &edited, 30).unwrap().unwrap()),
        ),
        (
            "stage",
            Box::new(|| c.step_stage(id, true, 31).unwrap().unwrap()),
        ),
        (
            "interaction",
            Box::new(|| c.log_interaction(id, Channel::Call, "call", 32).unwrap()),
        ),
        (
            "follow-up",
            Box::new(|| {
                c.set_follow_up(id, Some("2026-12-09"), 33)
                    .unwrap()
                    .unwrap()
            }),
        ),
        (
            "rate",
            Box::new(|| c.set_rate(id, "story", Some(900), "USD").unwrap().unwrap()),
        ),
        (
            "collaboration",
            Box::new(|| c.add_collaboration(id, &collab, 34).unwrap().1),
        ),
        (
            "collaboration edit",
            Box::new(|| {
                let mut changed = collab.clone();
                changed.fee_minor = Some(45_000);
                c.update_collaboration(k, &changed).unwrap().unwrap()
            }),
        ),
        (
            "paid",
            Box::new(|| c.set_paid(k, true, 35).unwrap().unwrap()),
        ),
    ];
    for (what, change) in changes {
        let before = ContactSnapshot::take(c.conn(), id).unwrap();
        let step = change();
        let after = ContactSnapshot::take(c.conn(), id).unwrap();
        assert_ne!(before, after, "{what} changed something");
        let redo = c.undo(&step).unwrap();
        assert_eq!(
            ContactSnapshot::take(c.conn(), id).unwrap(),
            before,
            "{what}: undo"
        );
        c.undo(&redo).unwrap();
        assert_eq!(
            ContactSnapshot::take(c.conn(), id).unwrap(),
            after,
            "{what}: redo"
        );
    }
}

/// A stage move keeps the contact's row and the interaction it logs, not the contact's whole
/// history: its cost does not grow with the interactions logged before it.
#[test]
fn a_stage_move_keeps_no_earlier_interaction() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let (id, _) = c.create(&person("Ola", "ola", Some(5)), 1).unwrap();
    for at in 0..50 {
        c.log_interaction(id, Channel::Dm, "hi", 10 + at).unwrap();
    }
    let step = c.step_stage(id, true, 100).unwrap().unwrap();
    assert_eq!(
        step.rows_kept(),
        1,
        "the contact's row; no interaction before the move"
    );
    let redo = c.undo(&step).unwrap();
    assert_eq!(
        redo.rows_kept(),
        2,
        "the row and the one interaction the move logged"
    );
    assert_eq!(c.detail(id).unwrap().stage, "prospect");
}

/// The list's handle column is the biggest handle, kept on the contact by schema 17's triggers
/// through every way the handles change.
#[test]
fn the_biggest_handle_is_kept_through_every_change() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let top = |id| {
        let r = c.row(id).unwrap().unwrap();
        (r.top_platform, r.top_handle)
    };
    let pair = |p: &str, h: &str| (Some(p.to_string()), Some(h.to_string()));
    let (id, _) = c.create(&person("Ira", "ira", Some(100)), 1).unwrap();
    assert_eq!(top(id), pair("instagram", "ira"));
    let mut more = c.input(id).unwrap();
    more.handles.push(Handle {
        platform: "youtube".into(),
        handle: "ira.tube".into(),
        followers: Some(5_000),
        engagement_rate: None,
    });
    let step = c.update(id, &more, 2).unwrap().unwrap();
    assert_eq!(top(id), pair("youtube", "ira.tube"));
    c.undo(&step).unwrap();
    assert_eq!(top(id), pair("instagram", "ira"));
    let mut none = c.input(id).unwrap();
    none.handles.clear();
    c.update(id, &none, 3).unwrap().unwrap();
    assert_eq!(top(id), (None, None));
    let deleted = c.delete(id).unwrap();
    c.undo(&deleted).unwrap();
    assert_eq!(top(id), (None, None));
}

/// The follow-ups due are kept per day (schema 18): after every kind of change the kept sum
/// agrees with a count of the contacts themselves, for days before, on and after each one.
#[test]
fn kept_follow_ups_agree_with_the_contacts_after_every_change() {
    let store = Store::open_in_memory().unwrap();
    let c = store.contacts();
    let counted = |day: &str| -> i64 {
        c.conn()
            .query_row(
                "SELECT COUNT(*) FROM contacts WHERE follow_up_on <= ?1
                   AND stage NOT IN ('paid', 'declined')",
                [day],
                |r| r.get(0),
            )
            .unwrap()
    };
    let check = |what: &str| {
        for day in ["2026-11-01", "2026-11-20", "2026-11-25", "2026-12-31"] {
            assert_eq!(
                c.count_follow_ups_due(day).unwrap(),
                counted(day),
                "{what} · {day}"
            );
        }
    };
    let mut due = person("Due", "due", Some(1));
    due.follow_up_on = Some("2026-11-20".into());
    let (a, _) = c.create(&due, 1).unwrap();
    let (b, _) = c.create(&person("Later", "later", Some(2)), 1).unwrap();
    check("created");
    c.set_follow_up(b, Some("2026-11-25"), 2).unwrap();
    check("follow-up set");
    let paid = c.move_stage(a, Stage::Paid, 3).unwrap().unwrap();
    check("paid");
    c.undo(&paid).unwrap();
    check("paid undone");
    c.move_stage(b, Stage::Declined, 4).unwrap();
    c.move_stage(b, Stage::Contacted, 5).unwrap();
    check("declined and back");
    c.set_follow_up(a, Some("2026-11-25"), 6).unwrap();
    c.set_follow_up(b, None, 6).unwrap();
    check("moved and cleared");
    let gone = c.delete(a).unwrap();
    check("deleted");
    c.undo(&gone).unwrap();
    check("delete undone");
}
