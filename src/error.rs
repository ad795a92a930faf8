//! The library's typed errors. Problems in the text (unclosed quotes) are diagnostics, not
//! errors; these are the inputs that could not be read at all.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset}); is it a binary file?")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}); skipped")]
    Binary { path: PathBuf, offset: usize },
    #[error("{name}: internal error, the document was not checked (please report it): {message}")]
    Internal { name: String, message: String },
    #[error("{path}:{line}:{column}: bad configuration at key `{key}`: {message}")]
    Config {
        path: PathBuf,
        line: usize,
        column: usize,
        key: String,
        message: String,
    },
    #[error("{path}:{line}: {message}")]
    JsonLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;
