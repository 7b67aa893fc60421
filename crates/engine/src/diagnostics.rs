//! Located problems with the user's input.
//!
//! Architecture invariant: parsing never fails. [`crate::manifest::parse`] always returns the
//! diagnostics it found *and* whatever it could build, so the UI keeps the user's text and the
//! last good timeline while it shows these.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be simulated (the API server would reject it, or it is not YAML).
    Error,
    /// Simulated anyway, but worth saying: unknown fields, inferred-behaviour assumptions.
    Warning,
}

/// One located problem. `line`/`column` are 1-based positions in the whole pasted text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// API-server style field path, e.g. `spec.containers[0].livenessProbe.periodSeconds`
    /// (empty when the problem is not about a field, such as a YAML syntax error).
    pub path: String,
    pub message: String,
    /// For a problem inside a string field (a container's script): the 1-based line and column
    /// within that string, which the caller turns into `line`/`column` in the pasted text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub offset: Option<(usize, usize)>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            line: None,
            column: None,
            path: path.into(),
            message: message.into(),
            offset: None,
        }
    }
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            line: None,
            column: None,
            path: path.into(),
            message: message.into(),
            offset: None,
        }
    }
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    /// `3:5: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}
