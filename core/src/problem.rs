//! What the loaders report about a file: every rejected feature and every warning,
//! with where it is and why, so maintainers can fix the file and residents still
//! see everything that was valid.

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

impl Problem {
    pub fn error(file: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Error,
            file,
            index: None,
            id: None,
            path: path.into(),
            message: message.into(),
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
        self.id = id.map(str::to_owned);
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
