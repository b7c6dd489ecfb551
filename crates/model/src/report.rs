//! The report: one dated piece of reporting, as read by an ingest reader.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One report (an article, a situation summary, a statement, a feed item).
/// `text` is the body exactly as ingested; every span in every record points into it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub text: String,
}

impl Report {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Report { id: id.into(), text: text.into(), ..Default::default() }
    }
}
