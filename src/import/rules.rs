//! The inbox rules of config.toml, checked: config keeps them as written (with their lines),
//! the domain says what a good rule is, and this joins the two so that a bad rule is an error
//! naming it and its line. The command line checks them at start; imports run them.

use crate::config::RuleEntry;
use crate::domain::inbox_rules::{Rule, RuleSpec};

/// Every rule checked, in order; the first bad one is the error ("line 12: inbox rule
/// \"promo\": regex ... is not valid").
pub fn inbox_rules(entries: &[RuleEntry]) -> Result<Vec<Rule>, String> {
    entries
        .iter()
        .map(|e| {
            let what = if e.name.is_empty() {
                "an inbox rule".to_string()
            } else {
                format!("inbox rule {:?}", e.name)
            };
            Rule::check(RuleSpec {
                name: e.name.clone(),
                words: e.words.clone(),
                regex: e.regex.clone(),
                accounts: e.accounts.clone(),
                kinds: e.kinds.clone(),
                label: e.label.clone(),
                priority: e.priority.clone(),
                status: e.status.clone(),
            })
            .map_err(|err| format!("line {}: {what}: {err}", e.line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn a_bad_rule_names_itself_and_its_line() {
        let text = "[[inbox.rules]]\nname = \"refunds\"\nmatch = [\"refund\"]\nlabel = \"billing\"\n\n[[inbox.rules]]\nname = \"promo\"\nregex = \"(x\"\nstatus = \"spam\"\n";
        let cfg = Config::parse(text).unwrap();
        let err = inbox_rules(&cfg.inbox.rules).unwrap_err();
        assert!(
            err.starts_with("line 6: inbox rule \"promo\": regex"),
            "{err}"
        );
        let good = inbox_rules(&cfg.inbox.rules[..1]).unwrap();
        assert_eq!(good[0].effect(), "label billing");
    }
}
