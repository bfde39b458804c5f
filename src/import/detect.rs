//! Turning bytes into text (UTF-8 with or without BOM, UTF-16 with BOM) and recognising the
//! export from its headers and shape, never from the file name alone.

use super::parse::line_of;
use super::records::{FileError, Format};
use super::table::Table;

/// [`decode`] taking the bytes: UTF-8 (nearly every export) becomes the text in place, with
/// no second copy of a large file in memory.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, FileError> {
    if !plain_utf8(&bytes) {
        return decode(&bytes);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).or_else(|e| decode(e.as_bytes()))
}

/// Not UTF-16 (with or without a byte-order mark) and not a binary: text that is UTF-8 if it
/// is anything.
pub(super) fn plain_utf8(bytes: &[u8]) -> bool {
    !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && bom_less_utf16(bytes).is_none()
        && binary_kind(bytes).is_none()
}

/// Decodes the file, refusing binaries (a picture renamed `.csv`) and text in another encoding
/// with a message that says what it looks like.
pub fn decode(bytes: &[u8]) -> Result<String, FileError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    // UTF-16 without a byte-order mark (some spreadsheet saves): text, not a binary file.
    if let Some(le) = bom_less_utf16(bytes) {
        return utf16(
            bytes,
            if le {
                u16::from_le_bytes
            } else {
                u16::from_be_bytes
            },
        );
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(FileError::new(format!(
            "this is {kind}, not an export in text form"
        )));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let ok = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or("");
            Err(FileError::at(
                line_of(ok, ok.len()),
                "the text is not UTF-8 (saved in another encoding, such as Windows-1252?). \
                 Export it again from the platform, or save it as \"CSV UTF-8\"",
            ))
        }
    }
}

/// Some(true) for little-endian UTF-16 without a BOM, Some(false) for big-endian: export
/// text is mostly ASCII, so one byte of nearly every pair is NUL, always the same one.
fn bom_less_utf16(b: &[u8]) -> Option<bool> {
    let head = &b[..b.len().min(512) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&x| x == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if even == 0 && odd * 2 >= pairs {
        Some(true)
    } else if odd == 0 && even * 2 >= pairs {
        Some(false)
    } else {
        None
    }
}

fn utf16(rest: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, FileError> {
    if !rest.len().is_multiple_of(2) {
        return Err(FileError::new(
            "the UTF-16 text is cut short (odd number of bytes)",
        ));
    }
    let units: Vec<u16> = rest.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| FileError::new("the UTF-16 text is damaged (an unpaired surrogate)"))
}

fn binary_kind(b: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG picture"),
        (b"\xFF\xD8\xFF", "a JPEG picture"),
        (b"GIF8", "a GIF picture"),
        (b"%PDF", "a PDF document"),
        (
            b"PK\x03\x04",
            "a zip archive or an .xlsx workbook (save each sheet as \"CSV UTF-8\")",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an .xls workbook (save each sheet as \"CSV UTF-8\")",
        ),
        (b"RIFF", "a media file"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| b.starts_with(m)) {
        return Some(kind);
    }
    if b.len() > 4 && &b[4..8.min(b.len())] == b"ftyp" {
        return Some("a video");
    }
    // UTF-16 text has NULs too, but it starts with a BOM, checked before this is reached.
    let head = &b[..b.len().min(512)];
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    (!utf16 && head.contains(&0)).then_some("a binary file")
}

/// Recognises the export and returns it with the CSV header row (0 unless the export puts
/// something before the header).
pub fn detect(text: &str, file_name: &str) -> Option<Format> {
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return detect_json(start);
    }
    if let Some(f) = super::ads::detect(text) {
        return Some(f);
    }
    if start.starts_with("sep=") {
        return Some(Format::MetaAccountMetric);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The header is the first or (after a disclaimer row) the second record.
    for rec in reader.records().take(2) {
        let Ok(rec) = rec else { return None };
        let headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
        if let Some(f) = detect_headers(&headers, file_name) {
            return Some(f);
        }
    }
    None
}

fn detect_headers(h: &[String], file_name: &str) -> Option<Format> {
    let has = |w: &[&str]| Table::has_all(h, w);
    let f = if has(&["Post ID", "Page ID"]) {
        Format::MetaFacebookPosts
    } else if has(&["Post ID", "Account ID"]) {
        Format::MetaInstagramPosts
    } else if has(&["Post ID", "Posted"]) && h.iter().any(|c| c.starts_with("Lifetime ")) {
        Format::FacebookLegacyPosts
    } else if has(&["Tweet id", "time"]) {
        Format::XTweetActivity
    } else if has(&["Post id", "Date", "Post Link"]) {
        Format::XContent
    } else if has(&["Post link", "Post type"]) && (has(&["Created date"]) || has(&["Date"])) {
        Format::LinkedInPosts
    } else if has(&["Date", "Impressions (total)"]) {
        Format::LinkedInMetrics
    } else if has(&["Date", "Video Views", "Profile Views"]) {
        Format::TikTokOverview
    } else if has(&["Date", "Followers"])
        && h.iter().any(|c| c.starts_with("Difference in followers"))
    {
        Format::TikTokFollowers
    } else if has(&["Date", "Total Viewers"]) {
        Format::TikTokViewers
    } else if has(&["Video link", "Post time"]) {
        Format::TikTokContent
    } else if has(&["Date", "Content", "Video title"]) {
        Format::YouTubeChart
    } else if has(&["Content", "Video title", "Video publish time"]) {
        Format::YouTubeContent
    } else if h.len() == 2
        && has(&["Date", "Views"])
        && file_name.eq_ignore_ascii_case("Totals.csv")
    {
        // `Date,Views` alone is too plain to be sure of; Studio names the file.
        Format::YouTubeTotals
    } else {
        return None;
    };
    Some(f)
}

/// JSON exports by their keys near the top (a typed parse follows and reports real errors).
fn detect_json(start: &str) -> Option<Format> {
    let mut end = start.len().min(16 * 1024);
    while !start.is_char_boundary(end) {
        end -= 1;
    }
    let head = &start[..end];
    let key = |k: &str| head.contains(&format!("\"{k}\""));
    if key("string_map_data") || key("comments_reels_comments") {
        Some(Format::InstagramDyiComments)
    } else if key("sender_name") || (key("participants") && key("thread_path")) {
        Some(Format::InstagramDyiMessages)
    } else if key("messages") || key("participants") || key("senders") {
        // A page of conversations, or one conversation node saved alone.
        Some(Format::GraphConversations)
    } else if [
        "status_type",
        "full_picture",
        "actions",
        "attachments",
        "privacy",
        "story",
    ]
    .iter()
    .any(|k| key(k))
        && !key("parent")
    {
        // Posts (`/feed`, `/posts`): fields that comments never carry.
        Some(Format::GraphFacebookFeed)
    } else if key("created_time") || key("message") {
        Some(Format::GraphFacebookComments)
    } else if key("timestamp") || key("text") || key("username") {
        Some(Format::GraphInstagramComments)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn refuses_pictures_and_other_encodings() {
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0")
                .unwrap_err()
                .message
                .contains("PNG")
        );
        let e = decode(b"Post ID\nZo\xEB\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("UTF-8"));
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, b'i', 0]).unwrap(), "hi");
    }

    proptest! {
        #[test]
        fn never_panics(b in proptest::collection::vec(any::<u8>(), 0..400), name in "\\PC{0,20}") {
            if let Ok(t) = decode(&b) {
                let _ = detect(&t, &name);
            }
        }
    }
}
