//! Files of one download share an account: the one a sibling names, where the others cannot.

use std::collections::{BTreeSet, HashMap};

use crate::domain::Platform;

use super::Loaded;

/// Files of one download that do not name their account (TikTok's Overview beside its
/// Content.csv, which names the handle in its links) take the account a sibling of the same
/// platform names, when the siblings name exactly one.
pub(super) fn share_account(loaded: &mut [Loaded]) {
    type Who = (Option<String>, Option<String>);
    let mut named: HashMap<(Option<String>, Platform), BTreeSet<Who>> = HashMap::new();
    for l in loaded.iter() {
        let h = &l.parsed.account;
        if let (Some(p), Some(_)) = (h.platform, l.root.as_ref())
            && (h.handle.is_some() || h.external_id.is_some())
        {
            named
                .entry((l.root.clone(), p))
                .or_default()
                .insert((h.handle.clone(), h.external_id.clone()));
        }
    }
    for l in loaded.iter_mut() {
        let h = &mut l.parsed.account;
        let Some(p) = h.platform else { continue };
        if h.handle.is_some() || h.external_id.is_some() || l.root.is_none() {
            continue;
        }
        if let Some(set) = named.get(&(l.root.clone(), p))
            && set.len() == 1
            && let Some((handle, external_id)) = set.iter().next()
        {
            h.handle.clone_from(handle);
            h.external_id.clone_from(external_id);
            l.parsed.notes.push(format!(
                "the account is the one the other {} files of this folder name",
                p.as_str()
            ));
        }
    }
}
