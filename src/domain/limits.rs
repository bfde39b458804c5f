//! Platform text rules: how each platform counts a caption and how much it accepts. Pure
//! functions, so the editor's live counters, `posts add` and the status change share one rule.
//!
//! Sources (checked 2025; platforms change these, so each number names where it comes from):
//! - Instagram: Graph API "IG User Media" reference, `caption`: "Maximum 2200 characters,
//!   30 hashtags, and 20 @ tags."
//! - X: twitter-text v3 configuration (`config/v3.json` in twitter/twitter-text):
//!   maxWeightedTweetLength 280 at scale 100; default weight 200, weight 100 for the ranges
//!   U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F, U+2032–U+2037; every URL weighs
//!   transformedURLLength 23; emoji sequences weigh 200 (emojiParsingEnabled).
//! - Facebook: 63,206 characters for a Page post (the limit Facebook has enforced since 2011,
//!   cited by its own composer error).
//! - LinkedIn: Posts API, `commentary`: 3,000 characters.
//! - TikTok: in-app caption limit of 4,000 characters (raised from 2,200 in 2023).
//! - YouTube: Data API v3 `videos` resource: `snippet.title` at most 100 characters,
//!   `snippet.description` at most 5,000; YouTube Help "Use hashtags for video search": a video
//!   with more than 60 hashtags has all of them ignored.
//! - Telegram: Bot API `sendMessage` text 1–4096 characters; `sendPhoto`/`sendVideo` caption
//!   0–1024 characters.
//! - Threads: Threads API "Posts": text posts are limited to 500 characters.

use unicode_segmentation::UnicodeSegmentation;

use super::{Platform, PostFormat};

/// What one platform accepts for one format. `None` is "no published limit".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub chars: usize,
    pub hashtags: Option<usize>,
    pub mentions: Option<usize>,
    /// A separate title field (YouTube).
    pub title: Option<usize>,
}

impl Limits {
    pub fn for_post(platform: Platform, format: PostFormat) -> Limits {
        let plain = |chars| Limits {
            chars,
            hashtags: None,
            mentions: None,
            title: None,
        };
        match platform {
            Platform::Instagram => Limits {
                chars: 2_200,
                hashtags: Some(30),
                mentions: Some(20),
                title: None,
            },
            Platform::X => plain(280),
            Platform::Facebook => plain(63_206),
            Platform::LinkedIn => plain(3_000),
            Platform::TikTok => plain(4_000),
            Platform::YouTube => Limits {
                chars: 5_000,
                hashtags: Some(60),
                mentions: None,
                title: Some(100),
            },
            // Anything that carries media goes out as a caption, which has the smaller limit.
            Platform::Telegram => match format {
                PostFormat::Post | PostFormat::Article | PostFormat::Thread => plain(4_096),
                _ => plain(1_024),
            },
            Platform::Threads => plain(500),
        }
    }
}

/// A caption as the platform counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Characters in the platform's own unit: graphemes, or X's weighted length.
    pub chars: usize,
    pub hashtags: usize,
    pub mentions: usize,
    pub title: usize,
}

/// One limit a post breaks, worded for a status line or an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub field: &'static str,
    pub count: usize,
    pub limit: usize,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} over the limit of {}",
            self.field, self.count, self.limit
        )
    }
}

/// Counts `title` and `caption` the way `platform` does.
pub fn count(platform: Platform, title: &str, caption: &str) -> Counts {
    Counts {
        chars: match platform {
            Platform::X => x_weighted_length(caption),
            _ => caption.graphemes(true).count(),
        },
        hashtags: tokens(caption, '#'),
        mentions: tokens(caption, '@'),
        title: title.graphemes(true).count(),
    }
}

/// Every limit the post breaks; empty when it may go out.
pub fn check(platform: Platform, format: PostFormat, title: &str, caption: &str) -> Vec<Violation> {
    let l = Limits::for_post(platform, format);
    let c = count(platform, title, caption);
    let mut out = Vec::new();
    let mut over = |field, count: usize, limit: Option<usize>| {
        if let Some(limit) = limit.filter(|l| count > *l) {
            out.push(Violation {
                field,
                count,
                limit,
            });
        }
    };
    over("caption characters", c.chars, Some(l.chars));
    over("hashtags", c.hashtags, l.hashtags);
    over("mentions", c.mentions, l.mentions);
    over("title characters", c.title, l.title);
    out
}

/// `#tag` or `@name` tokens: the marker at the start of a word, followed by a word character.
fn tokens(text: &str, marker: char) -> usize {
    let mut n = 0;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let at_word_start = prev.is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        if c == marker
            && at_word_start
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '_')
        {
            n += 1;
        }
        prev = Some(c);
    }
    n
}

/// The length X shows under the composer: URLs weigh 23, Latin and common punctuation 1,
/// everything else (CJK, emoji) 2. Counted per grapheme, so a ZWJ family or a flag is one
/// emoji (twitter-text counts a whole emoji sequence once); for other text this matches X's
/// NFC-normalised count per code point.
pub fn x_weighted_length(text: &str) -> usize {
    const URL_WEIGHT: usize = 23;
    let mut total = 0;
    for word in ws_runs(text) {
        if is_url(word) {
            total += URL_WEIGHT;
        } else {
            total += word.graphemes(true).map(grapheme_weight).sum::<usize>();
        }
    }
    total
}

fn grapheme_weight(g: &str) -> usize {
    let mut chars = g.chars();
    let first = chars.next().unwrap_or(' ');
    let multi = chars.next().is_some();
    // A sequence with a variation selector or ZWJ is an emoji presentation.
    if multi && g.chars().any(|c| c == '\u{FE0F}' || c == '\u{200D}') {
        return 2;
    }
    let light = matches!(first as u32,
        0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037);
    if light { 1 } else { 2 }
}

/// A bare `http(s)://` link or a `www.` one, the forms X wraps in t.co.
fn is_url(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    (w.starts_with("https://") || w.starts_with("http://") || w.starts_with("www.")) && w.len() > 8
}

/// Splits text into runs of non-whitespace and runs of whitespace, so that a URL is one piece.
fn ws_runs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_ws: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let ws = c.is_whitespace();
        if in_ws.is_some_and(|w| w != ws) {
            out.push(&text[start..i]);
            start = i;
        }
        in_ws = Some(ws);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Platform as P;
    use PostFormat as F;

    #[test]
    fn limits_table() {
        let table = [
            (P::Instagram, F::Reel, 2_200, Some(30), Some(20), None),
            (P::X, F::Post, 280, None, None, None),
            (P::Facebook, F::Post, 63_206, None, None, None),
            (P::LinkedIn, F::Article, 3_000, None, None, None),
            (P::TikTok, F::Video, 4_000, None, None, None),
            (P::YouTube, F::Video, 5_000, Some(60), None, Some(100)),
            (P::Telegram, F::Post, 4_096, None, None, None),
            (P::Telegram, F::Video, 1_024, None, None, None),
            (P::Threads, F::Post, 500, None, None, None),
        ];
        for (p, f, chars, tags, mentions, title) in table {
            let l = Limits::for_post(p, f);
            assert_eq!(
                (l.chars, l.hashtags, l.mentions, l.title),
                (chars, tags, mentions, title),
                "{p} {f}"
            );
            // One over each limit breaks it; exactly at it does not.
            assert!(check(p, f, "", &"a".repeat(chars)).is_empty(), "{p} {f}");
            let v = check(p, f, "", &"a".repeat(chars + 1));
            assert_eq!(v.len(), 1, "{p} {f}");
            assert_eq!(v[0].limit, chars);
        }
    }

    #[test]
    fn graphemes_not_bytes() {
        // A ZWJ family, a flag and a skin-toned thumb: 3 graphemes, many code points and bytes.
        let s = "👨‍👩‍👧‍👦🇺🇦👍🏽";
        assert!(s.len() > 30);
        assert_eq!(count(P::Instagram, "", s).chars, 3);
        assert_eq!(count(P::Instagram, "", "Кава ☕").chars, 6);
        // On X each emoji weighs 2, Cyrillic 1, CJK 2.
        assert_eq!(x_weighted_length(s), 6);
        assert_eq!(x_weighted_length("Кава"), 4);
        assert_eq!(x_weighted_length("日本"), 4);
    }

    #[test]
    fn x_counts_links_as_23() {
        let url = "https://example.com/a/very/long/path/that/goes/on/and/on?with=query";
        assert_eq!(x_weighted_length(url), 23);
        assert_eq!(x_weighted_length(&format!("see {url} now")), 4 + 23 + 4);
        let ready = format!("{} {url}", "a".repeat(256));
        assert_eq!(x_weighted_length(&ready), 280);
        assert!(check(P::X, F::Post, "", &ready).is_empty());
        assert_eq!(check(P::X, F::Post, "", &"a".repeat(281)).len(), 1);
    }

    #[test]
    fn hashtags_and_mentions() {
        let c = count(
            P::Instagram,
            "",
            "#one #two x#not @ana, @bo_b mail@x.com # @",
        );
        assert_eq!((c.hashtags, c.mentions), (2, 2));
        let tags: String = (0..31).map(|i| format!("#t{i} ")).collect();
        let v = check(P::Instagram, F::Post, "", &tags);
        assert_eq!(v[0].field, "hashtags");
        assert_eq!(v[0].to_string(), "hashtags 31 over the limit of 30");
        let long_title = "t".repeat(101);
        assert_eq!(check(P::YouTube, F::Video, &long_title, "")[0].limit, 100);
    }
}
