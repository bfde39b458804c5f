//! Any bytes, as `smmdeck import` reads a file: decode, detect, parse, clean. Nothing may
//! panic; what is stored must be clean text with lines inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for name in ["export.csv", "comments.json", "Overview.csv"] {
        if let Some(Ok(parsed)) = smmdeck::import::parse_bytes(data, name, None, day) {
            check(&parsed, data);
        }
    }
});

fn check(parsed: &smmdeck::import::Parsed, data: &[u8]) {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 2;
    for p in &parsed.posts {
        assert!(p.line <= lines, "a post on line {} of {lines}", p.line);
        assert_eq!(smmdeck::text::clean(&p.caption), p.caption.as_str());
    }
    for i in &parsed.inbox {
        assert!(i.line <= lines, "an item on line {} of {lines}", i.line);
        assert!(!i.body.contains('\0'));
        assert_eq!(smmdeck::text::clean(&i.body), i.body.as_str());
    }
}
