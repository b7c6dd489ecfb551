//! Inputs named on the command line: files, directories (walked, sorted) and `-` for stdin.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    pub fn display_name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".to_string(),
        }
    }

    pub fn extension(&self) -> Option<String> {
        match self {
            Source::File(p) => p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()),
            Source::Stdin => None,
        }
    }

    /// The file stem, used as the report id of single-report files.
    pub fn stem(&self) -> String {
        match self {
            Source::File(p) => {
                p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into())
            }
            Source::Stdin => "stdin".to_string(),
        }
    }

    pub fn open(&self) -> Result<Box<dyn BufRead>, String> {
        match self {
            Source::Stdin => Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin()))),
            Source::File(p) => {
                let f = File::open(p).map_err(|e| describe_io(&e))?;
                if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                    return Err("is a directory".into());
                }
                Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
            }
        }
    }
}

pub(crate) fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Expands command-line arguments into sources: directories are walked recursively in sorted
/// order (hidden files skipped); `-` is standard input. Missing paths are errors, not panics.
pub fn expand_inputs(args: &[String]) -> (Vec<Source>, Vec<crate::ReadError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for a in args {
        if a == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            walk(p, &mut out, &mut errors);
        } else if p.exists() {
            out.push(Source::File(p.to_path_buf()));
        } else {
            errors.push(crate::ReadError { file: a.clone(), line: None, message: "no such file or directory".into() });
        }
    }
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<crate::ReadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(crate::ReadError { file: dir.display().to_string(), line: None, message: describe_io(&e) });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, errors);
        } else {
            out.push(Source::File(p));
        }
    }
}
