//! Saved Graph API responses: Facebook post comments, Instagram media comments, and Page
//! conversations (Messenger and Instagram). Times are `2026-10-01T09:02:11+0000`; text is
//! plain JSON escapes (not DYI mojibake).

use serde::Deserialize;

use crate::domain::{InboxKind, Platform};

use super::parse::{self, line_of_str, stable_id, url_segment};
use super::records::{AccountHint, FileError, Identity, InboxRec, Parsed};

const TIME: &[&str] = &["%Y-%m-%dT%H:%M:%S%z"];

#[derive(Deserialize)]
pub(super) struct Page<T> {
    #[serde(default = "Vec::new")]
    pub(super) data: Vec<T>,
    #[serde(default)]
    paging: Option<Paging>,
}

/// The top of a saved response, to tell a page (`data` + `paging`) from a single node.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    data: Option<serde::de::IgnoredAny>,
}

/// The items of a saved response: a page's `data`, a bare list, or one node saved alone
/// (`GET /{comment-id}`, `GET /{conversation-id}`).
pub(super) fn items<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<(Vec<T>, Option<Paging>), FileError> {
    if text.trim_start().starts_with('[') {
        return Ok((
            serde_json::from_str(text).map_err(|e| json_error(&e))?,
            None,
        ));
    }
    let top: Envelope = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    if top.data.is_some() {
        let page: Page<T> = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        return Ok((page.data, page.paging));
    }
    let node: T = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    Ok((vec![node], None))
}

/// A file whose items gave nothing (no comment, message or post read, none refused) is not
/// the export it looked like: refused, rather than "0 new" and a silent exit.
pub(super) fn recognised(out: Parsed, items: usize, what: &str) -> Result<Parsed, FileError> {
    if items > 0 && out.rows() == 0 && out.rejects.is_empty() {
        return Err(FileError::new(format!(
            "nothing in this JSON was recognised as {what} ({items} item(s) without the fields \
             of one); is it another Graph API response?"
        )));
    }
    Ok(out)
}

#[derive(Deserialize, Default)]
pub(super) struct Paging {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub(super) struct Who {
    #[serde(default)]
    pub(super) id: Option<String>,
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

impl Who {
    pub(super) fn identity(&self) -> Identity {
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
pub(super) struct FbComment {
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
    /// Replies, when the comment was saved with `fields=comments`.
    #[serde(default)]
    comments: Option<Page<FbComment>>,
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
    /// Graph API v2 named the participants `senders`.
    #[serde(default)]
    senders: Option<Page<Who>>,
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
    #[serde(default)]
    attachments: Option<Page<Attachment>>,
    #[serde(default)]
    sticker: Option<String>,
    #[serde(default)]
    shares: Option<Page<serde::de::IgnoredAny>>,
}

/// What a message without text carried: enough to say so (`[photo]`), never the file.
#[derive(Deserialize)]
struct Attachment {
    #[serde(default)]
    mime_type: Option<String>,
    #[serde(default)]
    image_data: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    video_data: Option<serde::de::IgnoredAny>,
}

impl Message {
    /// The text, or what a media-only message was.
    fn body(&mut self) -> String {
        if let Some(text) = self.message.take().filter(|t| !t.trim().is_empty()) {
            return text;
        }
        if let Some(a) = self.attachments.as_ref().and_then(|p| p.data.first()) {
            let mime = a.mime_type.as_deref().unwrap_or("");
            return if a.image_data.is_some() || mime.starts_with("image/") {
                "[photo]"
            } else if a.video_data.is_some() || mime.starts_with("video/") {
                "[video]"
            } else if mime.starts_with("audio/") {
                "[voice message]"
            } else {
                "[file]"
            }
            .into();
        }
        if self.sticker.is_some() {
            return "[sticker]".into();
        }
        if self.shares.as_ref().is_some_and(|p| !p.data.is_empty()) {
            return "[shared post]".into();
        }
        String::new()
    }
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

pub(super) fn time_of(text: &str, raw: Option<&str>, key: &str, out: &mut Parsed) -> Option<i64> {
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
    let (data, paging) = items::<FbComment>(text)?;
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::Facebook),
            ..Default::default()
        },
        ..Default::default()
    };
    let post_in_next = owner_in_next(paging.as_ref(), "comments");
    let n = data.len();
    out.inbox.reserve(n);
    for c in data {
        fb_comment(text, c, None, post_in_next.as_deref(), &mut out);
    }
    collect_candidates(&mut out);
    recognised(out, n, "a Facebook comment")
}

/// One Facebook comment and, nested under it, its replies. `post` is the post it is on when
/// the caller knows it (a feed), else it comes from the id (`<post id>_<comment id>`).
pub(super) fn fb_comment(
    text: &str,
    c: FbComment,
    parent: Option<&str>,
    post: Option<&str>,
    out: &mut Parsed,
) {
    let author = c.from.as_ref().map(Who::identity).unwrap_or_default();
    let body = c.message.unwrap_or_default();
    let key = c.id.clone().unwrap_or_default();
    let Some(at) = time_of(text, c.created_time.as_deref(), &key, out) else {
        return;
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
    let post_id = post
        .map(str::to_string)
        .or_else(|| external_id.split_once('_').map(|(p, _)| p.to_string()));
    let parent = parent
        .map(str::to_string)
        .or_else(|| c.parent.and_then(|p| p.id));
    out.inbox.push(comment(
        external_id.clone(),
        parent.as_deref(),
        post_id.clone(),
        author,
        body,
        at,
        c.is_hidden.unwrap_or(false),
    ));
    for r in c.comments.map(|p| p.data).unwrap_or_default() {
        fb_comment(text, r, Some(&external_id), post_id.as_deref(), out);
    }
}

/// A comment, or a reply when it has a parent (whose id is then the thread).
fn comment(
    external_id: String,
    parent: Option<&str>,
    post: Option<String>,
    author: Identity,
    body: String,
    at: i64,
    hidden: bool,
) -> InboxRec {
    InboxRec {
        line: 0,
        kind: if parent.is_some() {
            InboxKind::Reply
        } else {
            InboxKind::Comment
        },
        thread_key: Some(parent.unwrap_or(&external_id).to_string()),
        external_id,
        post_external_id: post,
        author,
        body,
        received_at: at,
        from_self: None,
        hidden,
        system: false,
        read: None,
    }
}

pub fn instagram_comments(text: &str) -> Result<Parsed, FileError> {
    let (data, _) = items::<IgComment>(text)?;
    let mut out = Parsed {
        account: AccountHint {
            platform: Some(Platform::Instagram),
            ..Default::default()
        },
        ..Default::default()
    };
    let n = data.len();
    for c in data {
        ig_comment(text, c, None, &mut out);
    }
    collect_candidates(&mut out);
    recognised(out, n, "an Instagram comment")
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
    out.inbox.push(comment(
        external_id.clone(),
        parent,
        None,
        author,
        body,
        at,
        c.hidden.unwrap_or(false),
    ));
    for r in c.replies.map(|p| p.data).unwrap_or_default() {
        ig_comment(text, r, Some(&external_id), out);
    }
}

pub fn conversations(text: &str) -> Result<Parsed, FileError> {
    let (data, paging) = items::<Conversation>(text)?;
    let mut out = Parsed::default();
    out.account.external_id = owner_in_next(paging.as_ref(), "conversations");
    let mut platform = None;
    let n = data.len();
    for conv in data {
        let thread = conv.id.clone().unwrap_or_default();
        let people = conv.participants.or(conv.senders);
        for p in people.map(|p| p.data).unwrap_or_default() {
            out.account.candidates.push(p.identity());
        }
        for mut m in conv.messages.map(|p| p.data).unwrap_or_default() {
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
            for to in m.to.take().map(|p| p.data).unwrap_or_default() {
                out.account.candidates.push(to.identity());
            }
            let body = m.body();
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
                system: false,
                read: None,
            });
        }
    }
    out.account.platform = platform.or(Some(Platform::Facebook));
    collect_candidates(&mut out);
    recognised(out, n, "a conversation message")
}

/// Everyone who wrote in the file is a candidate owner: a known account among them is it.
pub(super) fn collect_candidates(out: &mut Parsed) {
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
