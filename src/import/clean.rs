//! Text from an export is cleaned once, here, before anything is stored: NUL bytes (SQLite's
//! C API would cut the text at one), control characters and bidi overrides (`text::clean`).
//! Every screen and command then shows the same, safe text.

use super::records::{Identity, Parsed};
use crate::text::clean_owned;

fn s(v: &mut String) {
    *v = clean_owned(std::mem::take(v));
}

fn opt(v: &mut Option<String>) {
    if let Some(x) = v {
        s(x);
    }
}

fn who(i: &mut Identity) {
    opt(&mut i.id);
    opt(&mut i.handle);
    opt(&mut i.name);
}

/// Cleans every text field of a parsed file in place.
pub fn parsed(p: &mut Parsed) {
    let a = &mut p.account;
    opt(&mut a.external_id);
    opt(&mut a.handle);
    opt(&mut a.display_name);
    a.self_names.iter_mut().for_each(s);
    a.candidates.iter_mut().for_each(who);
    for post in &mut p.posts {
        s(&mut post.external_id);
        s(&mut post.title);
        s(&mut post.caption);
        opt(&mut post.permalink);
    }
    for item in &mut p.inbox {
        s(&mut item.external_id);
        opt(&mut item.thread_key);
        opt(&mut item.post_external_id);
        who(&mut item.author);
        s(&mut item.body);
    }
    for r in &mut p.rejects {
        s(&mut r.raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::records::InboxRec;

    #[test]
    fn every_text_field_is_cleaned() {
        let mut p = Parsed::default();
        p.account.display_name = Some("Lumen\u{202E}".into());
        p.inbox.push(InboxRec {
            line: 2,
            kind: crate::domain::InboxKind::Comment,
            external_id: "1\0".into(),
            thread_key: None,
            post_external_id: None,
            author: Identity {
                name: Some("\u{1b}]0;pwned\u{7}Ann".into()),
                ..Default::default()
            },
            body: "hi\0 there\u{1b}[2J".into(),
            received_at: 0,
            from_self: None,
            hidden: false,
            system: false,
            read: None,
        });
        parsed(&mut p);
        assert_eq!(p.account.display_name.as_deref(), Some("Lumen"));
        let item = &p.inbox[0];
        assert_eq!(item.external_id, "1");
        assert_eq!(item.author.name.as_deref(), Some("]0;pwnedAnn"));
        assert_eq!(item.body, "hi there[2J");
    }
}
