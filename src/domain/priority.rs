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
    let sentiment = if has_cyrillic(text) {
        None
    } else {
        english_sentiment(text)
    };
    let negative = sentiment.is_some_and(|s| s <= NEGATIVE_THRESHOLD)
        || DEFAULT_NEGATIVE_WORDS
            .iter()
            .any(|w| contains_word_prefix(&lower, w))
        || extra_negative
            .iter()
            .any(|w| contains_word_prefix(&lower, &w.to_lowercase()));
    if negative {
        Assessment {
            priority: PRIORITY_NEGATIVE,
            reason: "negative",
            sentiment,
        }
    } else if is_question(&lower) {
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

/// VADER's compound score. The analyser is third-party code over arbitrary user text; a panic
/// inside it must not take the app down, so it is contained and read as "unknown".
fn english_sentiment(text: &str) -> Option<f64> {
    std::panic::catch_unwind(|| VADER.polarity_scores(text).get("compound").copied())
        .ok()
        .flatten()
}

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
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
    let has_link = lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || lower.contains("bit.ly")
        || lower.contains("t.me/");
    has_link && SPAM_WORDS.iter().any(|w| lower.contains(w))
}

/// True when `needle` starts a word of `hay` (both lowercase): "холодн" matches "холодна".
fn contains_word_prefix(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
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
}
