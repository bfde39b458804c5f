//! Repairs the mojibake in Meta "Download your information" JSON, where every UTF-8 byte of a
//! string was written as its own `\u00XX` escape (`Привет` arrives as `ÐŸÑ€Ð¸Ð²ÐµÑ‚`).

use std::borrow::Cow;

/// Re-reads each char as a byte and decodes the bytes as UTF-8, but only when every char is
/// below U+0100 and the bytes are valid UTF-8; otherwise the text is returned unchanged. The
/// guard keeps correct text (Cyrillic, emoji) intact, which an unguarded `c as u8` would
/// silently truncate.
pub fn repair(s: &str) -> Cow<'_, str> {
    // Plain ASCII reads the same either way: the common case costs one scan.
    if s.is_ascii() || s.chars().any(|c| c as u32 > 0xFF) {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(s),
    }
}

/// `repair` into an owned string, for struct fields.
pub fn fix(s: &str) -> String {
    repair(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repairs_meta_mojibake() {
        assert_eq!(
            repair("\u{00d0}\u{009f}\u{00d1}\u{0080}\u{00d0}\u{00b8}"),
            "При"
        );
        assert_eq!(repair("Tobias L\u{00c3}\u{00b8}ye"), "Tobias Løye");
        assert_eq!(repair("\u{00f0}\u{009f}\u{0098}\u{008d}"), "😍");
    }

    #[test]
    fn leaves_correct_text_alone() {
        for s in ["Привет", "Zoë Wagner", "😍 ok", "plain", "Café", ""] {
            assert_eq!(repair(s), s);
        }
    }

    proptest! {
        #[test]
        fn round_trips_any_text(s in "\\PC{0,40}") {
            // Mangle as Meta does, then repair: the original comes back.
            let mangled: String = s.bytes().map(char::from).collect();
            prop_assert_eq!(repair(&mangled), s.as_str());
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = repair(&s);
        }
    }
}
