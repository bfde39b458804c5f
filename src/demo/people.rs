//! Demo contacts: every stage of the pipeline, handles, rates, interactions, collaborations.

use super::content::{CITIES, FIRST_NAMES, LAST_NAMES, NICHES};
use super::rng::Rng;
use super::{Plan, day_str};
use crate::clock::Clock;
use crate::domain::{CollabStatus, Stage};
use crate::store::{Bulk, NewCollaboration, NewContact, StoreResult};

const CHANNELS: &[&str] = &["email", "dm", "dm", "call", "meeting"];
const NOTES: &[&str] = &[
    "Sent the brief and the product list",
    "Asked for their media kit",
    "Agreed on 1 reel + 3 stories",
    "Waiting for the draft video",
    "Paid the invoice",
    "Обговорили умови, чекаємо відповідь",
];

pub(crate) fn contacts(
    bulk: &Bulk<'_>,
    rng: &mut Rng,
    plan: &Plan,
    campaigns: &[i64],
    clock: &Clock,
    first_number: usize,
) -> StoreResult<()> {
    let now = clock.now_ts();
    for i in first_number..first_number + plan.contacts {
        // Every stage appears: cycle through them, so even 40 people cover the pipeline.
        let stage = Stage::ALL[i % Stage::ALL.len()];
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        let niche = rng.pick(NICHES);
        let open = !stage.is_closed();
        let follow_up = open.then(|| day_str(clock, rng.range(-5, 15)));
        let id = bulk.add_contact(&NewContact {
            name: format!("{first} {last}"),
            niche: niche.to_string(),
            location: rng.pick(CITIES).to_string(),
            language: rng.pick(&["en", "uk", "pl", "de"]).to_string(),
            email: Some(format!(
                "{}.{}{i}@example.com",
                ascii_word(first),
                ascii_word(last)
            )),
            phone: rng.chance(0.5).then(|| {
                format!(
                    "+380 67 {:03} {:04}",
                    rng.range(100, 999),
                    rng.range(0, 9999)
                )
            }),
            messenger: rng
                .chance(0.5)
                .then(|| format!("@{}{}", first.to_lowercase(), i)),
            notes: String::new(),
            stage: stage.as_str().to_string(),
            follow_up_on: follow_up,
            rating: rng.chance(0.7).then(|| rng.range(1, 6)),
            handles: Vec::new(),
        })?;
        let followers = rng.range(3_000, 400_000);
        let handle = format!("{}.{}.{i}", first.to_lowercase(), niche);
        bulk.add_handle(
            id,
            "instagram",
            &handle,
            followers,
            0.01 + rng.unit() * 0.07,
        )?;
        if rng.chance(0.5) {
            bulk.add_handle(
                id,
                "tiktok",
                &handle,
                rng.range(1_000, 900_000),
                0.02 + rng.unit() * 0.1,
            )?;
        }
        // Rates scale with reach: about 10 USD per thousand followers for a post.
        let base = followers.max(5_000);
        bulk.add_rate(id, "post", base, "USD")?;
        bulk.add_rate(id, "reel", base * 2, "USD")?;
        if rng.chance(0.5) {
            bulk.add_rate(id, "story", base / 3, "USD")?;
        }
        for k in 0..rng.range(1, 5) {
            let at = now - rng.range(1, 60) * 86_400 - k * 3600;
            let (channel, note) = (*rng.pick(CHANNELS), *rng.pick(NOTES));
            bulk.add_interaction(id, at, channel, note)?;
        }
        let collab = match stage {
            Stage::Agreed => Some(CollabStatus::Planned),
            Stage::ContentLive => Some(CollabStatus::Live),
            Stage::Paid => Some(CollabStatus::Done),
            _ => None,
        };
        if let Some(status) = collab {
            let due = day_str(clock, rng.range(-20, 25));
            let paid = status == CollabStatus::Done;
            // Live and done work has results: views of about a fifth of the followers and
            // about one engagement in twenty views, as the contact would report them. Drawn
            // from the number, not the random stream, so the other demo rows stay as they were.
            let results = status != CollabStatus::Planned;
            let spread = (i as i64 * 7_919) % 5_000;
            let views = results.then(|| followers / 5 + spread);
            let collab = NewCollaboration {
                campaign_id: Some(*rng.pick(campaigns)),
                deliverable: "1 reel + 3 stories".into(),
                format: "reel".into(),
                due_on: Some(due),
                fee_minor: Some(base * 3),
                currency: "USD".into(),
                barter: if i % 3 == 0 {
                    "a bike for the shoot".into()
                } else {
                    String::new()
                },
                status: status.as_str().into(),
                post_link: results.then(|| format!("https://www.instagram.com/p/demo{i}/")),
                post_id: None,
                views,
                engagements: views.map(|v| v / 20 + spread % 200),
            };
            bulk.add_collaboration(id, &collab, paid)?;
        }
    }
    Ok(())
}

/// A name as an e-mail word: ASCII letters only (accents folded, other scripts dropped).
fn ascii_word(name: &str) -> String {
    let folded: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if folded.is_empty() {
        "contact".into()
    } else {
        folded
    }
}
