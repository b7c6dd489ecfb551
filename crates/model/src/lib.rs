//! sitrep-model: the report model every stage shares: [`Report`], byte [`Span`]s, the text layer
//! (tokens, sentences, paragraphs) and the schema-v1 output [`record`]s. Pure; no I/O.

pub mod calendar;
pub mod json;
pub mod record;
pub mod report;
pub mod span;
pub mod text;
pub mod words;

pub use record::Record;
pub use report::Report;
pub use span::Span;
pub use text::{analyze, Doc, Sentence, Token, TokenKind};
pub use words::WordTable;
