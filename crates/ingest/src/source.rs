//! Inputs named on the command line: files, directories (walked, sorted) and `-` for stdin.

use std::collections::HashSet;
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

/// Directories nested deeper than this are not walked.
const MAX_DIR_DEPTH: usize = 64;

/// Expands command-line arguments into sources: directories are walked recursively in sorted
/// order (hidden files skipped; a directory reached twice through symlinks is walked once);
/// `-` is standard input. Missing paths are errors, not panics.
pub fn expand_inputs(args: &[String]) -> (Vec<Source>, Vec<crate::ReadError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for a in args {
        if a == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let p = Path::new(a);
        if p.is_dir() {
            walk(p, 0, &mut seen, &mut out, &mut errors);
        } else if p.exists() {
            out.push(Source::File(p.to_path_buf()));
        } else {
            errors.push(crate::ReadError::new(a, None, "no such file or directory"));
        }
    }
    (out, errors)
}

fn walk(
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<Source>,
    errors: &mut Vec<crate::ReadError>,
) {
    let name = dir.display().to_string();
    if depth > MAX_DIR_DEPTH {
        errors.push(crate::ReadError::new(
            &name,
            None,
            format!("directories nested over {MAX_DIR_DEPTH} deep; skipped"),
        ));
        return;
    }
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            // Reached again through a symlink (or named twice): already read.
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(crate::ReadError::new(&name, None, describe_io(&e)));
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
            walk(&p, depth + 1, seen, out, errors);
        } else if p.exists() {
            out.push(Source::File(p));
        } else {
            errors.push(crate::ReadError::new(&p.display().to_string(), None, "broken symlink"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symlink_loops_are_walked_once() {
        let dir = std::env::temp_dir().join(format!("sitrep-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.txt"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
            std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling.txt")).unwrap();
        }
        let (sources, errors) = expand_inputs(&[dir.display().to_string(), dir.display().to_string()]);
        assert_eq!(sources.len(), 1, "{sources:?}");
        #[cfg(unix)]
        assert!(errors.iter().any(|e| e.message == "broken symlink"), "{errors:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
