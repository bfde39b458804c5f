//! The platforms smmdeck knows, with their short badges.

use super::enums::word_enum;

word_enum!(
    Platform {
        Instagram => "instagram", Facebook => "facebook", TikTok => "tiktok",
        LinkedIn => "linkedin", X => "x", YouTube => "youtube", Telegram => "telegram",
        Threads => "threads",
    }
);

impl Platform {
    /// A two-letter badge for tight rows and calendar cells.
    pub fn badge(self) -> &'static str {
        match self {
            Self::Instagram => "IG",
            Self::Facebook => "FB",
            Self::TikTok => "TT",
            Self::LinkedIn => "LI",
            Self::X => "X",
            Self::YouTube => "YT",
            Self::Telegram => "TG",
            Self::Threads => "TH",
        }
    }

    /// Accepts the word and common aliases (`twitter`, `ig`, `fb`, `yt`).
    pub fn parse_loose(s: &str) -> Option<Self> {
        let lower = s.trim().to_ascii_lowercase();
        Self::parse(&lower).or(match lower.as_str() {
            "twitter" => Some(Self::X),
            "ig" => Some(Self::Instagram),
            "fb" | "messenger" => Some(Self::Facebook),
            "yt" => Some(Self::YouTube),
            "tg" => Some(Self::Telegram),
            "li" => Some(Self::LinkedIn),
            "tt" => Some(Self::TikTok),
            _ => None,
        })
    }

    /// Badge for a platform word as stored; unknown words show as `??`.
    pub fn badge_of(word: &str) -> &'static str {
        Self::parse(word).map_or("??", Self::badge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases() {
        assert_eq!(Platform::parse_loose("Twitter"), Some(Platform::X));
        assert_eq!(Platform::parse_loose("IG"), Some(Platform::Instagram));
        assert_eq!(Platform::badge_of("youtube"), "YT");
        assert_eq!(Platform::badge_of("myspace"), "??");
    }
}
