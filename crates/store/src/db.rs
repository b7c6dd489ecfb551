//! The thin layer over the two database drivers: one connection type, one value type, one SQL
//! dialect for the statements both understand (`?N` placeholders are rewritten to `$N` for
//! PostgreSQL; `INSERT … RETURNING id` and `ON CONFLICT` work in both).

use crate::{Error, Result};
use bytes::BytesMut;
use postgres::types::{IsNull, ToSql as PgToSql, Type};
use rusqlite::types::{ToSql as SqlToSql, ToSqlOutput, ValueRef};

/// A value passed to or read from the database.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Val {
    pub fn int(&self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(*i),
            Val::Real(f) => Some(*f as i64),
            _ => None,
        }
    }
    pub fn real(&self) -> Option<f64> {
        match self {
            Val::Real(f) => Some(*f),
            Val::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<&str> {
        match self {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn into_text(self) -> Option<String> {
        match self {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Self {
        Val::Real(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

impl SqlToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(i) => ValueRef::Integer(*i),
            Val::Real(f) => ValueRef::Real(*f),
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

impl PgToSql for Val {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(i) => match *ty {
                Type::INT2 => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
                Type::INT4 => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
                Type::FLOAT8 => PgToSql::to_sql(&(*i as f64), ty, out),
                Type::FLOAT4 => PgToSql::to_sql(&(*i as f32), ty, out),
                Type::TEXT | Type::VARCHAR => PgToSql::to_sql(&i.to_string(), ty, out),
                _ => PgToSql::to_sql(i, ty, out),
            },
            Val::Real(f) => match *ty {
                Type::FLOAT4 => PgToSql::to_sql(&(*f as f32), ty, out),
                _ => PgToSql::to_sql(f, ty, out),
            },
            // PostgreSQL text cannot hold NUL; a space keeps every byte offset (spans) valid.
            Val::Text(s) if s.contains('\0') => PgToSql::to_sql(&s.replace('\0', " "), ty, out),
            Val::Text(s) => PgToSql::to_sql(s, ty, out),
        }
    }
    fn accepts(_: &Type) -> bool {
        true
    }
    postgres::types::to_sql_checked!();
}

/// One result row.
#[derive(Clone, Debug, Default)]
pub struct Row(pub Vec<Val>);

impl Row {
    pub fn int(&self, i: usize) -> Option<i64> {
        self.0.get(i).and_then(Val::int)
    }
    pub fn real(&self, i: usize) -> Option<f64> {
        self.0.get(i).and_then(Val::real)
    }
    pub fn text(&self, i: usize) -> Option<&str> {
        self.0.get(i).and_then(Val::text)
    }
    pub fn string(&self, i: usize) -> String {
        self.text(i).unwrap_or_default().to_string()
    }
}

/// Which database a [`Conn`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A connection to either backend.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<PgConn>),
}

/// A PostgreSQL client with its prepared statements, one per SQL text (prepared on first use, so a
/// repeated statement costs one round trip instead of two, and is planned once).
pub struct PgConn {
    pub client: postgres::Client,
    stmts: std::collections::HashMap<String, postgres::Statement>,
}

/// Prepared statements kept per connection; beyond this the cache starts over (statements built
/// with inline lists, such as `IN (1,2,3)`, would otherwise grow it without bound).
const PG_CACHE: usize = 256;

impl PgConn {
    pub fn new(client: postgres::Client) -> PgConn {
        PgConn { client, stmts: std::collections::HashMap::new() }
    }

    fn prepared(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(st) = self.stmts.get(sql) {
            return Ok(st.clone());
        }
        let st = self.client.prepare(&pg_sql(sql))?;
        if self.stmts.len() >= PG_CACHE {
            self.stmts.clear();
        }
        self.stmts.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

/// One value in PostgreSQL's COPY text format (`\N` for NULL; backslash, tab, newline and
/// carriage return escaped; NUL, which PostgreSQL text cannot hold, as a space like [`Val`] does).
fn copy_field(out: &mut String, v: &Val) {
    match v {
        Val::Null => out.push_str("\\N"),
        Val::Int(i) => out.push_str(&i.to_string()),
        Val::Real(f) if f.is_finite() => out.push_str(&format!("{f:?}")),
        Val::Real(f) if f.is_nan() => out.push_str("NaN"),
        Val::Real(f) => out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" }),
        Val::Text(s) => {
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\0' => out.push(' '),
                    c => out.push(c),
                }
            }
        }
    }
}

/// `?N` → `$N` outside string literals (PostgreSQL placeholders).
pub fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut in_str = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_str = !in_str;
        }
        if c == '?' && !in_str && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

fn pg_row(row: &postgres::Row) -> Result<Row> {
    let mut vals = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let v = match *col.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.into(),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(i64::from).into(),
            Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map(i64::from).into(),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.into(),
            Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map(f64::from).into(),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map(i64::from).into(),
            Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR => row.try_get::<_, Option<String>>(i)?.into(),
            ref t => return Err(Error::Other(format!("unexpected column type {t} for {}", col.name()))),
        };
        vals.push(v);
    }
    Ok(Row(vals))
}

fn sqlite_val(v: ValueRef<'_>) -> Val {
    match v {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => Val::Int(i),
        ValueRef::Real(f) => Val::Real(f),
        ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Val::Text(String::from_utf8_lossy(b).into_owned()),
    }
}

impl Conn {
    pub fn kind(&self) -> Kind {
        match self {
            Conn::Sqlite(_) => Kind::Sqlite,
            Conn::Postgres(_) => Kind::Postgres,
        }
    }

    /// Runs statements without parameters (DDL, transaction control).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(c) => c.execute_batch(sql)?,
            Conn::Postgres(c) => c.client.batch_execute(sql)?,
        }
        Ok(())
    }

    /// Inserts many rows into `table` (`columns` in order, each row one value per column): one
    /// `COPY … FROM STDIN` on PostgreSQL, a cached prepared `INSERT` per row on SQLite. No
    /// conflict handling and no ids returned: give ids explicitly when they are needed.
    pub fn copy_rows(&mut self, table: &str, columns: &[&str], rows: &[Vec<Val>]) -> Result<u64> {
        if rows.is_empty() {
            return Ok(0);
        }
        if let Some(r) = rows.iter().find(|r| r.len() != columns.len()) {
            return Err(Error::Other(format!("{} values for the {} columns of {table}", r.len(), columns.len())));
        }
        match self {
            Conn::Sqlite(c) => {
                let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
                let sql = format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), marks.join(", "));
                let mut st = c.prepare_cached(&sql)?;
                for r in rows {
                    st.execute(rusqlite::params_from_iter(r.iter()))?;
                }
                Ok(rows.len() as u64)
            }
            Conn::Postgres(c) => {
                use std::io::Write;
                let mut w = c.client.copy_in(&format!("COPY {table} ({}) FROM STDIN", columns.join(", ")))?;
                let mut line = String::new();
                for r in rows {
                    line.clear();
                    for (i, v) in r.iter().enumerate() {
                        if i > 0 {
                            line.push('\t');
                        }
                        copy_field(&mut line, v);
                    }
                    line.push('\n');
                    w.write_all(line.as_bytes()).map_err(|e| Error::Other(format!("COPY {table}: {e}")))?;
                }
                Ok(w.finish()?)
            }
        }
    }

    /// Runs one statement; returns the number of rows changed.
    pub fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                Ok(st.execute(rusqlite::params_from_iter(params.iter()))? as u64)
            }
            Conn::Postgres(c) => {
                let st = c.prepared(sql)?;
                let refs: Vec<&(dyn PgToSql + Sync)> = params.iter().map(|p| p as &(dyn PgToSql + Sync)).collect();
                Ok(c.client.execute(&st, &refs)?)
            }
        }
    }

    /// Runs one query and returns every row.
    pub fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.column_count();
                let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let mut vals = Vec::with_capacity(n);
                    for i in 0..n {
                        vals.push(sqlite_val(r.get_ref(i)?));
                    }
                    out.push(Row(vals));
                }
                Ok(out)
            }
            Conn::Postgres(c) => {
                let st = c.prepared(sql)?;
                let refs: Vec<&(dyn PgToSql + Sync)> = params.iter().map(|p| p as &(dyn PgToSql + Sync)).collect();
                c.client.query(&st, &refs)?.iter().map(pg_row).collect()
            }
        }
    }

    /// Runs one query and calls `f` with the text in the first column of each row (`None` for
    /// NULL), read in place: no row is copied (large JSON columns read this way).
    pub fn for_each_text(
        &mut self,
        sql: &str,
        params: &[Val],
        mut f: impl FnMut(Option<&str>) -> Result<()>,
    ) -> Result<()> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
                while let Some(r) = rows.next()? {
                    match r.get_ref(0)? {
                        ValueRef::Null => f(None)?,
                        ValueRef::Text(t) | ValueRef::Blob(t) => f(Some(&String::from_utf8_lossy(t)))?,
                        v => f(Some(&sqlite_val(v).int().map(|i| i.to_string()).unwrap_or_default()))?,
                    }
                }
                Ok(())
            }
            Conn::Postgres(c) => {
                let st = c.prepared(sql)?;
                let refs: Vec<&(dyn PgToSql + Sync)> = params.iter().map(|p| p as &(dyn PgToSql + Sync)).collect();
                for r in c.client.query(&st, &refs)? {
                    f(r.try_get::<_, Option<&str>>(0)?)?;
                }
                Ok(())
            }
        }
    }

    /// The first row of a query, if any.
    pub fn query_one(&mut self, sql: &str, params: &[Val]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The integer in the first column of the first row (e.g. `INSERT … RETURNING id`, `COUNT(*)`).
    pub fn query_int(&mut self, sql: &str, params: &[Val]) -> Result<Option<i64>> {
        Ok(self.query_one(sql, params)?.and_then(|r| r.int(0)))
    }

    /// Starts a write transaction. Writers are serialized: SQLite takes the write lock at once,
    /// PostgreSQL takes a transaction-scoped advisory lock (so de-duplication never races).
    pub fn begin(&mut self) -> Result<()> {
        match self {
            Conn::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            Conn::Postgres(c) => c.client.batch_execute("BEGIN; SELECT pg_advisory_xact_lock(72707)")?,
        }
        Ok(())
    }

    pub fn commit(&mut self) -> Result<()> {
        self.batch("COMMIT")
    }

    pub fn rollback(&mut self) {
        let _ = self.batch("ROLLBACK");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_format_escapes() {
        let mut s = String::new();
        for v in [Val::Null, Val::Int(-3), Val::Real(0.5), Val::Real(f64::NAN), Val::Text("a\tb\nc\\d\re\0f".into())] {
            copy_field(&mut s, &v);
            s.push('|');
        }
        assert_eq!(s, "\\N|-3|0.5|NaN|a\\tb\\nc\\\\d\\re f|");
    }

    #[test]
    fn placeholders_are_rewritten_outside_strings() {
        assert_eq!(
            pg_sql("SELECT '?1', x FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT '?1', x FROM t WHERE a = $1 AND b = $12"
        );
    }
}
