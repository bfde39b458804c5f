//! Reports and feeds written from the store: the iCalendar feed of the content plan, and the
//! account KPIs of a period that the CLI and the Analytics tab share.

pub mod analytics;
pub mod ics;
pub mod vcard;
