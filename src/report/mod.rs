//! Reports and feeds written from the store: the iCalendar feed of the content plan.

pub mod ics;
