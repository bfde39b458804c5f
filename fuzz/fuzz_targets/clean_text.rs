//! The cleaning at import and the CLI's sanitiser: after `clean` no control character but
//! newline and tab and no bidi control is left, cleaning twice changes nothing, and
//! `printable` leaves nothing a terminal would act on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smmdeck::text::{clean, is_bidi_control, printable};

fuzz_target!(|s: &str| {
    let c = clean(s);
    assert!(
        !c.chars()
            .any(|ch| (ch.is_control() && ch != '\n' && ch != '\t') || is_bidi_control(ch))
    );
    assert_eq!(clean(&c), c);
    let p = printable(s);
    assert!(!p.chars().any(|ch| ch.is_control() || is_bidi_control(ch)));
});
