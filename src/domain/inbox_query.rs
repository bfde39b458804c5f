//! What the inbox's `/` search and `f` filters mean: free words (author, handle, text,
//! labels), `#label` or `label:x`, `@handle`, `account:x`, `kind:x`, `priority:x` and
//! `sentiment:negative`. Parsed here; the store turns it into SQL and a search-index query.

use super::enums::InboxKind;
use super::inbox_rules::PriorityLevel;

/// A parsed search or filter. Empty parts match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxQuery {
    /// Free words, each required, each a prefix: author name, author handle, text, labels.
    pub words: Vec<String>,
    /// `#billing`, `label:billing`: items carrying every one of these labels.
    pub labels: Vec<String>,
    /// `@anna`, `from:anna`: items whose author handle starts so.
    pub handles: Vec<String>,
    /// `account:pixelbikes`: items of any of these accounts (handles, lowercase, no `@`).
    pub accounts: Vec<String>,
    /// `kind:dm`: items of any of these kinds.
    pub kinds: Vec<InboxKind>,
    /// `priority:urgent`.
    pub priority: Option<PriorityLevel>,
    /// `sentiment:negative`: items read as negative.
    pub negative: bool,
    /// `order:newest`: newest first instead of the view's own order (urgent first).
    pub newest: bool,
}

impl InboxQuery {
    /// Reads what the user typed. Unknown `name:value` terms are plain words; a known term
    /// with a value it cannot take is an error saying what it takes.
    pub fn parse(input: &str) -> Result<InboxQuery, String> {
        let mut q = InboxQuery::default();
        for term in input.split_whitespace() {
            if let Some(label) = term.strip_prefix('#') {
                push(&mut q.labels, label);
                continue;
            }
            if let Some(handle) = term.strip_prefix('@') {
                push(&mut q.handles, handle);
                continue;
            }
            let Some((name, value)) = term.split_once(':') else {
                push(&mut q.words, term);
                continue;
            };
            match name.to_lowercase().as_str() {
                "label" => push(&mut q.labels, value),
                "from" | "author" => push(&mut q.handles, value.trim_start_matches('@')),
                "account" => push(&mut q.accounts, value.trim_start_matches('@')),
                "kind" => {
                    let kind = InboxKind::parse(value.trim_end_matches('s')).ok_or_else(|| {
                        format!("kind:{value}? use kind:comment, reply, dm, mention or review")
                    })?;
                    if !q.kinds.contains(&kind) {
                        q.kinds.push(kind);
                    }
                }
                "priority" => {
                    q.priority = Some(PriorityLevel::parse(value).ok_or_else(|| {
                        format!("priority:{value}? use priority:urgent, normal or low")
                    })?);
                }
                "order" | "sort" => match value.to_lowercase().as_str() {
                    "newest" | "new" | "time" => q.newest = true,
                    "urgent" | "queue" => q.newest = false,
                    _ => return Err(format!("order:{value}? use order:newest or order:urgent")),
                },
                "sentiment" => match value.to_lowercase().as_str() {
                    "negative" | "neg" => q.negative = true,
                    _ => return Err(format!("sentiment:{value}? only sentiment:negative")),
                },
                _ => push(&mut q.words, term),
            }
        }
        Ok(q)
    }

    /// True when the query keeps every item (an order alone narrows nothing).
    pub fn is_empty(&self) -> bool {
        InboxQuery {
            newest: false,
            ..self.clone()
        } == InboxQuery::default()
    }

    /// Whether the query needs the search index (words, labels or handles).
    pub fn has_text(&self) -> bool {
        !(self.words.is_empty() && self.labels.is_empty() && self.handles.is_empty())
    }

    /// Both queries at once: an item must match each.
    pub fn and(&self, other: &InboxQuery) -> InboxQuery {
        let join = |a: &[String], b: &[String]| {
            let mut v = a.to_vec();
            v.extend(b.iter().filter(|x| !a.contains(x)).cloned());
            v
        };
        let mut kinds = self.kinds.clone();
        kinds.extend(other.kinds.iter().filter(|k| !self.kinds.contains(k)));
        InboxQuery {
            words: join(&self.words, &other.words),
            labels: join(&self.labels, &other.labels),
            handles: join(&self.handles, &other.handles),
            accounts: join(&self.accounts, &other.accounts),
            kinds,
            priority: other.priority.or(self.priority),
            negative: self.negative || other.negative,
            newest: self.newest || other.newest,
        }
    }

    /// The query written back as terms, for the header: "#billing kind:dm refund".
    pub fn describe(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        out.extend(self.labels.iter().map(|l| format!("#{l}")));
        out.extend(self.handles.iter().map(|h| format!("@{h}")));
        out.extend(self.accounts.iter().map(|a| format!("account:{a}")));
        out.extend(self.kinds.iter().map(|k| format!("kind:{k}")));
        out.extend(self.priority.map(|p| format!("priority:{p}")));
        if self.negative {
            out.push("sentiment:negative".into());
        }
        out.extend(self.words.iter().cloned());
        if self.newest {
            out.push("order:newest".into());
        }
        out.join(" ")
    }
}

fn push(list: &mut Vec<String>, value: &str) {
    let v = value.trim().to_lowercase();
    if !v.is_empty() && !list.contains(&v) {
        list.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_and_words() {
        let q = InboxQuery::parse(
            "#Billing label:vip @Anna account:@PixelBikes kind:DMs priority:urgent \
             sentiment:negative refund time:10",
        )
        .unwrap();
        assert_eq!(q.labels, ["billing", "vip"]);
        assert_eq!(q.handles, ["anna"]);
        assert_eq!(q.accounts, ["pixelbikes"]);
        assert_eq!(q.kinds, [InboxKind::Dm]);
        assert_eq!(q.priority, Some(PriorityLevel::Urgent));
        assert!(q.negative && q.has_text());
        assert_eq!(q.words, ["refund", "time:10"]);
        assert_eq!(
            q.describe(),
            "#billing #vip @anna account:pixelbikes kind:dm priority:urgent sentiment:negative \
             refund time:10"
        );
        assert!(InboxQuery::parse("  ").unwrap().is_empty());
        let newest = InboxQuery::parse("order:newest").unwrap();
        assert!(newest.newest && newest.is_empty());
        assert_eq!(newest.describe(), "order:newest");
        assert!(!InboxQuery::parse("kind:dm").unwrap().has_text());
    }

    #[test]
    fn a_bad_value_says_what_it_takes() {
        assert!(InboxQuery::parse("kind:post").unwrap_err().contains("dm"));
        assert!(
            InboxQuery::parse("priority:high")
                .unwrap_err()
                .contains("urgent")
        );
        assert!(
            InboxQuery::parse("sentiment:happy")
                .unwrap_err()
                .contains("negative")
        );
        assert!(
            InboxQuery::parse("order:random")
                .unwrap_err()
                .contains("newest")
        );
    }

    #[test]
    fn two_queries_narrow_together() {
        let a = InboxQuery::parse("#billing kind:dm").unwrap();
        let b = InboxQuery::parse("#billing refund priority:low").unwrap();
        let both = a.and(&b);
        assert_eq!(both.describe(), "#billing kind:dm priority:low refund");
    }
}
