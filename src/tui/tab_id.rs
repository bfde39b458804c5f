//! The five tabs by name: shared by actions, the keymap and the tabs themselves, so that none of
//! them has to import another to say which tab it means.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TabId {
    Today,
    Calendar,
    Inbox,
    Contacts,
    Analytics,
}

impl TabId {
    pub const ALL: [TabId; 5] = [
        TabId::Today,
        TabId::Calendar,
        TabId::Inbox,
        TabId::Contacts,
        TabId::Analytics,
    ];

    pub fn title(self) -> &'static str {
        match self {
            TabId::Today => "Today",
            TabId::Calendar => "Calendar",
            TabId::Inbox => "Inbox",
            TabId::Contacts => "Contacts",
            TabId::Analytics => "Analytics",
        }
    }

    /// The name used on the command line (`render --tab inbox`): the title in lower case.
    pub fn name(self) -> String {
        self.title().to_lowercase()
    }

    pub fn parse(name: &str) -> Option<TabId> {
        TabId::ALL
            .into_iter()
            .find(|t| t.title().eq_ignore_ascii_case(name.trim()))
    }

    /// The number key that opens it (1–5).
    pub fn number(self) -> usize {
        TabId::ALL.iter().position(|t| *t == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> TabId {
        TabId::ALL[self.number() % TabId::ALL.len()]
    }

    pub fn prev(self) -> TabId {
        TabId::ALL[(self.number() + TabId::ALL.len() - 2) % TabId::ALL.len()]
    }
}
