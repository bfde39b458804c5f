//! Kept figures are read again exactly when they could have changed: a write to one of their
//! tables on this connection, a commit on another, a rollback, the clock passing a slot.

use std::cell::Cell;

use super::*;
use crate::domain::Stage;
use crate::store::{NewAccount, NewContact, NewInboxItem, NewPost};

thread_local! {
    static READS: Cell<usize> = const { Cell::new(0) };
}

/// Counts the reads of the follow-ups count (the trace hook is a plain function).
fn count_contact_reads(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Profile(stmt, _) = event
        && stmt.sql().contains("FROM contact_follow_ups")
    {
        READS.with(|r| r.set(r.get() + 1));
    }
}

fn reads() -> usize {
    READS.with(Cell::get)
}

fn contact(store: &Store, name: &str, follow_up: &str) -> i64 {
    store
        .contacts()
        .create(
            &NewContact {
                name: name.into(),
                stage: "prospect".into(),
                follow_up_on: Some(follow_up.into()),
                handles: vec![crate::store::Handle {
                    platform: "instagram".into(),
                    handle: name.to_lowercase(),
                    followers: Some(100),
                    engagement_rate: None,
                }],
                ..Default::default()
            },
            0,
        )
        .unwrap()
        .0
}

fn post(store: &Store, account: i64, title: &str, at: i64) {
    store
        .posts()
        .add(
            &NewPost {
                account_id: account,
                title: title.into(),
                format: "post".into(),
                status: "scheduled".into(),
                scheduled_at: Some(at),
                ..Default::default()
            },
            0,
        )
        .unwrap();
}

fn account(store: &Store) -> i64 {
    store
        .accounts()
        .add(
            &NewAccount {
                platform: "instagram".into(),
                handle: "brand".into(),
                ..Default::default()
            },
            0,
        )
        .unwrap()
}

#[test]
fn a_write_to_another_table_keeps_the_figure_and_one_to_its_table_reads_it_again() {
    let store = Store::open_in_memory().unwrap();
    let acc = account(&store);
    contact(&store, "Anna", "2026-11-20");
    store.trace_statements(Some(count_contact_reads));
    let kept = store.kept();
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
    assert_eq!(reads(), 1, "the second ask is answered from what was kept");
    // An inbox write cannot move the contacts' count.
    store
        .inbox()
        .add(&NewInboxItem {
            account_id: acc,
            platform: "instagram".into(),
            kind: "comment".into(),
            external_id: "1".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
    assert_eq!(reads(), 1);
    // A contact added is counted at once.
    contact(&store, "Boris", "2026-11-25");
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 2);
    assert_eq!(reads(), 2);
    // Another day is its own figure.
    assert_eq!(kept.follow_ups_due("2026-11-21").unwrap(), 1);
    store.trace_statements(None);
}

#[test]
fn a_stage_change_is_seen() {
    let store = Store::open_in_memory().unwrap();
    let id = contact(&store, "Anna", "2026-11-20");
    let kept = store.kept();
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
    store.contacts().move_stage(id, Stage::Paid, 0).unwrap();
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 0);
    store
        .contacts()
        .move_stage(id, Stage::Contacted, 0)
        .unwrap();
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
}

/// A DELETE without WHERE may be run by SQLite as a truncation, which the update hook does not
/// hear: every kept table has what rules that out (triggers, or rows other tables refer to).
#[test]
fn deleting_every_row_of_a_kept_table_is_seen() {
    let store = Store::open_in_memory().unwrap();
    let acc = account(&store);
    let anna = contact(&store, "Anna", "2026-11-20");
    let campaign = store
        .campaigns()
        .add(
            &crate::store::NewCampaign {
                name: "Spring".into(),
                currency: "USD".into(),
                ..Default::default()
            },
            &[acc],
            0,
        )
        .unwrap();
    store
        .contacts()
        .add_collaboration(
            anna,
            &crate::store::NewCollaboration {
                campaign_id: Some(campaign),
                deliverable: "reel".into(),
                currency: "USD".into(),
                status: "planned".into(),
                ..Default::default()
            },
            0,
        )
        .unwrap();
    post(&store, acc, "one", 1_000);
    // Children first, so that each DELETE is the table's own.
    let order = [
        Table::Collaborations,
        Table::ContactHandles,
        Table::Posts,
        Table::Campaigns,
        Table::Contacts,
    ];
    assert_eq!(order.len(), Table::ALL.len());
    store.changes.hook(&store.conn).unwrap();
    for table in order {
        let before = store.changes.stamp(&store.conn, &[table]).unwrap();
        let n = store
            .conn
            .execute(&format!("DELETE FROM {}", table.name()), [])
            .unwrap();
        assert!(n > 0, "{} had rows", table.name());
        let after = store.changes.stamp(&store.conn, &[table]).unwrap();
        assert!(after > before, "{}: the delete was not heard", table.name());
    }
}

#[test]
fn kept_tables_are_rowid_tables() {
    let store = Store::open_in_memory().unwrap();
    for t in Table::ALL {
        let sql: String = store
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [t.name()],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            !sql.to_uppercase().contains("WITHOUT ROWID"),
            "{}: the update hook does not see WITHOUT ROWID tables",
            t.name()
        );
    }
}

#[test]
fn another_connections_commit_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let store = Store::open(&path).unwrap();
    contact(&store, "Anna", "2026-11-20");
    assert_eq!(store.kept().follow_ups_due("2026-11-26").unwrap(), 1);
    let other = Store::open(&path).unwrap();
    contact(&other, "Boris", "2026-11-21");
    assert_eq!(store.kept().follow_ups_due("2026-11-26").unwrap(), 2);
}

#[test]
fn a_rolled_back_change_is_not_kept() {
    let store = Store::open_in_memory().unwrap();
    contact(&store, "Anna", "2026-11-20");
    let kept = store.kept();
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
    {
        let tx = store.conn.unchecked_transaction().unwrap();
        tx.execute("UPDATE contacts SET follow_up_on = NULL", [])
            .unwrap();
        // Inside the transaction the figure is read, not kept.
        assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 0);
        tx.rollback().unwrap();
    }
    assert_eq!(kept.follow_ups_due("2026-11-26").unwrap(), 1);
}

#[test]
fn overdue_posts_move_when_the_clock_passes_a_slot() {
    let store = Store::open_in_memory().unwrap();
    let acc = account(&store);
    for (title, at) in [("one", 1_000), ("two", 2_000), ("three", 3_000)] {
        post(&store, acc, title, at);
    }
    let kept = store.kept();
    let truth = |now| store.posts().count_overdue(now, None).unwrap();
    for now in [
        500, 1_000, 1_001, 1_500, 2_000, 2_001, 2_500, 3_001, 10_000, 1_500, 0,
    ] {
        assert_eq!(
            kept.overdue_posts(now, None).unwrap(),
            truth(now),
            "at {now}"
        );
        assert_eq!(
            kept.overdue_posts(now, Some(acc)).unwrap(),
            truth(now),
            "at {now}"
        );
    }
}

#[test]
fn a_kept_page_shows_a_stage_move_and_a_new_handle() {
    let store = Store::open_in_memory().unwrap();
    let anna = contact(&store, "Anna", "2026-11-20");
    let kept = store.kept();
    let filter = ContactFilter::default();
    let sort = crate::domain::ContactSort::Name;
    let page = kept.contacts_page(&filter, sort, 10).unwrap();
    assert_eq!(page[0].stage, "prospect");
    store
        .contacts()
        .move_stage(anna, Stage::Contacted, 1)
        .unwrap();
    assert_eq!(
        kept.contacts_page(&filter, sort, 10).unwrap()[0].stage,
        "contacted"
    );
    let mut input = store.contacts().input(anna).unwrap();
    input.handles.push(crate::store::Handle {
        platform: "youtube".into(),
        handle: "anna.tube".into(),
        followers: Some(1_000_000),
        engagement_rate: None,
    });
    store.contacts().update(anna, &input, 2).unwrap();
    let row = &kept.contacts_page(&filter, sort, 10).unwrap()[0];
    assert_eq!(row.top_handle.as_deref(), Some("anna.tube"));
}

/// Rows a foreign key's cascade deletes are heard too: an account's posts go with it.
#[test]
fn rows_a_cascade_deletes_are_seen() {
    let store = Store::open_in_memory().unwrap();
    let acc = account(&store);
    post(&store, acc, "one", 1_000);
    let kept = store.kept();
    assert_eq!(kept.posts_in_range(0, 2_000, None).unwrap(), 1);
    store
        .conn
        .execute("DELETE FROM accounts WHERE id = ?1", [acc])
        .unwrap();
    assert_eq!(kept.posts_in_range(0, 2_000, None).unwrap(), 0);
}
