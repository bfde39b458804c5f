//! Fuzzy matching for search boxes (nucleo-matcher): every word of the query must appear with
//! its letters in order; the score ranks tighter matches first, and the matched positions let a
//! screen highlight them. Case is ignored in every script; accents are not folded, so that the
//! SQL first cut (letters in order, `LIKE`) keeps exactly the rows this can match.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub struct Fuzzy {
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Fuzzy {
    pub fn new(query: &str) -> Self {
        Self {
            pattern: Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Never,
                AtomKind::Fuzzy,
            ),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    /// True when the query has no words (everything matches, nothing is highlighted).
    pub fn is_empty(&self) -> bool {
        self.pattern.atoms.is_empty()
    }

    /// The score of `text`, higher is better; None when some word does not match.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        self.pattern
            .score(Utf32Str::new(text, &mut self.buf), &mut self.matcher)
    }

    /// The character positions of `text` that the query matched, sorted; empty when it does
    /// not match (a field may match while another holds the rest of the query).
    pub fn positions(&mut self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for atom in &self.pattern.atoms {
            let mut found = Vec::new();
            if atom
                .indices(
                    Utf32Str::new(text, &mut self.buf),
                    &mut self.matcher,
                    &mut found,
                )
                .is_some()
            {
                out.extend(found.into_iter().map(|i| i as usize));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_order_any_case_any_script() {
        let mut f = Fuzzy::new("олн ig");
        assert!(f.score("Олена Коваль olena.ig").is_some());
        assert!(f.score("Олена Коваль").is_none(), "every word must match");
        let mut g = Fuzzy::new("anna");
        let tight = g.score("anna k").unwrap();
        let loose = g.score("a n n a").unwrap();
        assert!(tight > loose, "{tight} > {loose}");
        assert_eq!(g.positions("Big Anna"), vec![4, 5, 6, 7]);
        assert!(g.positions("Bob").is_empty());
        assert!(Fuzzy::new("  ").is_empty());
    }
}
