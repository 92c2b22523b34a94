//! What the loaders report about a file: every rejected feature and every warning,
//! with where it is and why, so maintainers can fix the file and residents still
//! see everything that was valid.

use crate::text::{clip, MAX_MESSAGE_CHARS, MAX_REPORT_ID_CHARS};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The thing was dropped (a feature, an item, a link).
    Error,
    /// The thing was kept, perhaps repaired.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub level: Level,
    /// Which file: "outlets", "catalog" or "config".
    pub file: &'static str,
    /// Index of the feature or item in its array, when the problem is about one.
    pub index: Option<usize>,
    /// Its id, when it has one.
    pub id: Option<String>,
    /// A JSON path such as `features[3].geometry.coordinates`.
    pub path: String,
    pub message: String,
}

/// A serde error inside `part` (a slice of `file`) as a maintainer looks for it: the
/// reason, then the line and column in the whole file (serde counts from the start
/// of the part, so an item's field on line 22 was reported "line 6").
pub fn in_file(file: &str, part: &str, e: &serde_json::Error) -> String {
    let text = e.to_string();
    let reason = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(r, _)| r);
    let start = (part.as_ptr() as usize)
        .checked_sub(file.as_ptr() as usize)
        .filter(|&o| o + part.len() <= file.len() && file.is_char_boundary(o));
    match start {
        Some(offset) if e.line() > 0 => {
            let before = &file[..offset];
            let line = before.matches('\n').count() + e.line();
            // serde's column counts bytes from its line's start.
            let column = if e.line() == 1 {
                before.rsplit('\n').next().map_or(0, str::len) + e.column()
            } else {
                e.column()
            };
            format!("{reason}（文件第 {line} 行第 {column} 列 / line {line}, column {column}）")
        }
        _ => text,
    }
}

/// Best-effort id of a value that failed to parse, so the report can name it.
pub(crate) fn id_of(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    match v.get("id")? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `text` in `max` characters, `…` included, keeping its end: serde says the line
/// and column there.
fn report(mut text: String, max: usize) -> String {
    clip(&mut text, max - 1, max / 4);
    text
}

impl Problem {
    pub fn error(file: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Error,
            file,
            index: None,
            id: None,
            path: report(path.into(), MAX_MESSAGE_CHARS),
            message: report(message.into(), MAX_MESSAGE_CHARS),
        }
    }

    pub fn warning(
        file: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            level: Level::Warning,
            ..Problem::error(file, path, message)
        }
    }

    pub fn at(mut self, index: usize, id: Option<&str>) -> Self {
        self.index = Some(index);
        self.id = id.map(|id| report(id.to_owned(), MAX_REPORT_ID_CHARS));
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{level}: {} {}", self.file, self.path)?;
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A file that could not be used at all (missing, not JSON, wrong shape).
#[derive(Clone, Debug, PartialEq)]
pub struct FatalError {
    pub file: &'static str,
    pub message: String,
}

impl FatalError {
    pub fn new(file: &'static str, message: impl Into<String>) -> Self {
        FatalError {
            file,
            message: report(message.into(), MAX_MESSAGE_CHARS),
        }
    }
}

impl std::fmt::Display for FatalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for FatalError {}

/// Counts for the problems panel.
pub fn count(problems: &[Problem]) -> (usize, usize) {
    let errors = problems.iter().filter(|p| p.level == Level::Error).count();
    (errors, problems.len() - errors)
}
