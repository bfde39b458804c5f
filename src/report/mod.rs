//! Reports and feeds written from the store: the iCalendar feed of the content plan, and the
//! account KPIs of a period that the CLI and the Analytics tab share, and the morning digest
//! that the Today tab and `smmdeck today` share.

pub mod analytics;
pub mod ics;
pub mod plan_csv;
pub mod today;
pub mod vcard;
