//! Which inbox items come first: negative ones, then questions, then the rest; spam-like items
//! sink. Pure rules over the text, so they are cheap to test and to run on import.

use std::sync::LazyLock;

/// The outcome of reading one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// 3 negative, 2 question, 1 other, 0 spam-like (higher is more urgent).
    pub priority: i64,
    /// The word shown on the row: "negative", "question", "spam?" or "".
    pub reason: &'static str,
    /// VADER's compound score for English text (None for text it cannot read).
    pub sentiment: Option<f64>,
}

pub const PRIORITY_NEGATIVE: i64 = 3;
pub const PRIORITY_QUESTION: i64 = 2;
pub const PRIORITY_OTHER: i64 = 1;
pub const PRIORITY_SPAM: i64 = 0;

/// Below this VADER compound score a text is negative; |score| < 0.3 counts as neutral.
const NEGATIVE_THRESHOLD: f64 = -0.3;

/// Default negative words for Ukrainian and Russian (stems, matched as word prefixes), which
/// VADER does not read. `config.toml` can add more.
pub const DEFAULT_NEGATIVE_WORDS: &[&str] = &[
    // Ukrainian
    "жахлив",
    "погано",
    "поган",
    "огидн",
    "обман",
    "шахра",
    "розчаров",
    "гірш",
    "відпис",
    "скарг",
    "повернення грошей",
    "не працює",
    "холодн",
    "зламан",
    "брак",
    "грубі",
    "хамств",
    // Russian
    "ужасн",
    "плохо",
    "плох",
    "отвратит",
    "обман",
    "мошен",
    "разочаров",
    "хуже",
    "отпис",
    "жалоб",
    "верните деньги",
    "не работает",
    "холодн",
    "сломан",
    "грубо",
    "хамств",
    "кошмар",
];

const QUESTION_STARTS: &[&str] = &[
    "how",
    "where",
    "when",
    "what",
    "why",
    "who",
    "which",
    "can",
    "could",
    "do",
    "does",
    "is",
    "are",
    "will",
    "would",
    "any",
    "як",
    "де",
    "коли",
    "чому",
    "що",
    "скільки",
    "чи",
    "а де",
    "как",
    "где",
    "когда",
    "почему",
    "что",
    "сколько",
    "можно",
    "есть ли",
];

const SPAM_WORDS: &[&str] = &[
    "follow",
    "followers",
    "promo",
    "buy",
    "cheap",
    "earn",
    "crypto",
    "bitcoin",
    "free",
    "dm me",
    "giveaway",
    "casino",
    "investment",
    "подпис",
    "підпис",
    "заробі",
    "зарабо",
    "крипт",
    "бесплат",
    "безкоштов",
    "казино",
];

static VADER: LazyLock<vader_sentiment::SentimentIntensityAnalyzer<'static>> =
    LazyLock::new(vader_sentiment::SentimentIntensityAnalyzer::new);

/// Reads a message and decides its priority. `extra_negative` are the user's own words.
pub fn assess(text: &str, extra_negative: &[String]) -> Assessment {
    let lower = text.to_lowercase();
    if looks_like_spam(&lower) {
        return Assessment {
            priority: PRIORITY_SPAM,
            reason: "spam?",
            sentiment: None,
        };
    }
    // Links say nothing about mood or questions: a URL's `?` or words are not the writer's.
    let words = without_links(&lower);
    // VADER reads the same words: lowercasing before or after the links are taken out gives
    // the same text (`words_then_lowercase_is_lowercase_then_words`), so it is done once.
    let sentiment = if has_cyrillic(text) {
        None
    } else {
        english_sentiment(&plain_slang(&words))
    };
    let negative = sentiment.is_some_and(|s| s <= NEGATIVE_THRESHOLD)
        || DEFAULT_NEGATIVE_WORDS
            .iter()
            .any(|w| negative_word_in(&words, w))
        || extra_negative
            .iter()
            .any(|w| negative_word_in(&words, &w.to_lowercase()));
    if negative {
        Assessment {
            priority: PRIORITY_NEGATIVE,
            reason: "negative",
            sentiment,
        }
    } else if is_question(&words) {
        Assessment {
            priority: PRIORITY_QUESTION,
            reason: "question",
            sentiment,
        }
    } else {
        Assessment {
            priority: PRIORITY_OTHER,
            reason: "",
            sentiment,
        }
    }
}

/// The text without its links (anything with `://`, or starting `www.`, or a bare
/// `domain.tld/path`): a link's query string has a `?`, and its path can hold any word.
fn without_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace().filter(|w| !is_link(w)) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_link(word: &str) -> bool {
    // Every kind of link below has a `/` or a `.`, and lowercasing makes neither: most words
    // are settled without lowercasing them.
    if memchr::memchr2(b'/', b'.', word.as_bytes()).is_none() {
        return false;
    }
    let w = word.trim_start_matches(['(', '<', '"', '\'']);
    let lower = w.to_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    // `shop.example/p?id=5`: a dotted host, then a path.
    match lower.split_once('/') {
        Some((host, _)) => {
            host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && host
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        }
        None => false,
    }
}

/// English slang and emoticons that VADER reads as negative though they praise: "can't wait"
/// (its "can't" negates the next warm word), "sick", "killer", "insane", "I'm dead" (laughing).
/// Replaced by a plain word of the same mood before scoring.
const SLANG: &[(&str, &str)] = &[
    ("can't wait", "excited"),
    ("can\u{2019}t wait", "excited"),
    ("cant wait", "excited"),
    ("cannot wait", "excited"),
    ("can not wait", "excited"),
    ("looks sick", "looks great"),
    ("that's sick", "that's great"),
    ("thats sick", "thats great"),
    ("killer", "great"),
    ("insanely", "very"),
    ("insane", "amazing"),
    ("crazy good", "very good"),
    ("stupid good", "very good"),
    ("wicked good", "very good"),
    ("to die for", "amazing"),
    ("i'm dead", "hilarious"),
    ("im dead", "hilarious"),
    ("dead 😂", "hilarious"),
    ("no cap", ""),
    ("bad ass", "great"),
    ("badass", "great"),
    (":d", "haha"),
    ("xd", "haha"),
    (":p", "haha"),
    ("🔥", " great "),
    ("😂", " haha "),
    ("🤣", " haha "),
    ("😍", " love "),
    ("❤️", " love "),
    ("❤", " love "),
    ("💯", " great "),
    ("🙌", " great "),
];

/// A searcher per [`SLANG`] entry, built once: most texts hold none of them, and building a
/// substring searcher per entry per text was a large import's biggest cost after SQLite.
static SLANG_FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    SLANG
        .iter()
        .map(|(slang, _)| memchr::memmem::Finder::new(slang.as_bytes()))
        .collect()
});

/// The lowercased text `lower` with [`SLANG`] replaced, matched whole-word, in the table's
/// order (a replacement can make the text a later entry matches).
fn plain_slang(lower: &str) -> String {
    let mut out = lower.to_string();
    for ((slang, plain), finder) in SLANG.iter().zip(SLANG_FINDERS.iter()) {
        if finder.find(out.as_bytes()).is_some() {
            out = replace_words(&out, slang, plain);
        }
    }
    out
}

/// Replaces `needle` where it stands as its own word (or is a symbol, like an emoji).
fn replace_words(hay: &str, needle: &str, with: &str) -> String {
    let wordy = needle.chars().any(char::is_alphanumeric);
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(i) = rest.find(needle) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + needle.len()..].chars().next();
        let starts = before.is_none_or(|c| !c.is_alphanumeric());
        let ends = after.is_none_or(|c| !c.is_alphanumeric())
            || !needle
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..i]);
        if !wordy || (starts && ends) {
            out.push_str(with);
        } else {
            out.push_str(needle);
        }
        rest = &rest[i + needle.len()..];
    }
    out.push_str(rest);
    out
}

/// Words that, before a negative stem, turn it round: "не погано" (not bad), "не плохо".
const NEGATIONS: &[&str] = &["не", "ні", "ни", "зовсім не", "совсем не", "not"];

/// Words after which a "negative" stem only means "very": "ужасно вкусно" (terribly tasty),
/// "жахливо смачно".
const POSITIVE_AFTER: &[&str] = &[
    "смачн",
    "вкусн",
    "гарн",
    "красив",
    "кльов",
    "клёв",
    "клев",
    "круто",
    "крут",
    "мило",
    "мил",
    "подоба",
    "нрав",
    "хочу",
    "рад",
    "класн",
    "люблю",
    "довольн",
    "задоволен",
];

/// A negative stem at the start of a word, not negated just before it and not used as an
/// intensifier of praise just after it.
fn negative_word_in(lower: &str, stem: &str) -> bool {
    if stem.is_empty() {
        return false;
    }
    occurrences(lower, stem).any(|i| {
        let head = &lower[..i];
        if head.chars().next_back().is_some_and(char::is_alphanumeric) {
            return false;
        }
        let head = head.trim_end_matches(|c: char| !c.is_alphanumeric());
        let negated = NEGATIONS.iter().any(|n| {
            head.strip_suffix(n)
                .is_some_and(|h| h.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        });
        // The word after the stem's own word.
        let tail = &lower[i + stem.len()..];
        let next = tail
            .trim_start_matches(char::is_alphanumeric)
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let intensifies = POSITIVE_AFTER.iter().any(|p| next.starts_with(p));
        !negated && !intensifies
    })
}

/// Where `stem` occurs in `text`, leftmost first and not overlapping (as `match_indices` finds
/// them), found from its first byte: building a substring searcher for every stem of every
/// comment was a tenth of a large import's time.
fn occurrences<'a>(text: &'a str, stem: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (bytes, pattern) = (text.as_bytes(), stem.as_bytes());
    let mut next = 0;
    let first = pattern.first().copied().unwrap_or(0);
    memchr::memchr_iter(first, bytes).filter(move |&i| {
        let hit = !pattern.is_empty() && i >= next && bytes[i..].starts_with(pattern);
        if hit {
            next = i + pattern.len();
        }
        hit
    })
}

/// VADER's compound score. The analyser is third-party code over arbitrary user text; a panic
/// inside it must not take the app down, so it is contained and read as "unknown".
fn english_sentiment(text: &str) -> Option<f64> {
    std::panic::catch_unwind(|| VADER.polarity_scores(text).get("compound").copied())
        .ok()
        .flatten()
}

/// Any character of U+0400–U+04FF: in UTF-8 exactly the ones whose first byte is 0xD0–0xD3
/// (a continuation byte is 0x80–0xBF, so no other byte can be taken for one).
fn has_cyrillic(text: &str) -> bool {
    text.bytes().any(|b| (0xD0..=0xD3).contains(&b))
}

fn is_question(lower: &str) -> bool {
    if lower.contains('?') {
        return true;
    }
    let first = lower.trim_start();
    QUESTION_STARTS.iter().any(|q| {
        first.starts_with(q)
            && first[q.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn looks_like_spam(lower: &str) -> bool {
    // Each link marker below has a `.` or a `/`.
    if memchr::memchr2(b'/', b'.', lower.as_bytes()).is_none() {
        return false;
    }
    let has_link = lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || lower.contains("bit.ly")
        || lower.contains("t.me/");
    has_link && SPAM_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> &'static str {
        assess(text, &[]).reason
    }

    #[test]
    fn english_negative_question_other() {
        assert_eq!(reason("This is awful, the worst coffee ever"), "negative");
        assert_eq!(reason("Do you ship to Poland?"), "question");
        assert_eq!(reason("where is my order"), "question");
        assert_eq!(reason("Love it! ☕😍"), "");
        assert_eq!(
            reason("Island vibes"),
            "",
            "'is' must start a word, not 'Is'land"
        );
    }

    #[test]
    fn cyrillic_uses_the_word_list() {
        assert_eq!(reason("Кава була холодна, жахливий сервіс"), "negative");
        assert_eq!(reason("Ужасное обслуживание"), "negative");
        assert_eq!(reason("Де можна купити зерно?"), "question");
        assert_eq!(reason("Дякую, смачно!"), "");
        assert_eq!(
            reason("Мені сподобалось"),
            "",
            "no stem inside another word"
        );
    }

    #[test]
    fn negative_outranks_question_and_spam_sinks() {
        let a = assess("Why is my order so terrible and late?", &[]);
        assert_eq!((a.priority, a.reason), (PRIORITY_NEGATIVE, "negative"));
        let s = assess("Get 10k followers cheap https://spam.example", &[]);
        assert_eq!((s.priority, s.reason), (PRIORITY_SPAM, "spam?"));
        assert_eq!(
            reason("Our menu: https://lumen.example/menu"),
            "",
            "a link alone is not spam"
        );
    }

    #[test]
    fn user_words_count() {
        assert_eq!(
            assess("meh, soggy croissant", &["soggy".into()]).reason,
            "negative"
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            "?",
            "👨‍👩‍👧‍👦",
            "مرحبا",
            "\u{202E}abc",
            "a\0b",
            "!!!!",
            "http://",
        ] {
            let _ = assess(t, &[]);
        }
    }

    /// Real-looking comments: a link's `?` is not a question, whatever the language.
    #[test]
    fn a_bare_link_is_not_a_question() {
        for t in [
            "New drop is live https://shop.example/p?id=42&utm_source=ig",
            "shop.example/catalog?page=2",
            "Ось тут усе є https://rozetka.com.ua/ua/search/?text=кава",
            "Смотрите www.ozon.ru/product/kofe?sku=77",
        ] {
            assert_eq!(reason(t), "", "{t}");
        }
        for t in [
            "Do you ship to Poland? https://x.example/?a=1",
            "Скільки коштує доставка? https://nova.example/track?n=5",
            "А где купить? www.ozon.ru/?q=кофе",
        ] {
            assert_eq!(reason(t), "question", "{t}");
        }
    }

    #[test]
    fn slang_and_emoticons_are_not_negative() {
        for t in [
            "Cant wait to try it :D",
            "can't wait!! love it",
            "This bike looks sick 🔥🔥",
            "🔥🔥🔥",
            "killer colours this season",
            "I'm dead 😂 best ad ever",
            "insane quality, no cap",
            "XD",
            "that's sick bro",
            "Не погано, але можна краще",
            "Жахливо смачно 😍",
            "🔥🔥 вогонь",
            "Дуже чекаю :D",
            "Неплохо вышло",
            "Не плохо!",
            "Ужасно вкусно 🔥",
            "Огонь 🔥 жду не дождусь",
        ] {
            assert_ne!(reason(t), "negative", "{t}");
        }
    }

    #[test]
    fn real_complaints_stay_negative() {
        for t in [
            "Worst customer service ever, still no refund",
            "I got sick after your cake",
            "Disappointed. The strap broke after two days :(",
            "Жахлива якість, шов розійшовся",
            "Погано упакували, коробка зламана",
            "Ужасное качество, верните деньги",
            "Приложение не работает, это обман",
        ] {
            assert_eq!(reason(t), "negative", "{t}");
        }
    }

    #[test]
    fn real_questions_in_three_languages() {
        for t in [
            "Is the medium size back in stock",
            "When do you open on Sunday?",
            "Чи є доставка у Львів",
            "Скільки коштує?",
            "Когда будет скидка?",
            "Есть ли размер M",
        ] {
            assert_eq!(reason(t), "question", "{t}");
        }
    }

    #[test]
    fn spam_needs_a_link_and_a_spam_word_in_any_language() {
        for t in [
            "Get 10k followers cheap https://spam.example",
            "Заробіток від 1000 грн на день t.me/easy_money",
            "Бесплатные подписчики тут bit.ly/abc",
        ] {
            assert_eq!(reason(t), "spam?", "{t}");
        }
        for t in [
            "Our menu: https://lumen.example/menu",
            "Меню тут https://lumen.ua/menu",
            "Наш сайт www.shop.ru",
        ] {
            assert_ne!(reason(t), "spam?", "{t}");
        }
    }

    #[test]
    fn thanks_and_praise_are_plain() {
        for t in [
            "Love it! ☕😍",
            "Дякую, смачно!",
            "Спасибо, всё пришло, очень довольна",
        ] {
            assert_eq!(reason(t), "", "{t}");
        }
    }

    proptest::proptest! {
        /// `assess` lowercases before taking the links out, where VADER's text was lowercased
        /// after: the words must come out the same either way (Greek final sigma, Turkish İ,
        /// links in any case, runs of any whitespace).
        #[test]
        fn words_then_lowercase_is_lowercase_then_words(
            text in "([aΣσςİIWw. /:(<\"'\t\n\u{a0}\u{2003}]|www[.]|HTTP://|ΑΣ|shop[.]EX/P|ß|Ǆ){0,24}",
        ) {
            proptest::prop_assert_eq!(
                without_links(&text.to_lowercase()),
                without_links(&text).to_lowercase()
            );
        }

        #[test]
        fn cyrillic_is_told_by_its_first_byte(text in "\\PC{0,12}") {
            let by_char = text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            proptest::prop_assert_eq!(has_cyrillic(&text), by_char);
        }

        #[test]
        fn stems_are_found_where_match_indices_finds_them(
            text in "[aaб ,.!ж]{0,30}",
            stem in "[aaб ж]{1,3}",
        ) {
            let want: Vec<usize> = text.match_indices(stem.as_str()).map(|(i, _)| i).collect();
            let got: Vec<usize> = occurrences(&text, &stem).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
