//! Instagram "Download your information" JSON: the account's own comments
//! (`comments/post_comments_N.json`, `reels_comments.json`) and DM threads
//! (`messages/inbox/<thread>/message_N.json`). Every string is mojibake-repaired.

use serde::Deserialize;

use crate::domain::{InboxKind, Platform};

use super::graph_json::json_error;
use super::mojibake::fix;
use super::parse::{line_of_str, stable_id};
use super::records::{AccountHint, Ctx, FileError, Identity, InboxRec, Parsed};

#[derive(Deserialize)]
#[serde(untagged)]
enum CommentsFile {
    List(Vec<CommentEntry>),
    Reels {
        #[serde(default)]
        comments_reels_comments: Vec<CommentEntry>,
    },
}

#[derive(Deserialize)]
struct CommentEntry {
    #[serde(default)]
    string_map_data: Option<StringMap>,
}

#[derive(Deserialize, Default)]
struct StringMap {
    #[serde(rename = "Comment", default)]
    comment: Option<Value>,
    #[serde(rename = "Media Owner", default)]
    media_owner: Option<Value>,
    #[serde(rename = "Time", default)]
    time: Option<Value>,
}

#[derive(Deserialize, Default)]
struct Value {
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    timestamp: Option<i64>,
}

#[derive(Deserialize)]
struct Thread {
    #[serde(default)]
    participants: Vec<Participant>,
    messages: Vec<Msg>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    thread_path: Option<String>,
}

#[derive(Deserialize)]
struct Participant {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Msg {
    #[serde(default)]
    sender_name: Option<String>,
    #[serde(default)]
    timestamp_ms: Option<i64>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    share: Option<Share>,
    #[serde(default)]
    photos: Option<Vec<serde::de::IgnoredAny>>,
    #[serde(default)]
    videos: Option<Vec<serde::de::IgnoredAny>>,
    #[serde(default)]
    audio_files: Option<Vec<serde::de::IgnoredAny>>,
    #[serde(default)]
    gifs: Option<Vec<serde::de::IgnoredAny>>,
    #[serde(default)]
    files: Option<Vec<serde::de::IgnoredAny>>,
    #[serde(default)]
    sticker: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    call_duration: Option<i64>,
    #[serde(default)]
    is_unsent: Option<bool>,
    /// "Generic", "Share", "Call", … in older and some current downloads.
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Share {
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    share_text: Option<String>,
}

/// The handle in the download's folder name: `instagram-lumen.coffee-2026-11-20-AbCdEfGh`.
pub fn handle_from_root(root: Option<&str>) -> Option<String> {
    let rest = root?.trim_end_matches(".zip").strip_prefix("instagram-")?;
    // Handles cannot contain '-', so the handle ends at the first one.
    let handle = rest.split('-').next()?;
    (!handle.is_empty()).then(|| handle.to_string())
}

fn hint(ctx: &Ctx) -> AccountHint {
    AccountHint {
        platform: Some(Platform::Instagram),
        handle: handle_from_root(ctx.root.as_deref()),
        ..Default::default()
    }
}

/// Comments the account itself wrote on posts (its own and others'): they join threads as the
/// account's side, they are not items to triage.
pub fn comments(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let file: CommentsFile = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let entries = match file {
        CommentsFile::List(v) => v,
        CommentsFile::Reels {
            comments_reels_comments,
        } => comments_reels_comments,
    };
    let mut out = Parsed {
        account: hint(ctx),
        ..Default::default()
    };
    for e in entries {
        let m = e.string_map_data.unwrap_or_default();
        let body = fix(m.comment.and_then(|c| c.value).as_deref().unwrap_or(""));
        let owner = fix(m.media_owner.and_then(|o| o.value).as_deref().unwrap_or(""));
        let Some(at) = m.time.and_then(|t| t.timestamp) else {
            let line = line_of_str(text, body.get(..body.len().min(20)).unwrap_or(""));
            out.reject(line, "Time", "the comment has no timestamp", body);
            continue;
        };
        out.inbox.push(InboxRec {
            line: 0,
            kind: InboxKind::Comment,
            external_id: stable_id(&["ig-dyi-comment", &owner, &at.to_string(), &body]),
            thread_key: (!owner.is_empty()).then(|| format!("ig-dyi-owner:{owner}")),
            post_external_id: None,
            author: Identity {
                handle: out.account.handle.clone(),
                ..Default::default()
            },
            body,
            received_at: at,
            from_self: Some(true),
            hidden: false,
            system: false,
            read: None,
        });
    }
    Ok(out)
}

/// One DM thread file. Who "self" is comes from names the account is known by, names this
/// export marks as the owner's (the sender of "You sent an attachment."), or `--as`; the
/// participants are passed on so that the import can ask, naming them, when none is known.
pub fn messages(text: &str, ctx: &Ctx) -> Result<Parsed, FileError> {
    let thread: Thread = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let mut out = Parsed {
        account: hint(ctx),
        ..Default::default()
    };
    let participants: Vec<String> = thread
        .participants
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(fix)
        .filter(|n| !n.is_empty())
        .collect();
    for name in &participants {
        out.account.candidates.push(Identity {
            name: Some(name.clone()),
            ..Default::default()
        });
    }
    // The title names the thread as the owner sees it: the others. The one participant it
    // leaves out is probably the owner (a hint for the question, never applied unasked).
    if let Some(title) = thread.title.as_deref().map(fix) {
        let left_out: Vec<&String> = participants
            .iter()
            .filter(|n| !title.contains(n.as_str()))
            .collect();
        if let [only] = left_out.as_slice()
            && participants.len() > 1
        {
            out.account.likely_self.push((*only).clone());
        }
    }
    let path = thread
        .thread_path
        .clone()
        .or_else(|| thread.title.as_deref().map(|t| format!("title:{}", fix(t))))
        .unwrap_or_else(|| ctx.file_name.clone());
    // The file lists the newest first; keep them oldest first.
    for m in thread.messages.into_iter().rev() {
        let sender = fix(m.sender_name.as_deref().unwrap_or(""));
        let Some(ms) = m.timestamp_ms else {
            out.reject(
                line_of_str(text, "timestamp"),
                "timestamp_ms",
                "a message has no timestamp_ms",
                sender,
            );
            continue;
        };
        let line = line_of(&m);
        if line.owner_marked && !sender.is_empty() && !out.account.self_names.contains(&sender) {
            out.account.self_names.push(sender.clone());
        }
        let body = line.body;
        out.inbox.push(InboxRec {
            line: 0,
            kind: InboxKind::Dm,
            external_id: stable_id(&["ig-dyi-dm", &path, &sender, &ms.to_string(), &id_text(&m)]),
            thread_key: Some(format!("ig-dyi:{path}")),
            post_external_id: None,
            author: Identity {
                name: Some(sender).filter(|s| !s.is_empty()),
                ..Default::default()
            },
            body,
            received_at: ms.div_euclid(1000),
            from_self: line.owner_marked.then_some(true),
            hidden: false,
            system: line.system,
            read: None,
        });
    }
    Ok(out)
}

/// What a message without text carried, by the first kind of media it has. `all`: GIFs and
/// files too (earlier smmdecks knew only photos, videos and voice messages).
fn media_of(m: &Msg, all: bool) -> Option<&'static str> {
    let media = [
        (&m.photos, "[photo]"),
        (&m.videos, "[video]"),
        (&m.audio_files, "[voice message]"),
        (&m.gifs, "[GIF]"),
        (&m.files, "[file]"),
    ];
    media
        .iter()
        .take(if all { media.len() } else { 3 })
        .find(|(v, _)| v.as_ref().is_some_and(|v| !v.is_empty()))
        .map(|(_, label)| *label)
}

/// The text a message's id is made from: what earlier smmdecks stored as its body, so that a
/// download imported before messages said `[shared post]` or `[message without text]` is
/// recognised again rather than doubled.
fn id_text(m: &Msg) -> String {
    if let Some(c) = m.content.as_deref().filter(|c| !c.is_empty()) {
        return fix(c);
    }
    if let Some(s) = &m.share {
        let text = fix(s.share_text.as_deref().unwrap_or(""));
        let link = s.link.as_deref().unwrap_or("");
        return format!("[shared] {text} {link}").trim().to_string();
    }
    if let Some(label) = media_of(m, false) {
        return label.to_string();
    }
    match m.call_duration {
        Some(secs) => format!("[call, {secs} s]"),
        None => String::new(),
    }
}

/// A message as the thread shows it.
struct MsgLine {
    body: String,
    /// Written by the platform, not typed by a person.
    system: bool,
    /// The export says the owner sent it ("You sent an attachment.").
    owner_marked: bool,
}

/// What Instagram writes in `content` for things that happened rather than were said.
/// English only: the download is in the language of the owner's app, and these are the lines
/// seen in real English downloads.
fn system_text(c: &str) -> bool {
    let c = c.trim();
    let ends = |s: &str| c.ends_with(s) || c.ends_with(&format!("{s}."));
    ends("liked a message")
        || ends("sent an attachment")
        || ends("unsent a message")
        || (c.starts_with("Reacted ") || c.contains(" reacted ")) && c.contains(" to your message")
        || c.starts_with("Reacted ") && c.ends_with(" to a message")
        || [
            "started a video chat",
            "started an audio call",
            "joined the video chat",
            "joined the audio call",
            "missed a video chat",
            "missed an audio call",
            "missed a call",
            "missed your call",
            "The video chat ended",
            "The audio call ended",
            "The call ended",
            "changed the group photo",
            "named the group",
            "left the group",
        ]
        .iter()
        .any(|s| c.contains(s))
}

/// The text of a message; one without text says what it carried (a share, a photo, a call).
fn line_of(m: &Msg) -> MsgLine {
    let text = |body: &str, system: bool| MsgLine {
        body: body.to_string(),
        system,
        owner_marked: false,
    };
    if m.is_unsent == Some(true) {
        return text("[unsent message]", true);
    }
    if let Some(c) = m.content.as_deref().filter(|c| !c.trim().is_empty()) {
        let c = fix(c);
        let system = system_text(&c);
        return MsgLine {
            owner_marked: system && c.starts_with("You "),
            body: c,
            system,
        };
    }
    if let Some(s) = &m.share {
        let words = fix(s.share_text.as_deref().unwrap_or(""));
        let link = s.link.as_deref().unwrap_or("");
        let parts: Vec<&str> = ["[shared post]", words.trim(), link.trim()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        return text(&parts.join(" "), false);
    }
    if let Some(label) = media_of(m, true) {
        return text(label, false);
    }
    if m.sticker.is_some() {
        return text("[sticker]", false);
    }
    if let Some(secs) = m.call_duration {
        return text(&format!("[call, {secs} s]"), true);
    }
    match m.kind.as_deref() {
        Some("Share") => text("[shared post]", false),
        Some("Call") => text("[call]", true),
        // Something the download left out (a story reply, an expired photo).
        _ => text("[message without text]", false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx() -> Ctx {
        Ctx {
            file_name: "message_1.json".into(),
            root: Some("instagram-lumen.coffee-2026-11-20-AbC".into()),
            export_date: chrono::NaiveDate::MIN,
            ..Default::default()
        }
    }

    #[test]
    fn handle_from_the_download_folder() {
        assert_eq!(
            handle_from_root(Some("instagram-lumen.coffee-2026-11-20-AbCdEfGh")).as_deref(),
            Some("lumen.coffee")
        );
        assert_eq!(handle_from_root(Some("youtube_studio")), None);
    }

    #[test]
    fn messages_are_repaired_and_oldest_first() {
        let j = r#"{"participants":[{"name":"Zo\u00c3\u00ab"}],"messages":[
            {"sender_name":"Zo\u00c3\u00ab","timestamp_ms":2000,"content":"\u00f0\u009f\u0098\u008d"},
            {"sender_name":"Zo\u00c3\u00ab","timestamp_ms":1000,"photos":[{"uri":"x"}]}],
            "thread_path":"inbox/zoe_1"}"#;
        let p = messages(j, &ctx()).unwrap();
        assert_eq!(p.inbox[0].body, "[photo]");
        assert_eq!(p.inbox[1].body, "😍");
        assert_eq!(p.inbox[1].author.name.as_deref(), Some("Zoë"));
        assert_eq!(p.account.handle.as_deref(), Some("lumen.coffee"));
    }

    #[test]
    fn ids_stay_those_of_earlier_imports() {
        let j = r#"{"participants":[{"name":"A"},{"name":"B"}],"thread_path":"inbox/a_1","messages":[
            {"sender_name":"A","timestamp_ms":3000,"share":{"link":"https://x/p/1","share_text":"hi"}},
            {"sender_name":"A","timestamp_ms":2000,"type":"Generic"}]}"#;
        let p = messages(j, &ctx()).unwrap();
        assert_eq!(p.inbox[0].body, "[message without text]");
        assert_eq!(
            p.inbox[0].external_id,
            stable_id(&["ig-dyi-dm", "inbox/a_1", "A", "2000", ""])
        );
        assert_eq!(p.inbox[1].body, "[shared post] hi https://x/p/1");
        assert_eq!(
            p.inbox[1].external_id,
            stable_id(&[
                "ig-dyi-dm",
                "inbox/a_1",
                "A",
                "3000",
                "[shared] hi https://x/p/1"
            ])
        );
    }

    #[test]
    fn system_lines_and_the_owners_mark() {
        let j = r#"{"participants":[{"name":"Ann"},{"name":"Brand"}],"title":"Ann","messages":[
            {"sender_name":"Brand","timestamp_ms":5000,"content":"You sent an attachment."},
            {"sender_name":"Ann","timestamp_ms":4000,"content":"Reacted \u00e2\u009d\u00a4 to your message"},
            {"sender_name":"Ann","timestamp_ms":3000,"content":"ann liked a message"},
            {"sender_name":"Ann","timestamp_ms":2000,"call_duration":12},
            {"sender_name":"Ann","timestamp_ms":1000,"content":"Is it open today?"}]}"#;
        let p = messages(j, &ctx()).unwrap();
        let system: Vec<bool> = p.inbox.iter().map(|r| r.system).collect();
        assert_eq!(system, [false, true, true, true, true]);
        assert_eq!(p.inbox[1].body, "[call, 12 s]");
        assert_eq!(p.inbox[4].from_self, Some(true));
        assert_eq!(p.inbox[0].from_self, None, "only the export's mark decides");
        assert_eq!(p.account.self_names, ["Brand"]);
        // The title names the other person: the one it leaves out is probably the owner.
        assert_eq!(p.account.likely_self, ["Brand"]);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let _ = comments(&s, &ctx());
            let _ = messages(&s, &ctx());
            let _ = messages(&format!("{{\"messages\":[{s}]}}"), &ctx());
            let _ = comments(&format!("[{s}]"), &ctx());
        }
    }
}
