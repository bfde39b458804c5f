use super::content::{FIRST_NAMES, LAST_NAMES, MESSAGES};
use super::posts::Published;
use super::rng::Rng;
use super::{DemoAccount, Plan};
use crate::domain::priority::{Assessment, assess};
use crate::store::{Bulk, NewInboxItem, NewMessage, StoreResult};

/// Replies the brand itself sent in conversations: they join the thread, not the queue.
const OWN_REPLIES: &[&str] = &[
    "Hi! Thanks for writing, let me check that for you.",
    "Вітаю! Зараз уточню і відпишу 🙂",
    "Здравствуйте! Уже разбираемся.",
];

pub(crate) fn inbox(
    bulk: &Bulk<'_>,
    rng: &mut Rng,
    plan: &Plan,
    accounts: &[DemoAccount],
    published: &[Published],
    now: i64,
    batch: &str,
) -> StoreResult<()> {
    // Reading a message is the same for every copy of it: assess each template once.
    let assessed: Vec<Assessment> = MESSAGES
        .iter()
        .map(|(_, _, text)| assess(text, &[]))
        .collect();
    let max_age = plan.inbox_days * 86_400;
    // Each account's published posts by time, so a comment finds its post by binary search.
    let mut by_account: Vec<Vec<(i64, i64)>> = vec![Vec::new(); accounts.len()];
    for p in published {
        by_account[p.account].push((p.at, p.id));
    }
    by_account.iter_mut().for_each(|v| v.sort_unstable());
    let mut written = 0usize;
    let mut n = 0u64;
    while written < plan.inbox {
        n += 1;
        let template = rng.range(0, MESSAGES.len() as i64) as usize;
        let (_, category, text) = MESSAGES[template];
        let a = &assessed[template];
        // A share of items arrived since yesterday (the open queue); the rest spread back.
        let age = if rng.chance(plan.recent_share) {
            rng.range(120, OPEN_WINDOW)
        } else {
            rng.range(120, max_age)
        };
        let received_at = now - age;
        let account = rng.range(0, accounts.len() as i64) as usize;
        let acc = &accounts[account];
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        let handle = format!("{}_{}", first.to_lowercase(), rng.range(1, 999));
        let kind = match rng.range(0, 100) {
            0..=59 => "comment",
            60..=84 => "dm",
            85..=94 => "mention",
            _ => "review",
        };
        let post_id = if kind == "comment" {
            latest_before(&by_account[account], received_at)
        } else {
            None
        };
        // One conversation per DM item: its item row and its messages.
        let thread_key = (kind == "dm").then(|| format!("dm:{}:{}:{n}", acc.handle, handle));
        let status = status_for(rng, category, age);
        // The number makes copies of a template distinct, like real people repeating phrases.
        let body = if rng.chance(0.5) {
            text.to_string()
        } else {
            format!("{text} #{}", n % 97)
        };
        let item = NewInboxItem {
            account_id: acc.id,
            platform: acc.platform.to_string(),
            kind: kind.to_string(),
            external_id: match &thread_key {
                Some(key) => format!("conversation:{}:{key}", acc.id),
                None => format!("{batch}-{n}"),
            },
            thread_key: thread_key.clone(),
            post_id,
            author_name: format!("{first} {last}"),
            author_handle: Some(handle),
            body,
            received_at,
            from_self: false,
            status: status.to_string(),
            priority: a.priority,
            priority_reason: a.reason.to_string(),
            sentiment: a.sentiment,
            labels: if category == "complaint" && rng.chance(0.3) {
                "billing".into()
            } else {
                String::new()
            },
        };
        let Some(id) = bulk.add_inbox_item(&item)? else {
            continue;
        };
        written += 1;
        let Some(thread_key) = thread_key else {
            continue;
        };
        let message = NewMessage {
            account_id: acc.id,
            platform: item.platform.clone(),
            thread_key,
            external_id: format!("{batch}-{n}"),
            sender_name: item.author_name.clone(),
            sender_handle: item.author_handle.clone(),
            body: item.body.clone(),
            sent_at: received_at,
            from_self: false,
            system: false,
            priority: a.priority,
            priority_reason: a.reason.to_string(),
            sentiment: a.sentiment,
        };
        bulk.add_inbox_message(id, &message)?;
        // Some conversations already have the brand's answer in them. It counts towards the
        // plan as it did when replies were rows of their own, so the random sequence, and with
        // it every other table of the demo, stays as it was.
        if status != "new" && written < plan.inbox && rng.chance(0.5) {
            let reply = NewMessage {
                external_id: format!("{batch}-{n}-reply"),
                sender_name: acc.handle.to_string(),
                sender_handle: Some(acc.handle.to_string()),
                body: rng.pick(OWN_REPLIES).to_string(),
                sent_at: received_at + rng.range(300, 7200),
                from_self: true,
                priority: 1,
                priority_reason: String::new(),
                sentiment: None,
                ..message
            };
            if bulk.add_inbox_message(id, &reply)? {
                written += 1;
            }
        }
    }
    Ok(())
}

/// Items younger than this are mostly still open.
const OPEN_WINDOW: i64 = 86_400;

/// The newest post published at or before `at`.
fn latest_before(posts: &[(i64, i64)], at: i64) -> Option<i64> {
    let n = posts.partition_point(|(t, _)| *t <= at);
    n.checked_sub(1).map(|i| posts[i].1)
}

/// Recent items are still open; older ones were handled the way their kind usually is.
fn status_for(rng: &mut Rng, category: &str, age: i64) -> &'static str {
    if age < OPEN_WINDOW || rng.chance(0.02) {
        return if category == "complaint" && rng.chance(0.1) {
            "escalated"
        } else {
            "new"
        };
    }
    match category {
        "spam" => {
            if rng.chance(0.8) {
                "spam"
            } else {
                "hidden"
            }
        }
        "complaint" if rng.chance(0.1) => "escalated",
        "neutral" if rng.chance(0.2) => "hidden",
        _ => "done",
    }
}
