//! The names an account goes by in exports besides its handle and display name (an Instagram
//! data download names senders by display name only): learned from `import --as NAME`, the
//! app's question, and messages an export marks as the owner's.

use rusqlite::{Connection, params};

use super::StoreResult;
use super::accounts::Accounts;
use super::imports::ImportBatch;

fn aliases_of(conn: &Connection, account_id: i64) -> StoreResult<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT name FROM account_aliases WHERE account_id = ?1 ORDER BY name")?;
    let names = stmt
        .query_map([account_id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

impl Accounts<'_> {
    /// The other names the account has appeared under, by name.
    pub fn aliases(&self, account_id: i64) -> StoreResult<Vec<String>> {
        aliases_of(self.conn(), account_id)
    }
}

impl ImportBatch<'_> {
    pub fn aliases(&self, account_id: i64) -> StoreResult<Vec<String>> {
        aliases_of(self.conn(), account_id)
    }

    /// Records that the account appears as `name`; true when it was not known yet.
    pub fn learn_alias(&self, account_id: i64, name: &str, source: &str) -> StoreResult<bool> {
        let n = self
            .conn()
            .prepare_cached(
                "INSERT INTO account_aliases (account_id, name, source, created_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (account_id, name) DO NOTHING",
            )?
            .execute(params![account_id, name, source, self.now()])?;
        Ok(n == 1)
    }
}
