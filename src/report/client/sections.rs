//! Each section of a report as blocks: which figures it shows, in which order, formatted by
//! `domain`'s own functions (KPI display, money, percentages, change labels).

use super::blocks::{Block, Card, Cell, Chart, ChartLine, Table};
use super::model::{Line, Report, Section};
use crate::domain::age::duration;
use crate::domain::anomaly::Kind;
use crate::domain::heatmap::weekday_name;
use crate::domain::kpi::show;
use crate::domain::metrics::{engagement_rate, percent, share};
use crate::domain::period::change_label;
use crate::store::{PostPerf, Slice};
use crate::text::{one_line, truncate};

/// The blocks of `section`.
pub fn blocks(r: &Report, section: Section) -> Vec<Block> {
    let mut out = match section {
        Section::Summary => summary(r),
        Section::Growth => growth(r),
        Section::Content => content(r),
        Section::Community => community(r),
        Section::Influencers => influencers(r),
        Section::Campaigns => campaigns(r),
        Section::Notes => r.notes.iter().map(|n| Block::Notes(n.clone())).collect(),
    };
    if out.is_empty() {
        out.push(Block::Empty(format!(
            "Nothing to show for {} in this period.",
            section.title().to_lowercase()
        )));
    }
    out
}

fn summary(r: &Report) -> Vec<Block> {
    if r.is_empty() {
        let why = if r.accounts.is_empty() {
            "There are no accounts to report on yet."
        } else {
            "There is nothing to report for this period: no posts, metrics, messages, \
             collaborations or campaigns."
        };
        return vec![Block::Empty(why.to_string())];
    }
    let mut out = vec![Block::Para(format!(
        "{} to {}, compared with the {} days before ({} to {}).",
        r.period.from,
        r.period.to,
        r.period.days(),
        r.previous.from,
        r.previous.to
    ))];
    for row in &r.kpis.rows {
        let cards = row
            .compare
            .iter()
            .map(|c| Card {
                name: c.name.clone(),
                current: c.current,
                previous: c.previous,
                now_text: show(&c.name, c.current),
                before_text: show(&c.name, c.previous),
                change: c.change,
                change_text: change_label(c.change),
            })
            .collect();
        out.push(Block::Kpis {
            account_id: row.account_id,
            label: row.label.clone(),
            cards,
        });
    }
    out
}

fn chart_lines(lines: &[Line]) -> Vec<ChartLine> {
    lines
        .iter()
        .map(|l| ChartLine {
            label: l.label.clone(),
            points: l.points.clone(),
        })
        .collect()
}

fn post_title(p: &PostPerf) -> String {
    truncate(&one_line(&p.title), 70)
}

fn growth(r: &Report) -> Vec<Block> {
    let g = &r.growth;
    let mut out = Vec::new();
    if !g.followers.is_empty() {
        out.push(Block::Chart(Chart {
            id: "followers",
            title: "Followers".into(),
            from: r.period.from,
            to: r.period.to,
            lines: chart_lines(&g.followers),
            marks: Vec::new(),
            from_zero: false,
        }));
    }
    if !g.reach.is_empty() {
        // Each surge or drop marked on its account's reach line, on its peak's first day.
        let marks = g
            .events
            .iter()
            .filter_map(|m| {
                let i = g
                    .reach
                    .iter()
                    .position(|l| l.account_id == m.event.account_id)?;
                Some((i, m.event.first.parse().ok()?, m.event.kind == Kind::Surge))
            })
            .collect();
        out.push(Block::Chart(Chart {
            id: "reach",
            title: "Reach by day".into(),
            from: r.period.from,
            to: r.period.to,
            lines: chart_lines(&g.reach),
            marks,
            from_zero: true,
        }));
    }
    if !g.events.is_empty() {
        let rows = g
            .events
            .iter()
            .map(|m| {
                let e = &m.event;
                let days = if e.first == e.last {
                    e.first.clone()
                } else {
                    format!("{} – {}", e.first, e.last)
                };
                let posts: Vec<String> = m
                    .posts
                    .iter()
                    .map(|p| format!("{} ({} reach)", post_title(p), Cell::count(p.reach).text))
                    .collect();
                vec![
                    Cell::text(e.account.clone()),
                    Cell::text(if e.kind == Kind::Surge {
                        "surge"
                    } else {
                        "drop"
                    }),
                    Cell::text(days),
                    Cell::count(e.peak.round() as i64),
                    Cell::count(e.usual.round() as i64),
                    Cell::text(if posts.is_empty() {
                        "no post that day".to_string()
                    } else {
                        posts.join("; ")
                    }),
                ]
            })
            .collect();
        out.push(Block::Table(Table {
            id: "surges and drops",
            title: "Surges and drops in reach, with the posts around them".into(),
            head: vec![
                "account",
                "what",
                "days",
                "reach",
                "usual",
                "posts published",
            ],
            rows,
        }));
    }
    out
}

fn slices(id: &'static str, title: &str, key: &'static str, s: &[Slice]) -> Block {
    Block::Table(Table {
        id,
        title: title.into(),
        head: vec![key, "posts", "reach", "engagements", "ER"],
        rows: s
            .iter()
            .map(|s| {
                vec![
                    Cell::text(s.key.clone()),
                    Cell::count(s.posts),
                    Cell::count(s.reach),
                    Cell::count(s.engagements),
                    Cell::rate(engagement_rate(s.engagements, s.reach)),
                ]
            })
            .collect(),
    })
}

fn posts(r: &Report, id: &'static str, title: &str, list: &[PostPerf]) -> Block {
    Block::Table(Table {
        id,
        title: title.into(),
        head: vec!["date", "account", "post", "format", "reach", "ER", "link"],
        rows: list
            .iter()
            .map(|p| {
                vec![
                    Cell::text(r.date_of(p.published_at)),
                    Cell::text(r.account_label(p.account_id)),
                    Cell::text(post_title(p)),
                    Cell::text(p.format.clone()),
                    Cell::count(p.reach),
                    Cell::rate(engagement_rate(p.engagements, p.reach)),
                    Cell::text(p.permalink.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    })
}

fn content(r: &Report) -> Vec<Block> {
    let c = &r.content;
    let mut out = Vec::new();
    if !c.by_platform.is_empty() {
        out.push(slices(
            "by platform",
            "Posts by platform",
            "platform",
            &c.by_platform,
        ));
        out.push(slices(
            "by format",
            "Posts by format",
            "format",
            &c.by_format,
        ));
    }
    if !c.top.is_empty() {
        out.push(posts(
            r,
            "top posts",
            "Top posts by engagement rate",
            &c.top,
        ));
        out.push(posts(
            r,
            "bottom posts",
            "Bottom posts by engagement rate",
            &c.bottom,
        ));
    }
    if !c.heat.is_empty() {
        out.push(Block::Para(format!(
            "When posts work: engagement rate by weekday and hour of publication ({}), \
             over the period and the 90 days before it.",
            r.zone
        )));
        out.push(Block::Heat(c.heat.clone()));
        out.push(Block::Table(Table {
            id: "best slots",
            title: "Best weekday × hour (at least 2 posts)".into(),
            head: vec!["weekday", "hour", "posts", "ER"],
            rows: c
                .best_slots
                .iter()
                .map(|h| {
                    vec![
                        Cell::text(weekday_name(h.weekday)),
                        Cell::shown(format!("{:02}:00", h.hour), h.hour.to_string(), true),
                        Cell::count(h.posts),
                        Cell::rate(h.er()),
                    ]
                })
                .collect(),
        }));
    }
    out
}

fn community(r: &Report) -> Vec<Block> {
    let c = &r.community;
    if c.received == 0 {
        return Vec::new();
    }
    let handled: i64 = c.tallies.iter().map(|t| t.handled).sum();
    let mut out = vec![Block::Para(format!(
        "{} messages received, {} handled; {} negative.",
        c.received,
        handled,
        percent(share(c.negative, c.received))
    ))];
    out.push(Block::Table(Table {
        id: "received",
        title: "Received and handled, by account and kind".into(),
        head: vec![
            "account",
            "kind",
            "received",
            "handled",
            "negative",
            "share negative",
        ],
        rows: c
            .tallies
            .iter()
            .map(|t| {
                vec![
                    Cell::text(r.account_label(t.account_id)),
                    Cell::text(t.kind.clone()),
                    Cell::count(t.received),
                    Cell::count(t.handled),
                    Cell::count(t.negative),
                    Cell::rate(share(t.negative, t.received)),
                ]
            })
            .collect(),
    }));
    let class_name = |c: i64| match c {
        3 => "negative",
        2 => "questions",
        _ => "other",
    };
    let secs = |s: Option<i64>| match s {
        Some(v) => Cell::shown(duration(v), v.to_string(), true),
        None => Cell::none(),
    };
    if c.responses.is_empty() {
        out.push(Block::Empty(
            "No replies recorded for the messages of this period, so no response times.".into(),
        ));
    } else {
        out.push(Block::Table(Table {
            id: "first response",
            title: "First response time against the targets".into(),
            head: vec![
                "messages",
                "target",
                "answered",
                "within target",
                "median",
                "90th percentile",
            ],
            rows: c
                .responses
                .iter()
                .map(|t| {
                    vec![
                        Cell::text(class_name(t.class)),
                        secs(Some(t.target_seconds)),
                        Cell::count(t.answered),
                        Cell::rate(share(t.within_target, t.answered)),
                        secs(t.median_seconds),
                        secs(t.p90_seconds),
                    ]
                })
                .collect(),
        }));
    }
    if !c.labels.is_empty() {
        out.push(Block::Table(Table {
            id: "labels",
            title: "Top labels".into(),
            head: vec!["label", "messages"],
            rows: c
                .labels
                .iter()
                .map(|(l, n)| vec![Cell::text(l.clone()), Cell::count(*n)])
                .collect(),
        }));
    }
    out
}

fn influencers(r: &Report) -> Vec<Block> {
    if r.influencers.is_empty() {
        return Vec::new();
    }
    let late = r.influencers.iter().filter(|c| c.late).count();
    vec![
        Block::Para(format!(
            "{} collaborations in the period; {late} late.",
            r.influencers.len()
        )),
        Block::Table(Table {
            id: "collaborations",
            title: String::new(),
            head: vec![
                "contact",
                "deliverable",
                "due",
                "status",
                "fee",
                "reach",
                "engagements",
                "cost per engagement",
                "link",
            ],
            rows: r
                .influencers
                .iter()
                .map(|c| {
                    let status = if c.late && c.status != "late" {
                        format!("{} (late)", c.status)
                    } else {
                        c.status.clone()
                    };
                    vec![
                        Cell::text(c.contact.clone()),
                        Cell::text(c.deliverable.clone()),
                        Cell::text(c.due_on.clone().unwrap_or_default()),
                        Cell::text(status),
                        Cell::money(c.fee_minor, &c.currency),
                        Cell::opt_count(c.reach),
                        Cell::opt_count(c.engagements),
                        Cell::ratio(c.cpe(), &c.currency),
                        Cell::text(c.link.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
        }),
    ]
}

fn campaigns(r: &Report) -> Vec<Block> {
    if r.campaigns.is_empty() {
        return Vec::new();
    }
    let name = |c: &crate::store::CampaignSummary| Cell::text(c.name.clone());
    let plan = r
        .campaigns
        .iter()
        .map(|line| {
            let c = &line.summary;
            let dates = format!(
                "{} – {}",
                c.start_on.as_deref().unwrap_or("?"),
                c.end_on.as_deref().unwrap_or("?")
            );
            let pacing = match line.pacing_ratio {
                Some(p) => format!("{} ({})", line.pace.label(), percent(Some(p))),
                None => line.pace.label().to_string(),
            };
            let raw = line
                .pacing_ratio
                .map(|p| format!("{p:.4}"))
                .unwrap_or_default();
            vec![
                name(c),
                Cell::text(dates),
                Cell::money(c.budget_minor, &c.currency),
                Cell::money(Some(c.spend_minor), &c.currency),
                Cell::shown(pacing, raw, false),
            ]
        })
        .collect();
    let results = r
        .campaigns
        .iter()
        .map(|line| {
            let c = &line.summary;
            let cur = c.currency.as_str();
            vec![
                name(c),
                Cell::opt_count(c.impressions),
                Cell::opt_count(c.clicks),
                Cell::rate(c.ctr()),
                Cell::ratio(c.cpc(), cur),
                Cell::ratio(c.cpm(), cur),
                Cell::ratio(c.cpa(), cur),
                Cell::money(c.revenue(), cur),
                Cell::rate(c.romi()),
            ]
        })
        .collect();
    vec![
        Block::Para(format!(
            "Campaigns running in the period, with their totals to date and pace as of {}. \
             ROMI shows only where revenue is known.",
            r.made_on
        )),
        Block::Table(Table {
            id: "budget",
            title: "Budget and pacing".into(),
            head: vec!["campaign", "dates", "budget", "spend", "pacing"],
            rows: plan,
        }),
        Block::Table(Table {
            id: "results",
            title: "Results and costs".into(),
            head: vec![
                "campaign",
                "impressions",
                "clicks",
                "CTR",
                "CPC",
                "CPM",
                "CPA",
                "revenue",
                "ROMI",
            ],
            rows: results,
        }),
    ]
}
