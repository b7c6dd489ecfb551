//! The pipeline: one report in, its records out. Built once (lexicons, gazetteer), then shared
//! read-only across threads.

use sitrep_model::analyze;
use sitrep_model::record::{ControlRecord, EventRecord, Record, ReportRecord, ReportRef};
use sitrep_model::Report;

/// Everything extracted from one report.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub sentences: usize,
    pub events: Vec<EventRecord>,
    pub controls: Vec<ControlRecord>,
    /// Problems worth telling the user that did not stop extraction (e.g. no publication date).
    pub warnings: Vec<String>,
}

impl Extraction {
    /// The schema-v1 records in output order: the report record first, then events, then control.
    pub fn records(&self, report: &Report) -> Vec<Record> {
        let mut out = Vec::with_capacity(1 + self.events.len() + self.controls.len());
        out.push(Record::Report(ReportRecord {
            report: ReportRef::header(report),
            sentences: self.sentences,
            warnings: self.warnings.clone(),
        }));
        out.extend(self.events.iter().cloned().map(Record::Event));
        out.extend(self.controls.iter().cloned().map(Record::Control));
        out
    }
}

#[derive(Debug, Default)]
pub struct Pipeline {}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline {}
    }

    pub fn extract(&self, report: &Report) -> Extraction {
        let doc = analyze(&report.text);
        let mut warnings = Vec::new();
        if report.published.is_none() {
            warnings.push("no publication date: relative dates cannot be anchored".to_string());
        }
        Extraction { sentences: doc.sentences.len(), events: Vec::new(), controls: Vec::new(), warnings }
    }
}
