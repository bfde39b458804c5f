//! Reports and feeds written from the store: the iCalendar feed of the content plan, and the
//! account KPIs of a period that the CLI and the Analytics tab share, the morning digest
//! that the Today tab and `smmdeck today` share, and client reports.

pub mod analytics;
pub mod client;
pub mod ics;
pub mod plan_csv;
pub mod today;
pub mod vcard;
