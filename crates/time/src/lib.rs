//! Time: absolute and relative time expressions anchored to the report date.
