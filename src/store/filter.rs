//! Optional filters written as SQL text of their own. `?n IS NULL OR column = ?n` hides the
//! column from SQLite's planner (it must plan for both answers, so it uses no index on it);
//! a statement with the filter and another without it each get the index that fits.

use rusqlite::ToSql;

/// ` AND {column} = ?{n}` when `on`, else nothing.
pub(crate) fn and_eq(column: &str, n: usize, on: bool) -> String {
    if on {
        format!(" AND {column} = ?{n}")
    } else {
        String::new()
    }
}

/// The bound values `args`, then `value` when it is set (the filter's own `?n`).
pub(crate) fn bind<'a, T: ToSql>(
    mut args: Vec<&'a dyn ToSql>,
    value: &'a Option<T>,
) -> Vec<&'a dyn ToSql> {
    if let Some(v) = value {
        args.push(v);
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_text_only_when_set() {
        assert_eq!(and_eq("p.account_id", 4, true), " AND p.account_id = ?4");
        assert_eq!(and_eq("p.account_id", 4, false), "");
        let (a, b) = (1_i64, Some(7_i64));
        assert_eq!(bind(vec![&a], &b).len(), 2);
        assert_eq!(bind(vec![&a], &None::<i64>).len(), 1);
    }
}
