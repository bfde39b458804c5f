use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::filter::{and_eq, bind};
use super::{StoreError, StoreResult, opt_str};

/// One brand account on one platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Account {
    pub id: i64,
    pub brand: String,
    pub platform: String,
    pub handle: String,
    pub display_name: String,
    pub external_id: Option<String>,
    pub timezone: Option<String>,
    pub target_posts_per_week: Option<i64>,
}

impl Account {
    /// `IG @lumen.coffee`: how rows and the filter name an account.
    pub fn label(&self) -> String {
        format!(
            "{} @{}",
            crate::domain::Platform::badge_of(&self.platform),
            self.handle
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub brand: String,
    pub platform: String,
    pub handle: String,
    pub display_name: Option<String>,
    pub external_id: Option<String>,
    pub timezone: Option<String>,
    pub target_posts_per_week: Option<i64>,
}

/// What `accounts edit` changes: None leaves a field as it is; `Some("")` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct AccountEdit {
    pub handle: Option<String>,
    pub brand: Option<String>,
    pub display_name: Option<String>,
    pub external_id: Option<String>,
    pub timezone: Option<String>,
}

pub struct Accounts<'a> {
    conn: &'a Connection,
}

const COLUMNS: &str =
    "id, brand, platform, handle, display_name, external_id, timezone, target_posts_per_week";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        brand: r.get(1)?,
        platform: r.get(2)?,
        handle: r.get(3)?,
        display_name: opt_str(r, 4)?,
        external_id: r.get(5)?,
        timezone: r.get(6)?,
        target_posts_per_week: r.get(7)?,
    })
}

impl<'a> Accounts<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Self { conn }
    }

    pub(super) fn conn(&self) -> &'a Connection {
        self.conn
    }

    /// Every account, by brand then platform. Accounts are few (tens), so this is not paged.
    pub fn list(&self) -> StoreResult<Vec<Account>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM accounts ORDER BY brand, platform, handle"
        ))?;
        let rows = stmt
            .query_map([], from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn get(&self, id: i64) -> StoreResult<Account> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("account {id}")))
    }

    /// Finds an account by handle (with or without `@`), optionally on one platform.
    pub fn find_by_handle(
        &self,
        handle: &str,
        platform: Option<&str>,
    ) -> StoreResult<Option<Account>> {
        let handle = handle.trim().trim_start_matches('@');
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM accounts WHERE handle = ?1 COLLATE NOCASE{}
              ORDER BY id LIMIT 1",
            and_eq("platform", 2, platform.is_some())
        ))?;
        Ok(stmt
            .query_row(bind(vec![&handle], &platform).as_slice(), from_row)
            .optional()?)
    }

    /// Finds an account by the platform's own id for it (a page id, a channel id).
    pub fn find_by_external_id(
        &self,
        platform: &str,
        external_id: &str,
    ) -> StoreResult<Option<Account>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM accounts WHERE platform = ?1 AND external_id = ?2 LIMIT 1"
        ))?;
        Ok(stmt
            .query_row(params![platform, external_id], from_row)
            .optional()?)
    }

    /// Adds an account; a second account with the same platform and handle is refused.
    pub fn add(&self, new: &NewAccount, now: i64) -> StoreResult<i64> {
        let handle = new.handle.trim().trim_start_matches('@');
        if handle.is_empty() {
            return Err(StoreError::Invalid("an account needs a handle".into()));
        }
        if self.find_by_handle(handle, Some(&new.platform))?.is_some() {
            return Err(StoreError::Invalid(format!(
                "an account @{handle} on {} already exists",
                new.platform
            )));
        }
        self.conn.execute(
            "INSERT INTO accounts (brand, platform, handle, display_name, external_id, timezone,
                                   target_posts_per_week, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                new.brand,
                new.platform,
                handle,
                new.display_name,
                new.external_id,
                new.timezone,
                new.target_posts_per_week,
                now
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }
}

impl Accounts<'_> {
    /// Changes an account's handle, names, platform id or zone in one statement. A handle or a
    /// platform id that another account of the platform already holds is refused.
    pub fn edit(&self, id: i64, e: &AccountEdit) -> StoreResult<Account> {
        let old = self.get(id)?;
        let handle = e
            .handle
            .as_deref()
            .map(|h| h.trim().trim_start_matches('@').to_string());
        if let Some(h) = &handle {
            if h.is_empty() {
                return Err(StoreError::Invalid("an account needs a handle".into()));
            }
            if let Some(other) = self.find_by_handle(h, Some(&old.platform))?
                && other.id != id
            {
                return Err(StoreError::Invalid(format!(
                    "{} already has the handle @{h}",
                    other.label()
                )));
            }
        }
        let clear = |v: &Option<String>| v.as_ref().map(|s| s.trim().to_string());
        let external_id = clear(&e.external_id);
        if let Some(x) = external_id.as_deref().filter(|x| !x.is_empty())
            && let Some(other) = self.find_by_external_id(&old.platform, x)?
            && other.id != id
        {
            return Err(StoreError::Invalid(format!(
                "{} already has the platform id {x}",
                other.label()
            )));
        }
        let or_null = |v: Option<String>, old: Option<String>| match v {
            Some(s) if s.is_empty() => None,
            Some(s) => Some(s),
            None => old,
        };
        let display = (!old.display_name.is_empty()).then(|| old.display_name.clone());
        self.conn.execute(
            "UPDATE accounts SET handle = ?2, brand = ?3, display_name = ?4, external_id = ?5,
                                 timezone = ?6 WHERE id = ?1",
            params![
                id,
                handle.unwrap_or(old.handle.clone()),
                clear(&e.brand).unwrap_or(old.brand.clone()),
                or_null(clear(&e.display_name), display),
                or_null(external_id, old.external_id.clone()),
                or_null(clear(&e.timezone), old.timezone.clone()),
            ],
        )?;
        self.get(id)
    }

    /// Records the platform's id of an account that has none yet (learnt from an export
    /// imported with `--account`); an account that has one keeps it.
    pub fn learn_external_id(&self, id: i64, external_id: &str) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE accounts SET external_id = ?2 WHERE id = ?1 AND external_id IS NULL",
            params![id, external_id],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{AccountEdit, NewAccount, Store};

    #[test]
    fn edit_changes_what_is_given_and_refuses_taken_ids() {
        let store = Store::open_in_memory().unwrap();
        let a = store.accounts();
        let fb = |h: &str, x: Option<&str>| NewAccount {
            platform: "facebook".into(),
            handle: h.into(),
            external_id: x.map(String::from),
            ..Default::default()
        };
        let one = a.add(&fb("lumen", None), 0).unwrap();
        a.add(&fb("other", Some("999")), 0).unwrap();
        let e = AccountEdit {
            external_id: Some("6157".into()),
            timezone: Some("Europe/Riga".into()),
            ..Default::default()
        };
        let got = a.edit(one, &e).unwrap();
        assert_eq!(got.external_id.as_deref(), Some("6157"));
        assert_eq!(got.timezone.as_deref(), Some("Europe/Riga"));
        assert_eq!(got.handle, "lumen");
        let taken = AccountEdit {
            external_id: Some("999".into()),
            ..Default::default()
        };
        assert!(a.edit(one, &taken).is_err());
        let clear = AccountEdit {
            timezone: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(a.edit(one, &clear).unwrap().timezone, None);
        a.learn_external_id(one, "1").unwrap();
        assert_eq!(a.get(one).unwrap().external_id.as_deref(), Some("6157"));
    }

    #[test]
    fn add_find_list() {
        let store = Store::open_in_memory().unwrap();
        let a = store.accounts();
        let id = a
            .add(
                &NewAccount {
                    brand: "Lumen".into(),
                    platform: "instagram".into(),
                    handle: "@lumen.coffee".into(),
                    timezone: Some("Europe/Kyiv".into()),
                    ..Default::default()
                },
                0,
            )
            .unwrap();
        let found = a.find_by_handle("LUMEN.coffee", None).unwrap().unwrap();
        assert_eq!(found.id, id);
        assert_eq!(found.label(), "IG @lumen.coffee");
        assert!(
            a.add(
                &NewAccount {
                    platform: "instagram".into(),
                    handle: "lumen.coffee".into(),
                    ..Default::default()
                },
                0
            )
            .is_err()
        );
        assert!(
            a.add(
                &NewAccount {
                    platform: "x".into(),
                    handle: " ".into(),
                    ..Default::default()
                },
                0
            )
            .is_err()
        );
        assert_eq!(a.list().unwrap().len(), 1);
        assert!(a.get(999).is_err());
    }
}
