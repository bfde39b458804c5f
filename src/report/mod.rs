//! Reports and feeds written from the store: the iCalendar feed of the content plan, and the
//! account KPIs of a period that the CLI and the Analytics tab share, and client reports.

pub mod analytics;
pub mod client;
pub mod ics;
pub mod vcard;
