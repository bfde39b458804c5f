//! Which accounts a query covers: every account, or a chosen few (one account, a brand's
//! accounts, those named on a report's command line). Queries run once per account of a
//! `Only` scope, each over its own index range, rather than as one `IN` list SQLite may scan.

/// Every account, or these accounts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Only(Vec<i64>),
}

impl Scope {
    /// The account filter of each query to run: `[None]` for all accounts, else one per account.
    pub(crate) fn parts(&self) -> Vec<Option<i64>> {
        match self {
            Scope::All => vec![None],
            Scope::Only(ids) => ids.iter().map(|id| Some(*id)).collect(),
        }
    }

    /// The one account of a single-account scope.
    pub fn single(&self) -> Option<i64> {
        match self {
            Scope::Only(ids) if ids.len() == 1 => Some(ids[0]),
            _ => None,
        }
    }

    /// ` AND {column} IN (?n, ?n+1, …)` for an `Only` scope, nothing for `All`: for the few
    /// queries that must see the accounts together (a median over all of them). The values to
    /// bind after the others are `ids()`.
    pub(crate) fn and_in(&self, column: &str, n: usize) -> String {
        match self {
            Scope::All => String::new(),
            Scope::Only(ids) if ids.is_empty() => " AND 0".to_string(),
            Scope::Only(ids) => {
                let marks: Vec<String> = (0..ids.len()).map(|i| format!("?{}", n + i)).collect();
                format!(" AND {column} IN ({})", marks.join(", "))
            }
        }
    }

    pub(crate) fn ids(&self) -> &[i64] {
        match self {
            Scope::All => &[],
            Scope::Only(ids) => ids,
        }
    }

    /// Whether `id` was asked for by name (an `All` scope names none).
    pub fn names(&self, id: i64) -> bool {
        matches!(self, Scope::Only(ids) if ids.contains(&id))
    }
}

impl From<Option<i64>> for Scope {
    fn from(account: Option<i64>) -> Scope {
        match account {
            None => Scope::All,
            Some(id) => Scope::Only(vec![id]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_single() {
        assert_eq!(Scope::All.parts(), vec![None]);
        assert_eq!(Scope::from(Some(4)).single(), Some(4));
        let two = Scope::Only(vec![2, 5]);
        assert_eq!(two.parts(), vec![Some(2), Some(5)]);
        assert_eq!(two.single(), None);
        assert!(two.names(5) && !two.names(3) && !Scope::All.names(5));
        assert_eq!(two.and_in("a", 3), " AND a IN (?3, ?4)");
        assert_eq!(Scope::All.and_in("a", 3), "");
        assert_eq!(Scope::Only(vec![]).and_in("a", 3), " AND 0");
    }
}
