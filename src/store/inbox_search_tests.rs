//! Tests of the open queue's search index (migration 0015): a search in the open queue finds
//! every open match, in the queue's order, page after page and backwards, and the index
//! follows every write (triage, labels, bulk actions and their undo, bulk imports whose rows
//! change before they are indexed, deletes, edits of any column that moves an item).

use rusqlite::params;

use super::super::inbox::{OPEN_KEY_IDS, index_item, index_items_after, insert_item};
use super::tests::account;
use super::*;
use crate::domain::InboxStatus;
use crate::store::{NewInboxItem, Store};

const WORDS: [&str; 5] = ["refund", "broken", "thanks", "where", "delivery"];

/// A deterministic mix: two words per body, four priorities, times that tie (so the id
/// decides), some escalated, done or hidden, some the account's own messages.
fn item(account: i64, n: i64) -> NewInboxItem {
    let w = |k: i64| WORDS[(k % 5) as usize];
    NewInboxItem {
        account_id: account,
        platform: "instagram".into(),
        kind: if n % 3 == 0 { "dm" } else { "comment" }.into(),
        external_id: format!("e{n}"),
        author_name: format!("Person {}", n % 11),
        author_handle: Some(format!("p{}", n % 11)),
        body: format!("{} and {}", w(n * 7 + 1), w(n / 3)),
        received_at: 1_000 + (n * 37) % 50,
        from_self: n % 13 == 0,
        status: ["new", "new", "new", "escalated", "done", "hidden"][(n % 6) as usize].into(),
        priority: n % 4,
        ..Default::default()
    }
}

fn seed(n: i64) -> (Store, [i64; 2]) {
    let store = Store::open_in_memory().unwrap();
    let accounts = [account(&store, "pixelbikes"), account(&store, "lumen")];
    for k in 0..n {
        store
            .inbox()
            .add(&item(accounts[(k % 2) as usize], k))
            .unwrap();
    }
    (store, accounts)
}

/// Whether a row matches a one-word search, as FTS5 reads it: a token starting with it.
fn matches(row: &InboxRow, word: &str) -> bool {
    let text = format!(
        "{} {} {} {}",
        row.author_name,
        row.author_handle.as_deref().unwrap_or(""),
        row.body,
        row.labels
    );
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| t.starts_with(word))
}

fn filter(search: &str, account: Option<i64>) -> InboxFilter {
    InboxFilter {
        view: InboxView::Open,
        account,
        search: Some(search.into()),
    }
}

/// Every page of `f`, `size` rows at a time.
fn walk(store: &Store, f: &InboxFilter, size: usize) -> Vec<i64> {
    let mut all: Vec<InboxRow> = Vec::new();
    loop {
        let after = all.last().map(|r| f.cursor(r));
        let page = store.inbox().page(f, after, size).unwrap();
        let done = page.len() < size;
        all.extend(page);
        if done {
            return all.iter().map(|r| r.id).collect();
        }
    }
}

/// The open queue read plainly (its own index, no search), then filtered here: the answer
/// every search in the open queue must give, in the same order.
fn expected(store: &Store, word: &str, account: Option<i64>) -> Vec<i64> {
    let plain = InboxFilter {
        account,
        ..Default::default()
    };
    let rows = store.inbox().page(&plain, None, 10_000).unwrap();
    rows.iter()
        .filter(|r| matches(r, word))
        .map(|r| r.id)
        .collect()
}

/// Every word, with and without an account, in pages of 1, 3 and all; backwards from the end;
/// the header's count; and the store's own check of both search indexes.
fn assert_exact(store: &Store, accounts: [i64; 2], when: &str) {
    for word in WORDS {
        for account in [None, Some(accounts[1])] {
            let want = expected(store, word, account);
            if want.is_empty() {
                assert!(account.is_some(), "{when}: {word} finds something open");
                continue;
            }
            let f = filter(word, account);
            for size in [1, 3, 500] {
                assert_eq!(walk(store, &f, size), want, "{when}: {word} by {size}");
            }
            let last = store.inbox().get(*want.last().unwrap()).unwrap();
            let before = store.inbox().page_before(&f, f.cursor(&last), 500).unwrap();
            let ids: Vec<i64> = before.iter().map(|r| r.id).collect();
            assert_eq!(ids, want[..want.len() - 1], "{when}: {word} backwards");
            let counts = store.inbox().filter_counts(&f, [0; 4]).unwrap();
            assert_eq!(counts.shown as usize, want.len(), "{when}: {word} counted");
        }
    }
    let report = store.check().unwrap();
    assert!(report.ok(), "{when}: {report:?}");
}

#[test]
fn open_search_keeps_the_queue_order_through_triage() {
    let (s, accounts) = seed(120);
    assert_exact(&s, accounts, "seeded");

    let refunds = walk(&s, &filter("refund", None), 500);
    s.inbox()
        .set_status(refunds[0], InboxStatus::Done, 5)
        .unwrap();
    s.inbox()
        .set_status(refunds[1], InboxStatus::Escalated, 5)
        .unwrap();
    s.inbox()
        .set_status_many(&refunds[2..4], InboxStatus::Spam, None, 5)
        .unwrap();
    assert_exact(&s, accounts, "triaged");
    assert!(!walk(&s, &filter("refund", None), 500).contains(&refunds[0]));

    let states = s.inbox().states(&refunds[..4]).unwrap();
    s.inbox()
        .set_status(refunds[0], InboxStatus::New, 6)
        .unwrap();
    s.inbox().restore(&states, 7).unwrap();
    assert_exact(&s, accounts, "undone");

    // A label is searchable at once, and so is its removal.
    let thanks = walk(&s, &filter("thanks", None), 500);
    let plain = thanks.iter().find(|id| !refunds.contains(id)).unwrap();
    s.inbox().set_labels(*plain, "refund,vip", 8).unwrap();
    assert!(walk(&s, &filter("refund", None), 500).contains(plain));
    assert_exact(&s, accounts, "labelled");
    s.inbox().set_labels(*plain, "", 9).unwrap();
    assert_exact(&s, accounts, "unlabelled");
}

#[test]
fn open_search_follows_bulk_actions_and_their_undo() {
    let (s, accounts) = seed(120);
    let f = filter("broken", None);
    let before = walk(&s, &f, 500);
    let step = s
        .inbox()
        .bulk_set_status(&f, InboxStatus::Spam, None, 5)
        .unwrap();
    assert_eq!(step.count, before.len());
    assert!(walk(&s, &f, 500).is_empty());
    s.inbox().bulk_restore(step.step, 6).unwrap();
    assert_eq!(walk(&s, &f, 500), before);
    let step = s.inbox().bulk_add_label(&f, "where", 7).unwrap();
    assert_eq!(step.count, before.len());
    assert_exact(&s, accounts, "bulk labelled");
}

#[test]
fn open_search_follows_edits_of_every_column_that_moves_an_item() {
    let (s, accounts) = seed(120);
    let conn = &s.conn;
    let open = expected(&s, "where", None);
    // A new priority and a new time move an item within the queue; an own message leaves it.
    conn.execute(
        "UPDATE inbox_items SET priority = 3 WHERE id = ?1",
        [open[open.len() - 1]],
    )
    .unwrap();
    conn.execute(
        "UPDATE inbox_items SET received_at = 1 WHERE id = ?1",
        [open[1]],
    )
    .unwrap();
    conn.execute(
        "UPDATE inbox_items SET from_self = 1 WHERE id = ?1",
        [open[2]],
    )
    .unwrap();
    conn.execute(
        "UPDATE inbox_items SET from_self = 0, status = 'new' WHERE from_self = 1",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE inbox_items SET body = 'thanks, delivery came', author_name = 'Zed'
          WHERE id = ?1",
        [open[3]],
    )
    .unwrap();
    assert_exact(&s, accounts, "edited");
    conn.execute(
        "DELETE FROM inbox_items WHERE id IN (?1, ?2)",
        params![open[0], open[4]],
    )
    .unwrap();
    assert_exact(&s, accounts, "deleted");
    assert!(!expected(&s, "where", None).contains(&open[0]));
}

#[test]
fn a_bulk_batch_indexes_its_rows_even_those_changed_before_it_ends() {
    let (mut s, accounts) = seed(60);
    let mark: i64 = s
        .conn
        .query_row("SELECT MAX(id) FROM inbox_items", [], |r| r.get(0))
        .unwrap();
    let bulk = s.bulk().unwrap();
    for k in 60..140 {
        bulk.add_inbox_item(&item(accounts[(k % 2) as usize], k))
            .unwrap();
    }
    // Rows of this batch change before `finish` indexes them (a conversation's newer message,
    // a rule at import): the open index must neither delete what it never held nor index a
    // row twice. (Not their text, nor a delete: the whole index's triggers expect such rows
    // indexed early, `Bulk::add_inbox_item_indexed`.)
    let c = bulk.conn();
    c.execute(
        "UPDATE inbox_items SET received_at = 5 WHERE id = ?1",
        [mark + 1],
    )
    .unwrap();
    c.execute(
        "UPDATE inbox_items SET status = 'done' WHERE id = ?1",
        [mark + 2],
    )
    .unwrap();
    c.execute(
        "UPDATE inbox_items SET status = 'new' WHERE id = ?1",
        [mark + 5],
    )
    .unwrap();
    bulk.finish().unwrap();
    assert_exact(&s, accounts, "bulk batch");
    // The batch's own indexing, run again, adds nothing twice.
    index_items_after(&s.conn, mark, true).unwrap();
    assert_exact(&s, accounts, "indexed again");
}

#[test]
fn ids_beyond_the_open_key_fall_back_to_the_whole_index() {
    let (s, accounts) = seed(60);
    let id = OPEN_KEY_IDS + 3;
    let mut big = item(accounts[0], 1);
    big.external_id = "big".into();
    big.status = "new".into();
    big.from_self = false;
    let made = insert_item(&s.conn, &big).unwrap().unwrap();
    s.conn
        .execute(
            "UPDATE inbox_items SET id = ?2 WHERE id = ?1",
            params![made, id],
        )
        .unwrap();
    index_item(&s.conn, id).unwrap();
    assert!(
        expected(&s, "refund", None).contains(&id) || expected(&s, "where", None).contains(&id)
    );
    assert_exact(&s, accounts, "big id");
}
