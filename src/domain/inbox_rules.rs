//! Inbox rules (`[[inbox.rules]]` in config.toml): which items a rule matches and what it
//! changes. Checked once, when the config is read, so that a bad rule is an error naming it
//! instead of a rule that silently never fires.

use super::enums::{InboxKind, InboxStatus, word_enum};
use super::priority::{PRIORITY_NEGATIVE, PRIORITY_OTHER, PRIORITY_SPAM};

word_enum!(
    /// A priority a rule or a filter names; stored as the numbers of `domain::priority`.
    PriorityLevel { Urgent => "urgent", Normal => "normal", Low => "low" }
);

impl PriorityLevel {
    /// The stored priority a rule sets.
    pub fn value(self) -> i64 {
        match self {
            Self::Urgent => PRIORITY_NEGATIVE,
            Self::Normal => PRIORITY_OTHER,
            Self::Low => PRIORITY_SPAM,
        }
    }

    /// The stored priorities this level covers, lowest and highest (a filter's range):
    /// questions count as normal.
    pub fn range(self) -> (i64, i64) {
        match self {
            Self::Urgent => (PRIORITY_NEGATIVE, PRIORITY_NEGATIVE),
            Self::Normal => (PRIORITY_OTHER, PRIORITY_NEGATIVE - 1),
            Self::Low => (PRIORITY_SPAM, PRIORITY_SPAM),
        }
    }
}

/// What a rule looks for in an item's text.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleMatch {
    /// Any of these words or phrases, case-insensitive, at the start of a word ("refund"
    /// matches "refunds" and "Refund?").
    Words(Vec<String>),
    /// A regular expression, case-insensitive.
    Regex(String),
}

/// One checked rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub matcher: RuleMatch,
    /// Account handles (without `@`, lowercase); empty is every account.
    pub accounts: Vec<String>,
    /// Empty is every kind.
    pub kinds: Vec<InboxKind>,
    pub label: Option<String>,
    pub priority: Option<PriorityLevel>,
    /// Hidden, spam or done.
    pub status: Option<InboxStatus>,
}

/// A rule as written in the file, before it is checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSpec {
    pub name: String,
    pub words: Option<Vec<String>>,
    pub regex: Option<String>,
    pub accounts: Vec<String>,
    pub kinds: Vec<String>,
    pub label: Option<String>,
    pub priority: Option<String>,
    pub status: Option<String>,
}

impl Rule {
    /// Checks a written rule; the error says what is wrong with it (the caller adds where).
    pub fn check(spec: RuleSpec) -> Result<Rule, String> {
        let name = spec.name.trim().to_string();
        if name.is_empty() {
            return Err("a rule needs a name".into());
        }
        let matcher = match (spec.words, spec.regex) {
            (Some(_), Some(_)) => return Err("give either match or regex, not both".into()),
            (None, None) => return Err("give match = [words] or regex = \"...\"".into()),
            (Some(words), None) => {
                let words: Vec<String> = words
                    .iter()
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.is_empty() {
                    return Err("match has no words".into());
                }
                if let Some(w) = words.iter().find(|w| word_tokens(w).is_empty()) {
                    return Err(format!(
                        "match word {w:?} has no letters or digits (use regex for symbols)"
                    ));
                }
                RuleMatch::Words(words)
            }
            (None, Some(re)) => {
                compile(&re).map_err(|e| format!("regex {re:?} is not valid: {e}"))?;
                RuleMatch::Regex(re)
            }
        };
        let kinds = spec
            .kinds
            .iter()
            .map(|k| {
                InboxKind::parse(k).ok_or_else(|| {
                    format!("unknown kind {k:?} (comment, reply, dm, mention or review)")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let priority = spec
            .priority
            .map(|p| {
                PriorityLevel::parse(&p)
                    .ok_or_else(|| format!("unknown priority {p:?} (urgent, normal or low)"))
            })
            .transpose()?;
        let status = spec
            .status
            .map(|s| match InboxStatus::parse(&s) {
                Some(st @ (InboxStatus::Hidden | InboxStatus::Spam | InboxStatus::Done)) => Ok(st),
                _ => Err(format!("unknown status {s:?} (hidden, spam or done)")),
            })
            .transpose()?;
        let label = spec
            .label
            .map(|l| l.trim().replace(',', " "))
            .filter(|l| !l.is_empty());
        if label.is_none() && priority.is_none() && status.is_none() {
            return Err("the rule changes nothing: give label, priority or status".into());
        }
        Ok(Rule {
            name,
            matcher,
            accounts: spec
                .accounts
                .iter()
                .map(|a| a.trim().trim_start_matches('@').to_lowercase())
                .filter(|a| !a.is_empty())
                .collect(),
            kinds,
            label,
            priority,
            status,
        })
    }

    /// What the rule does, for history and listings: "label billing, hidden".
    pub fn effect(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = &self.label {
            parts.push(format!("label {l}"));
        }
        if let Some(p) = self.priority {
            parts.push(format!("priority {p}"));
        }
        if let Some(s) = self.status {
            parts.push(s.to_string());
        }
        parts.join(", ")
    }

    /// Whether the rule's words or pattern occur in `text` (the store finds candidates with
    /// its index; this is the same rule for one text, for tests and previews).
    pub fn matches_text(&self, text: &str) -> bool {
        match &self.matcher {
            RuleMatch::Words(words) => {
                let tokens = word_tokens(&text.to_lowercase());
                words.iter().any(|w| {
                    let want = word_tokens(w);
                    tokens.windows(want.len()).any(|win| {
                        win.iter().zip(&want).enumerate().all(|(i, (have, w))| {
                            // The last word of a phrase may be a prefix, the others whole.
                            if i + 1 == want.len() {
                                have.starts_with(w.as_str())
                            } else {
                                have == w
                            }
                        })
                    })
                })
            }
            RuleMatch::Regex(re) => compile(re).is_ok_and(|r| r.is_match(text)),
        }
    }
}

/// A rule's regex: case-insensitive, like its word lists.
pub fn compile(re: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(re)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
}

/// The words of a text as the search index splits them: runs of letters and digits.
pub fn word_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(words: &[&str]) -> RuleSpec {
        RuleSpec {
            name: "refunds".into(),
            words: Some(words.iter().map(|w| w.to_string()).collect()),
            label: Some("billing".into()),
            ..Default::default()
        }
    }

    #[test]
    fn words_match_case_insensitive_at_word_starts_in_any_script() {
        let r = Rule::check(spec(&["refund", "повернення", "Возврат", "money back"])).unwrap();
        assert!(r.matches_text("I want a REFUND now"));
        assert!(r.matches_text("refunds?"));
        assert!(r.matches_text("Коли буде Повернення коштів?"));
        assert!(r.matches_text("Хочу возврат денег"));
        assert!(r.matches_text("where is my money back!"));
        assert!(!r.matches_text("prefund round"), "not inside a word");
        assert!(!r.matches_text("money, then back"), "a phrase is in order");
        assert_eq!(r.effect(), "label billing");
    }

    #[test]
    fn a_bad_rule_says_what_is_wrong() {
        let err = |s: RuleSpec| Rule::check(s).unwrap_err();
        assert!(err(RuleSpec::default()).contains("name"));
        assert!(err(spec(&[])).contains("no words"));
        assert!(err(spec(&["🔥"])).contains("regex"));
        let mut both = spec(&["a"]);
        both.regex = Some("a".into());
        assert!(err(both).contains("not both"));
        let mut re = spec(&["a"]);
        re.words = None;
        re.regex = Some("(unclosed".into());
        assert!(err(re).contains("not valid"));
        let mut st = spec(&["a"]);
        st.status = Some("archived".into());
        assert!(err(st).contains("hidden, spam or done"));
        let mut new = spec(&["a"]);
        new.status = Some("new".into());
        assert!(err(new).contains("unknown status"));
        let mut p = spec(&["a"]);
        p.priority = Some("high".into());
        assert!(err(p).contains("urgent, normal or low"));
        let mut k = spec(&["a"]);
        k.kinds = vec!["post".into()];
        assert!(err(k).contains("unknown kind"));
        let mut nothing = spec(&["a"]);
        nothing.label = None;
        assert!(err(nothing).contains("changes nothing"));
    }

    #[test]
    fn a_regex_rule_is_case_insensitive_and_lists_its_effect() {
        let r = Rule::check(RuleSpec {
            name: "promo".into(),
            regex: Some(r"promo\s*code".into()),
            accounts: vec!["@PixelBikes".into()],
            kinds: vec!["DM".into()],
            priority: Some("low".into()),
            status: Some("hidden".into()),
            ..Default::default()
        })
        .unwrap();
        assert!(r.matches_text("Use PROMO code X"));
        assert!(!r.matches_text("promotion"));
        assert_eq!(r.accounts, ["pixelbikes"]);
        assert_eq!(r.kinds, [InboxKind::Dm]);
        assert_eq!(r.effect(), "priority low, hidden");
        assert_eq!(PriorityLevel::Low.value(), PRIORITY_SPAM);
    }
}
