//! vCard 4.0 (RFC 6350) for the contacts, one card each, that a phone or mail client imports:
//! FN, N, EMAIL, TEL, IMPP-free messenger as a NOTE line, URL of each handle, CATEGORIES from
//! the niche, NOTE. Text is escaped (backslash, comma, semicolon, newline) and lines are folded
//! at 75 octets on character boundaries; lines end with CRLF.

use crate::domain::contact::profile_url;
use crate::store::ContactDetail;

/// One contact as a vCard.
pub fn card(c: &ContactDetail) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCARD");
    line(&mut out, "VERSION:4.0");
    line(&mut out, &format!("FN:{}", escape(&c.name)));
    // N wants family;given; a single free-text name is kept whole as the given name.
    line(&mut out, &format!("N:;{};;;", escape(&c.name)));
    if let Some(e) = &c.email {
        line(&mut out, &format!("EMAIL:{}", escape(e)));
    }
    if let Some(t) = &c.phone {
        line(&mut out, &format!("TEL;VALUE=text:{}", escape(t)));
    }
    for h in &c.handles {
        if let Some(url) = profile_url(&h.platform, &h.handle) {
            line(&mut out, &format!("URL:{url}"));
        }
    }
    if !c.niche.is_empty() {
        line(&mut out, &format!("CATEGORIES:{}", escape(&c.niche)));
    }
    let mut note = Vec::new();
    if let Some(m) = &c.messenger {
        note.push(format!("messenger: {m}"));
    }
    for h in &c.handles {
        note.push(format!("{} @{}", h.platform, h.handle));
    }
    if !c.notes.trim().is_empty() {
        note.push(c.notes.trim().to_string());
    }
    if !note.is_empty() {
        line(&mut out, &format!("NOTE:{}", escape(&note.join("\n"))));
    }
    line(&mut out, "END:VCARD");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line passes 75 octets.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("NOTE:{}", "ж".repeat(60)));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, format!("NOTE:{}", "ж".repeat(60)));
    }
}
