//! Two smmdeck processes on one database: both work, each sees the other's writes on refresh,
//! and "database is locked" never reaches the user.

use smmdeck::domain::{InboxStatus, InboxView};
use smmdeck::store::{InboxFilter, NewAccount, NewInboxItem, Store};

#[test]
fn two_instances_share_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let a = Store::open(&path).unwrap();
    let b = Store::open(&path).unwrap();
    let acc = a
        .accounts()
        .add(
            &NewAccount {
                platform: "x".into(),
                handle: "lumen".into(),
                ..Default::default()
            },
            0,
        )
        .unwrap();
    assert_eq!(b.accounts().list().unwrap().len(), 1, "b sees a's account");
    let item = NewInboxItem {
        account_id: acc,
        platform: "x".into(),
        kind: "comment".into(),
        external_id: "1".into(),
        body: "hi".into(),
        ..Default::default()
    };
    let id = b.inbox().add(&item).unwrap().unwrap();
    a.inbox().set_status(id, InboxStatus::Done, 5).unwrap();
    let done = b
        .inbox()
        .page(
            &InboxFilter {
                view: InboxView::Done,
                ..Default::default()
            },
            None,
            10,
        )
        .unwrap();
    assert_eq!(done.len(), 1);
}

#[test]
fn concurrent_writers_wait_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let setup = Store::open(&path).unwrap();
    let acc = setup
        .accounts()
        .add(
            &NewAccount {
                platform: "x".into(),
                handle: "lumen".into(),
                ..Default::default()
            },
            0,
        )
        .unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = Store::open(&path).unwrap();
                for i in 0..200 {
                    let item = NewInboxItem {
                        account_id: acc,
                        platform: "x".into(),
                        kind: "comment".into(),
                        external_id: format!("{w}-{i}"),
                        body: "hello".into(),
                        ..Default::default()
                    };
                    store.inbox().add(&item).expect("no 'database is locked'");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(setup.inbox().count_open(None).unwrap(), 400);
}
