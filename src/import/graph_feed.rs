//! A saved Graph API `/{page-id}/feed` (or `/posts`) response: the Page's posts, each maybe
//! with its comments embedded. The posts are posts (never inbox items); the embedded comments
//! and their replies are comments on them.

use std::collections::HashSet;

use serde::Deserialize;

use crate::domain::{Platform, PostFormat};

use super::graph_json::{
    FbComment, Page, Who, collect_candidates, fb_comment, items, recognised, time_of,
};
use super::records::{AccountHint, FileError, MetricsRec, Parsed, PostRec, When};

#[derive(Deserialize)]
struct FeedPost {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    created_time: Option<String>,
    #[serde(default)]
    from: Option<Who>,
    #[serde(default)]
    message: Option<String>,
    /// "Lumen Coffee updated their cover photo": the text of a post without a message.
    #[serde(default)]
    story: Option<String>,
    #[serde(default)]
    permalink_url: Option<String>,
    #[serde(default)]
    actions: Vec<Action>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    status_type: Option<String>,
    #[serde(default)]
    likes: Option<Counted>,
    #[serde(default)]
    reactions: Option<Counted>,
    #[serde(default)]
    shares: Option<Counted>,
    #[serde(default)]
    comments: Option<CommentsEdge>,
}

#[derive(Deserialize)]
struct Action {
    #[serde(default)]
    link: Option<String>,
}

/// `{"count": 13, "data": [...]}` (old API) or `{"summary": {"total_count": 13}}`.
#[derive(Deserialize)]
struct Counted {
    #[serde(default)]
    count: Option<i64>,
    #[serde(default)]
    summary: Option<Summary>,
}

#[derive(Deserialize)]
struct Summary {
    #[serde(default)]
    total_count: Option<i64>,
}

impl Counted {
    fn total(&self) -> Option<i64> {
        self.summary
            .as_ref()
            .and_then(|s| s.total_count)
            .or(self.count)
    }
}

#[derive(Deserialize)]
struct CommentsEdge {
    #[serde(flatten)]
    page: Page<FbComment>,
    #[serde(default)]
    summary: Option<Summary>,
    #[serde(default)]
    count: Option<i64>,
}

pub fn facebook_feed(text: &str) -> Result<Parsed, FileError> {
    let (data, _) = items::<FeedPost>(text)?;
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::Facebook),
            ..Default::default()
        },
        ..Default::default()
    };
    let n = data.len();
    let mut seen = HashSet::new();
    for p in data {
        let key = p.id.clone().unwrap_or_default();
        let Some(at) = time_of(text, p.created_time.as_deref(), &key, &mut out) else {
            continue;
        };
        let Some(id) = p.id.clone().filter(|i| !i.is_empty()) else {
            out.reject(1, "id", "the post has no id", "");
            continue;
        };
        // Feed ids are `<page id>_<post id>`; the Page is the author of its own posts. The post
        // is stored by its own id, the one Business Suite exports and comment ids carry.
        let (page, id) = match id.split_once('_') {
            Some((page, post)) if !post.is_empty() => (Some(page.to_string()), post.to_string()),
            _ => (None, id),
        };
        // A feed page can list a post twice (a share and its original): once is enough.
        if !seen.insert(id.clone()) {
            continue;
        }
        if out.account.external_id.is_none() {
            out.account.external_id.clone_from(&page);
        }
        if let Some(from) = &p.from
            && from.id.is_some()
            && from.id == page
            && out.account.display_name.is_none()
        {
            out.account.display_name.clone_from(&from.name);
        }
        let kind = p.status_type.as_deref().or(p.kind.as_deref()).unwrap_or("");
        let comments = p
            .comments
            .as_ref()
            .and_then(|c| c.summary.as_ref().and_then(|s| s.total_count).or(c.count));
        let metrics = MetricsRec {
            views_label: "views",
            reactions: p
                .reactions
                .as_ref()
                .and_then(Counted::total)
                .or_else(|| p.likes.as_ref().and_then(Counted::total)),
            comments,
            shares: p.shares.as_ref().and_then(Counted::total),
            ..Default::default()
        };
        out.posts.push(PostRec {
            line: super::parse::line_of_str(text, &id),
            external_id: id.clone(),
            title: String::new(),
            caption: p.message.or(p.story).unwrap_or_default(),
            format: if kind.contains("video") {
                PostFormat::Video
            } else {
                PostFormat::Post
            },
            published: Some(When::Utc(at)),
            permalink: p
                .permalink_url
                .or_else(|| p.actions.into_iter().find_map(|a| a.link)),
            metrics,
        });
        for c in p.comments.map(|c| c.page.data).unwrap_or_default() {
            fb_comment(text, c, None, Some(&id), &mut out);
        }
    }
    collect_candidates(&mut out);
    recognised(out, n, "a Facebook post")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn posts_are_posts_and_their_comments_comments() {
        let j = r#"{"data":[{"id":"61_1","created_time":"2026-10-01T09:02:11+0000","message":"New blend","from":{"id":"61","name":"Lumen"},"likes":{"count":3},
            "comments":{"data":[{"id":"1_7","created_time":"2026-10-01T10:00:00+0000","message":"yum","comments":{"data":[{"id":"1_8","created_time":"2026-10-01T11:00:00+0000","message":"thanks","from":{"id":"61"}}]}}]}},
            {"id":"61_1","created_time":"2026-10-01T09:02:11+0000","message":"New blend"}]}"#;
        let p = facebook_feed(j).unwrap();
        assert_eq!(p.posts.len(), 1);
        assert_eq!(p.posts[0].metrics.reactions, Some(3));
        assert_eq!(p.inbox.len(), 2);
        assert_eq!(p.posts[0].external_id, "1");
        assert!(
            p.inbox
                .iter()
                .all(|i| i.post_external_id.as_deref() == Some("1"))
        );
        assert_eq!(p.inbox[1].thread_key.as_deref(), Some("1_7"));
        assert_eq!(p.account.external_id.as_deref(), Some("61"));
        assert_eq!(p.account.display_name.as_deref(), Some("Lumen"));
        assert_eq!(
            facebook_feed(r#"{"data":[{"foo":1}]}"#)
                .unwrap()
                .rejects
                .len(),
            1
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let _ = facebook_feed(&s);
            let _ = facebook_feed(&format!("{{\"data\":[{s}]}}"));
        }
    }
}
