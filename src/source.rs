//! One input document: where it came from, its text, and how its markup is read.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How a document's markup is read. `Auto` is resolved from the file name before analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format a file name implies, or `None` for a file we do not check by default.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A document to analyse. `name` is the path as given, or the id of a JSON Lines record.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    /// True for records read from JSON Lines: output names them `id`, not `path`.
    pub is_record: bool,
    pub text: String,
    pub format: Format,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>, format: Format) -> Self {
        SourceFile {
            name: name.into(),
            is_record: false,
            text: text.into(),
            format,
        }
    }
}

/// Turns raw bytes into text, refusing binary files and invalid UTF-8 with an error that names
/// the file and the offset, so the caller can report it and go on with the other files.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    // A NUL in the first 8 KiB is how git and ripgrep recognise binary files.
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    // Validated with SIMD (several times std's speed on news text); the error still says where.
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: just validated as UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        }),
    }
}

/// Reads one file from disk.
pub fn read(path: &Path, format: Format) -> Result<SourceFile> {
    // Read without asking the size first (`fs::read` and `File::read_to_end` do, a system
    // call per file): most articles fit the first buffer. A file that fills it is asked its size
    // once, so that a long one is not copied at every doubling of the buffer. (`Take` reads with
    // the generic loop.)
    const FIRST: usize = 16 * 1024;
    let read = || -> std::io::Result<Vec<u8>> {
        let mut file = std::fs::File::open(path)?;
        let mut bytes = Vec::with_capacity(FIRST);
        let mut head = std::io::Read::take(&mut file, FIRST as u64);
        std::io::Read::read_to_end(&mut head, &mut bytes)?;
        if bytes.len() == FIRST {
            // (A file still growing, or without a size such as a pipe, reads on all the same.)
            let size = file.metadata().map_or(0, |m| m.len() as usize);
            bytes.reserve(size.saturating_sub(FIRST) + 1);
            std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, u64::MAX), &mut bytes)?;
        }
        Ok(bytes)
    };
    let bytes = read().map_err(|source| Error::Io {
        path: PathBuf::from(path),
        source,
    })?;
    let text = decode(path, bytes)?;
    Ok(SourceFile::new(path.display().to_string(), text, format))
}
