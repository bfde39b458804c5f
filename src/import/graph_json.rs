//! Saved Graph API responses: Facebook post comments, Instagram media comments, and Page
//! conversations (Messenger and Instagram). Times are `2026-10-01T09:02:11+0000`; text is
//! plain JSON escapes (not DYI mojibake).

use serde::Deserialize;

use crate::domain::{InboxKind, Platform};

use super::parse::{self, line_of_str, stable_id, url_segment};
use super::records::{AccountHint, FileError, Identity, InboxRec, Parsed};

const TIME: &[&str] = &["%Y-%m-%dT%H:%M:%S%z"];

#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize, Default)]
struct Paging {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct Who {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

impl Who {
    fn identity(&self) -> Identity {
        Identity {
            id: self.id.clone(),
            handle: self.username.clone(),
            name: self.name.clone(),
        }
    }
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
struct FbComment {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    created_time: Option<String>,
    #[serde(default)]
    from: Option<Who>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    parent: Option<IdOnly>,
    #[serde(default)]
    is_hidden: Option<bool>,
}

#[derive(Deserialize)]
struct IgComment {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    timestamp: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    from: Option<Who>,
    #[serde(default)]
    hidden: Option<bool>,
    #[serde(default)]
    replies: Option<Page<IgComment>>,
}

#[derive(Deserialize)]
struct Conversation {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    participants: Option<Page<Who>>,
    #[serde(default)]
    messages: Option<Page<Message>>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    created_time: Option<String>,
    #[serde(default)]
    from: Option<Who>,
    #[serde(default)]
    to: Option<Page<Who>>,
    #[serde(default)]
    message: Option<String>,
}

/// A JSON syntax or shape error, at the line serde_json reports.
pub fn json_error(e: &serde_json::Error) -> FileError {
    let what = if e.is_eof() {
        "the JSON ends early (is the file truncated?)"
    } else {
        "not valid JSON for this export"
    };
    FileError::at(e.line().max(1), format!("{what}: {e}"))
}

/// The id after the API version in a saved `paging.next` URL, when the edge matches:
/// `…/v21.0/61571234567890/conversations?…` → the Page id.
fn owner_in_next(paging: Option<&Paging>, edge: &str) -> Option<String> {
    let next = paging?.next.as_deref()?;
    (url_segment(next, 2).as_deref() == Some(edge))
        .then(|| url_segment(next, 1))
        .flatten()
}

fn time_of(text: &str, raw: Option<&str>, key: &str, out: &mut Parsed) -> Option<i64> {
    let reason = match raw.map(|s| parse::instant(s, TIME)) {
        Some(Ok(t)) => return Some(t),
        Some(Err(e)) => e,
        None => "the time is missing".to_string(),
    };
    // Found only on failure: searching the text for every item would be quadratic.
    out.reject(line_of_str(text, key), "created_time", reason, key);
    None
}

pub fn facebook_comments(text: &str) -> Result<Parsed, FileError> {
    let page: Page<FbComment> = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::Facebook),
            ..Default::default()
        },
        ..Default::default()
    };
    let post_in_next = owner_in_next(page.paging.as_ref(), "comments");
    out.inbox.reserve(page.data.len());
    for c in page.data {
        let author = c.from.as_ref().map(Who::identity).unwrap_or_default();
        let body = c.message.unwrap_or_default();
        let key = c.id.clone().unwrap_or_default();
        let Some(at) = time_of(text, c.created_time.as_deref(), &key, &mut out) else {
            continue;
        };
        // Page comment ids are `<post id>_<comment id>`; ids are hidden from some apps, so hash.
        let external_id = c.id.unwrap_or_else(|| {
            stable_id(&[
                "fb-comment",
                author.id.as_deref().unwrap_or(""),
                &at.to_string(),
                &body,
            ])
        });
        let post = external_id
            .split_once('_')
            .map(|(p, _)| p.to_string())
            .or_else(|| post_in_next.clone());
        let parent = c.parent.and_then(|p| p.id);
        out.inbox.push(InboxRec {
            line: 0,
            kind: if parent.is_some() {
                InboxKind::Reply
            } else {
                InboxKind::Comment
            },
            thread_key: Some(parent.unwrap_or_else(|| external_id.clone())),
            external_id,
            post_external_id: post,
            author,
            body,
            received_at: at,
            from_self: None,
            hidden: c.is_hidden.unwrap_or(false),
        });
    }
    collect_candidates(&mut out);
    Ok(out)
}

pub fn instagram_comments(text: &str) -> Result<Parsed, FileError> {
    let page: Page<IgComment> = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::Instagram),
            ..Default::default()
        },
        ..Default::default()
    };
    for c in page.data {
        ig_comment(text, c, None, &mut out);
    }
    collect_candidates(&mut out);
    Ok(out)
}

fn ig_comment(text: &str, c: IgComment, parent: Option<&str>, out: &mut Parsed) {
    let mut author = c.from.as_ref().map(Who::identity).unwrap_or_default();
    if author.handle.is_none() {
        author.handle = c.username.clone();
    }
    let body = c.text.unwrap_or_default();
    let key = c.id.clone().unwrap_or_default();
    let Some(at) = time_of(text, c.timestamp.as_deref(), &key, out) else {
        return;
    };
    let external_id = c.id.unwrap_or_else(|| {
        stable_id(&[
            "ig-comment",
            author.handle.as_deref().unwrap_or(""),
            &at.to_string(),
            &body,
        ])
    });
    out.inbox.push(InboxRec {
        line: 0,
        kind: if parent.is_some() {
            InboxKind::Reply
        } else {
            InboxKind::Comment
        },
        thread_key: Some(parent.unwrap_or(&external_id).to_string()),
        external_id: external_id.clone(),
        post_external_id: None,
        author,
        body,
        received_at: at,
        from_self: None,
        hidden: c.hidden.unwrap_or(false),
    });
    for r in c.replies.map(|p| p.data).unwrap_or_default() {
        ig_comment(text, r, Some(&external_id), out);
    }
}

pub fn conversations(text: &str) -> Result<Parsed, FileError> {
    let page: Page<Conversation> = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut out = Parsed::default();
    out.account.external_id = owner_in_next(page.paging.as_ref(), "conversations");
    let mut platform = None;
    for conv in page.data {
        let thread = conv.id.clone().unwrap_or_default();
        for p in conv.participants.map(|p| p.data).unwrap_or_default() {
            out.account.candidates.push(p.identity());
        }
        for m in conv.messages.map(|p| p.data).unwrap_or_default() {
            let key = m.id.clone().unwrap_or_default();
            let Some(at) = time_of(text, m.created_time.as_deref(), &key, &mut out) else {
                continue;
            };
            let author = m.from.as_ref().map(Who::identity).unwrap_or_default();
            // Messenger ids are `m_…` with names; Instagram's are base64 with usernames.
            if platform.is_none() {
                platform = Some(if key.starts_with("m_") || author.name.is_some() {
                    Platform::Facebook
                } else {
                    Platform::Instagram
                });
            }
            for to in m.to.map(|p| p.data).unwrap_or_default() {
                out.account.candidates.push(to.identity());
            }
            let body = m.message.unwrap_or_default();
            let external_id = m.id.unwrap_or_else(|| {
                stable_id(&[
                    "conversation",
                    &thread,
                    author.id.as_deref().unwrap_or(""),
                    &at.to_string(),
                    &body,
                ])
            });
            out.inbox.push(InboxRec {
                line: 0,
                kind: InboxKind::Dm,
                external_id,
                thread_key: Some(thread.clone()).filter(|t| !t.is_empty()),
                post_external_id: None,
                author,
                body,
                received_at: at,
                from_self: None,
                hidden: false,
            });
        }
    }
    out.account.platform = platform.or(Some(Platform::Facebook));
    collect_candidates(&mut out);
    Ok(out)
}

/// Everyone who wrote in the file is a candidate owner: a known account among them is it.
fn collect_candidates(out: &mut Parsed) {
    let mut seen = std::collections::HashSet::new();
    let mut all = std::mem::take(&mut out.account.candidates);
    all.extend(out.inbox.iter().map(|i| i.author.clone()));
    for c in all {
        if (c.id.is_some() || c.handle.is_some() || c.name.is_some())
            && seen.insert((c.id.clone(), c.handle.clone()))
        {
            out.account.candidates.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn truncated_json_names_the_line() {
        let e = facebook_comments("{\n\"data\": [\n{\"id\": \"1\",").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("truncated"), "{}", e.message);
    }

    #[test]
    fn missing_ids_get_stable_hashes() {
        let j = r#"{"data":[{"created_time":"2026-10-01T09:02:11+0000","message":"hi"}]}"#;
        let a = facebook_comments(j).unwrap();
        let b = facebook_comments(j).unwrap();
        assert_eq!(a.inbox[0].external_id, b.inbox[0].external_id);
        assert!(a.inbox[0].external_id.starts_with("h:"));
    }

    #[test]
    fn a_bad_time_rejects_the_item() {
        let j = r#"{"data":[{"id":"1_2","created_time":"yesterday"},{"id":"1_3","created_time":"2026-10-01T09:02:11+0000"}]}"#;
        let p = facebook_comments(j).unwrap();
        assert_eq!((p.inbox.len(), p.rejects.len()), (1, 1));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let _ = facebook_comments(&s);
            let _ = instagram_comments(&s);
            let _ = conversations(&s);
            let wrapped = format!("{{\"data\":[{s}]}}");
            let _ = facebook_comments(&wrapped);
            let _ = instagram_comments(&wrapped);
            let _ = conversations(&wrapped);
        }
    }
}
