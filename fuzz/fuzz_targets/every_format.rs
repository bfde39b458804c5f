//! Any text read as each format in turn (`--format` skips detection, so every parser sees
//! every shape of input). The first byte picks the format. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smmdeck::import::Format;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[pick as usize % Format::ALL.len()];
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let _ = smmdeck::import::parse_bytes(rest, "fuzz.csv", Some(format), day);
});
