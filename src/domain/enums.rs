//! The closed vocabularies of the domain, each stored as a lowercase word in the database.

/// Declares a string-backed enum with `as_str`, `parse` (case-insensitive), `ALL` and `Display`.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// Where a post stands on its way from idea to published.
    PostStatus {
        Idea => "idea", Draft => "draft", Ready => "ready", Scheduled => "scheduled",
        Published => "published", Failed => "failed", Archived => "archived",
    }
);

impl PostStatus {
    /// The next step along idea → draft → ready → scheduled → published; None at the end or off
    /// the main line (failed goes back to draft).
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Idea => Some(Self::Draft),
            Self::Draft => Some(Self::Ready),
            Self::Ready => Some(Self::Scheduled),
            Self::Scheduled => Some(Self::Published),
            Self::Failed => Some(Self::Draft),
            Self::Published | Self::Archived => None,
        }
    }

    /// Statuses that promise the post is fit to go out, so the caption must be within limits.
    pub fn requires_valid_caption(self) -> bool {
        matches!(self, Self::Ready | Self::Scheduled)
    }
}

word_enum!(
    PostFormat {
        Post => "post", Reel => "reel", Story => "story", Carousel => "carousel",
        Video => "video", Short => "short", Thread => "thread", Article => "article",
    }
);

word_enum!(
    InboxKind { Comment => "comment", Reply => "reply", Dm => "dm", Mention => "mention", Review => "review" }
);

word_enum!(
    InboxStatus { New => "new", Done => "done", Hidden => "hidden", Spam => "spam", Escalated => "escalated" }
);

impl InboxStatus {
    /// Open items still need someone's attention.
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Escalated)
    }
}

word_enum!(
    /// Where a contact stands: the pipeline in order, then the two states off it.
    Stage {
        Prospect => "prospect", Contacted => "contacted", Negotiating => "negotiating",
        Agreed => "agreed", ContentLive => "content_live", Paid => "paid",
        Declined => "declined", Paused => "paused",
    }
);

impl Stage {
    /// The pipeline proper, in order; declined and paused stand beside it.
    pub const PIPELINE: &'static [Stage] = &[
        Stage::Prospect,
        Stage::Contacted,
        Stage::Negotiating,
        Stage::Agreed,
        Stage::ContentLive,
        Stage::Paid,
    ];

    /// One step along the pipeline (`>`); None at its end and off it.
    pub fn next(self) -> Option<Self> {
        let i = Self::PIPELINE.iter().position(|s| *s == self)?;
        Self::PIPELINE.get(i + 1).copied()
    }

    /// One step back (`<`); None at its start and off it.
    pub fn prev(self) -> Option<Self> {
        let i = Self::PIPELINE.iter().position(|s| *s == self)?;
        i.checked_sub(1).map(|i| Self::PIPELINE[i])
    }

    /// Closed contacts owe no follow-up: the work is paid for, or they said no.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Paid | Self::Declined)
    }

    /// The word people read ("content live"); `as_str` is the stored one.
    pub fn label(self) -> &'static str {
        match self {
            Self::ContentLive => "content live",
            other => other.as_str(),
        }
    }

    /// Reads the stored word or the label, and the stage names of older lists and versions.
    pub fn parse_loose(s: &str) -> Option<Self> {
        let folded = s.trim().to_lowercase().replace([' ', '-'], "_");
        Self::parse(&folded).or(match folded.as_str() {
            // Older smmdeck words, and what spreadsheets in English, Spanish, Russian and
            // Ukrainian tend to say.
            "new" | "lead" | "to_contact" | "prospecto" | "nuevo" | "новый" | "новий" => {
                Some(Self::Prospect)
            }
            "reached_out"
            | "sent"
            | "emailed"
            | "contactado"
            | "связались"
            | "написали"
            | "зв'язались" => Some(Self::Contacted),
            "negotiation"
            | "in_talks"
            | "negociando"
            | "negociación"
            | "переговоры"
            | "переговори" => Some(Self::Negotiating),
            "contracted"
            | "signed"
            | "confirmed"
            | "acordado"
            | "confirmado"
            | "договорились"
            | "домовились" => Some(Self::Agreed),
            "active" | "live" | "published" | "posted" | "publicado" | "вышло" | "вийшло" => {
                Some(Self::ContentLive)
            }
            "completed" | "done" | "pagado" | "оплачено" => Some(Self::Paid),
            "rejected" | "no" | "lost" | "rechazado" | "отказ" | "відмова" => {
                Some(Self::Declined)
            }
            "on_hold" | "hold" | "pausado" | "пауза" => Some(Self::Paused),
            _ => None,
        })
    }
}

word_enum!(
    /// Where a collaboration's deliverable stands; "late" may be set by hand, and an open one
    /// past its due date counts as late anyway.
    CollabStatus {
        Planned => "planned", Live => "live", Late => "late", Done => "done", Cancelled => "cancelled",
    }
);

word_enum!(
    /// How the user reached a contact; `StageMove` marks the line a stage move writes.
    Channel {
        Email => "email", Dm => "dm", Call => "call", Meeting => "meeting", Other => "other",
        StageMove => "stage",
    }
);

impl Channel {
    /// What the user picks from when logging an interaction.
    pub const CHOICES: &'static [Channel] = &[
        Channel::Email,
        Channel::Dm,
        Channel::Call,
        Channel::Meeting,
        Channel::Other,
    ];
}

word_enum!(
    /// The orders the contacts list cycles through with `s`.
    ContactSort {
        Name => "name", FollowUp => "follow-up", Followers => "followers",
        EngagementRate => "er", CostPerEngagement => "cpe", LastContact => "last-contact",
    }
);

// word_enum! derives a fixed set and its variants take no #[default].
#[allow(clippy::derivable_impls)]
impl Default for ContactSort {
    fn default() -> Self {
        ContactSort::Name
    }
}

impl ContactSort {
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// How the list says it is sorted.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::FollowUp => "follow-up (soonest)",
            Self::Followers => "followers (most)",
            Self::EngagementRate => "engagement rate (highest)",
            Self::CostPerEngagement => "cost per engagement (cheapest)",
            Self::LastContact => "last contact (longest ago)",
        }
    }
}

word_enum!(
    CampaignChannel { Organic => "organic", Paid => "paid", Influencer => "influencer", Mixed => "mixed" }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in PostStatus::ALL {
            assert_eq!(PostStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            InboxStatus::parse(" Escalated "),
            Some(InboxStatus::Escalated)
        );
        assert_eq!(Stage::parse("nope"), None);
    }

    #[test]
    fn stages_step_along_the_pipeline_only() {
        assert_eq!(Stage::Prospect.prev(), None);
        assert_eq!(Stage::Negotiating.next(), Some(Stage::Agreed));
        assert_eq!(Stage::Agreed.prev(), Some(Stage::Negotiating));
        assert_eq!(Stage::Paid.next(), None);
        assert_eq!(Stage::Paused.next(), None);
        assert_eq!(Stage::Declined.prev(), None);
        assert!(Stage::Declined.is_closed() && !Stage::Paused.is_closed());
        assert_eq!(Stage::parse_loose("Content live"), Some(Stage::ContentLive));
        assert_eq!(Stage::parse_loose("contracted"), Some(Stage::Agreed));
        assert_eq!(Stage::parse_loose("maybe"), None);
    }

    #[test]
    fn status_line_ends_at_published() {
        let mut s = PostStatus::Idea;
        let mut steps = vec![s];
        while let Some(n) = s.next() {
            s = n;
            steps.push(s);
        }
        assert_eq!(steps.last(), Some(&PostStatus::Published));
        assert_eq!(steps.len(), 5);
    }
}

word_enum!(
    /// The inbox filters that `f` cycles through.
    InboxView { Open => "open", Escalated => "escalated", Done => "done", Trash => "hidden+spam", All => "all" }
);

impl InboxView {
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

word_enum!(
    /// What a campaign is judged by; its target is a count of these.
    CampaignGoal { Reach => "reach", Clicks => "clicks", Leads => "leads", Sales => "sales" }
);
