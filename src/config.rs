//! `quotecheck.toml`: which rules run and how severe they are, per-glob overrides, files to
//! leave out, and the word lists the sourcing audit reads.
//!
//! The nearest `quotecheck.toml` above each checked file applies to it (`--config` names one
//! for all files, `--isolated` ignores them all). Globs are relative to the directory of the
//! file that holds them. A file that does not parse is an error naming the file, the line and
//! the key: a typo must never fall back silently to the defaults.
//!
//! ```toml
//! exclude = ["drafts/**"]
//! min-quote-words = 2
//!
//! [rules]
//! Q001 = "error"            # by code or by name; "off", "info", "warning" or "error"
//!
//! [words]
//! anonymous = ["a person briefed on"]
//! speakers = { "Ana Ruiz" = ["the mayor", "Mayor Ruiz"] }
//!
//! [[overrides]]
//! files = ["opinion/**"]
//! rules = { unattributed-quote = "off" }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::rules::{self, Severity};
use crate::suppress;

/// The name looked for in each directory from the file up to the root.
pub const FILE_NAME: &str = "quotecheck.toml";

/// A rule's setting: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "off" => Ok(Level::Off),
            other => Severity::parse(other).map(Level::On).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{other}` is not a rule level: use \"off\", \"info\", \"warning\" or \"error\""
                ))
            }),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    min_quote_words: Option<usize>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
    #[serde(default)]
    words: RawWords,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    #[serde(default)]
    anonymous: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    speakers: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
    min_quote_words: Option<usize>,
}

/// Rule settings and the quote-length threshold: the part an override can change.
#[derive(Debug, Clone, Default)]
struct Layer {
    rules: Vec<(&'static str, Level)>,
    min_quote_words: Option<usize>,
}

/// A parsed configuration file (or the defaults).
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// Globs are relative to this directory.
    root: PathBuf,
    exclude: GlobSet,
    base: Layer,
    overrides: Vec<(GlobSet, Layer)>,
    /// Phrases that make a speaker anonymous, in lower case, defaults included.
    pub anonymous: Vec<String>,
    /// Alias (lower case) → the speaker's name.
    pub aliases: HashMap<String, String>,
    /// Extra reporting verbs (lemmas, lower case), inflected by the grammar.
    pub verbs: Vec<String>,
}

/// Phrases that mark a speaker as an anonymous source, whatever the configuration adds.
pub const DEFAULT_ANONYMOUS: &[&str] = &[
    "a person familiar",
    "a source",
    "an insider",
    "an official",
    "anonymity",
    "insiders",
    "not authorized to speak",
    "people familiar",
    "sources",
    "who asked not to be named",
    "who declined to be named",
];

/// The code of a rule named by code or name, including the suppression stage's own code.
pub fn rule_code(key: &str) -> Option<&'static str> {
    if key.eq_ignore_ascii_case(suppress::CODE) || key.eq_ignore_ascii_case(suppress::NAME) {
        return Some(suppress::CODE);
    }
    rules::find(key).map(|r| r.code)
}

impl Config {
    /// The defaults: every rule at its default severity.
    pub fn defaults() -> Config {
        Config {
            anonymous: DEFAULT_ANONYMOUS.iter().map(|s| s.to_string()).collect(),
            ..Config::default()
        }
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// Parses configuration text; `path` names it in errors and roots its globs.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let err = |span: Option<std::ops::Range<usize>>, key: Option<String>, message: String| {
            let at = span.as_ref().map_or(0, |s| s.start.min(text.len()));
            let (line, column) = crate::span::LineIndex::new(text).line_col(text, at);
            Error::Config {
                path: path.to_path_buf(),
                line,
                column,
                key: key.unwrap_or_else(|| key_at(text, at)),
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| err(e.span(), None, e.message().trim().to_string()))?;
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let layer = |rules: BTreeMap<Spanned<String>, Level>,
                     min_quote_words: Option<usize>,
                     table: &str|
         -> Result<Layer, Error> {
            let mut out = Vec::new();
            for (key, level) in rules {
                let Some(code) = rule_code(key.get_ref()) else {
                    return Err(err(
                        Some(key.span()),
                        Some(format!("{table}.{}", key.get_ref())),
                        format!("no rule `{}`; `quotecheck rules` lists them", key.get_ref()),
                    ));
                };
                out.push((code, level));
            }
            Ok(Layer {
                rules: out,
                min_quote_words,
            })
        };
        let globs = |patterns: &[Spanned<String>], key: &str| -> Result<GlobSet, Error> {
            let mut set = GlobSetBuilder::new();
            for p in patterns {
                let glob = GlobBuilder::new(p.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|e| err(Some(p.span()), Some(key.to_string()), e.to_string()))?;
                set.add(glob);
            }
            set.build()
                .map_err(|e| err(None, Some(key.to_string()), e.to_string()))
        };
        let base = layer(raw.rules, raw.min_quote_words, "rules")?;
        let exclude = globs(&raw.exclude, "exclude")?;
        let mut overrides = Vec::new();
        for (i, o) in raw.overrides.into_iter().enumerate() {
            let set = globs(&o.files, &format!("overrides[{i}].files"))?;
            overrides.push((
                set,
                layer(o.rules, o.min_quote_words, &format!("overrides[{i}].rules"))?,
            ));
        }
        let mut anonymous: Vec<String> = DEFAULT_ANONYMOUS.iter().map(|s| s.to_string()).collect();
        anonymous.extend(raw.words.anonymous.iter().map(|s| s.to_lowercase()));
        let mut aliases = HashMap::new();
        for (name, list) in raw.words.speakers {
            for alias in list {
                aliases.insert(alias.to_lowercase(), name.clone());
            }
            aliases.insert(name.to_lowercase(), name);
        }
        let verbs = raw
            .words
            .verbs
            .iter()
            .map(|v| v.trim().to_lowercase())
            .collect();
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            exclude,
            base,
            overrides,
            anonymous,
            aliases,
            verbs,
        })
    }

    /// The path of `file` relative to this configuration's directory, with `/` separators.
    fn relative(&self, file: &Path) -> String {
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        let s = rel.to_string_lossy().replace('\\', "/");
        s.strip_prefix("./").map(str::to_string).unwrap_or(s)
    }

    /// Whether a glob set matches a file: by its relative path, or by its name alone (a glob
    /// without `/` matches in any directory, as in .gitignore).
    fn matches(&self, set: &GlobSet, file: &Path) -> bool {
        !set.is_empty()
            && (set.is_match(self.relative(file))
                || file.file_name().is_some_and(|n| set.is_match(n)))
    }

    /// Whether a file found by walking a directory is excluded.
    pub fn excludes(&self, file: &Path) -> bool {
        self.matches(&self.exclude, file)
    }

    /// The settings for one file: the base layer, then each matching override in order.
    pub fn settings(self: &Arc<Self>, file: &Path) -> Settings {
        let mut levels: Vec<(&'static str, Level)> = self.base.rules.clone();
        let mut min_quote_words = self.base.min_quote_words;
        for (set, layer) in &self.overrides {
            if self.matches(set, file) {
                levels.extend(layer.rules.iter().copied());
                min_quote_words = layer.min_quote_words.or(min_quote_words);
            }
        }
        Settings {
            levels,
            min_quote_words: min_quote_words.unwrap_or(0),
            config: Arc::clone(self),
        }
    }
}

/// The dotted key of the line holding `offset`: the nearest `[table]` header above it and the
/// key before `=` on the line (toml's errors give a span, not a key).
fn key_at(text: &str, offset: usize) -> String {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    match (table, key.is_empty()) {
        (Some(t), false) => format!("{t}.{key}"),
        (Some(t), true) => t,
        (None, _) => key,
    }
}

/// The configuration that applies to one file.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Rule levels in the order set: the last one for a code wins.
    levels: Vec<(&'static str, Level)>,
    /// Q001 leaves alone quotations with fewer words than this.
    pub min_quote_words: usize,
    pub config: Arc<Config>,
}

impl Default for Settings {
    fn default() -> Self {
        Arc::new(Config::defaults()).settings(Path::new(""))
    }
}

impl Settings {
    /// The severity of a rule for this file, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.levels.iter().rev().find(|(c, _)| *c == code) {
            Some((_, Level::Off)) => None,
            Some((_, Level::On(s))) => Some(*s),
            None => Some(default),
        }
    }
}

/// How configuration files are found.
pub enum Mode {
    /// The nearest `quotecheck.toml` above each file.
    Discover,
    /// One file for everything (`--config`).
    Fixed(Arc<Config>),
    /// Defaults only (`--isolated`).
    Isolated,
}

/// Finds the configuration of each file, reading each `quotecheck.toml` once.
pub struct Resolver {
    mode: Mode,
    defaults: Arc<Config>,
    /// Directory → the configuration that applies in it.
    by_dir: HashMap<PathBuf, Arc<Config>>,
    /// The working directory, asked once: `std::path::absolute` asks the system for every
    /// relative path, a call per file of a directory.
    cwd: Option<PathBuf>,
}

impl Resolver {
    pub fn new(mode: Mode) -> Self {
        Resolver {
            mode,
            defaults: Arc::new(Config::defaults()),
            by_dir: HashMap::new(),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// `std::path::absolute(file)`, relative paths joined to the working directory read once;
    /// the path as given if there is none.
    fn absolute(&self, file: &Path) -> PathBuf {
        let joined;
        let file = match &self.cwd {
            Some(cwd) if file.is_relative() && !file.as_os_str().is_empty() => {
                joined = cwd.join(file);
                &joined
            }
            _ => file,
        };
        std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf())
    }

    /// The configuration that applies to the file at `abs`, an absolute path (the file need
    /// not exist: standard input is resolved from the current directory).
    fn config_at(&mut self, abs: &Path) -> Result<Arc<Config>, Error> {
        match &self.mode {
            Mode::Fixed(c) => Ok(Arc::clone(c)),
            Mode::Isolated => Ok(Arc::clone(&self.defaults)),
            Mode::Discover => self.in_dir(abs.parent().unwrap_or(Path::new(""))),
        }
    }

    fn in_dir(&mut self, dir: &Path) -> Result<Arc<Config>, Error> {
        if let Some(c) = self.by_dir.get(dir) {
            return Ok(Arc::clone(c));
        }
        let candidate = dir.join(FILE_NAME);
        let config = if candidate.is_file() {
            Arc::new(Config::load(&candidate)?)
        } else if let Some(parent) = dir.parent() {
            self.in_dir(parent)?
        } else {
            Arc::clone(&self.defaults)
        };
        self.by_dir.insert(dir.to_path_buf(), Arc::clone(&config));
        Ok(config)
    }

    /// The settings for `file`, with override globs matched against its absolute path.
    pub fn settings(&mut self, file: &Path) -> Result<Settings, Error> {
        let abs = self.absolute(file);
        Ok(self.config_at(&abs)?.settings(&abs))
    }

    /// The settings for a file found by walking, or `None` if its configuration excludes it
    /// (a directory of small articles asks for thousands: the path is made absolute once).
    pub fn walked(&mut self, file: &Path) -> Result<Option<Settings>, Error> {
        let abs = self.absolute(file);
        let config = self.config_at(&abs)?;
        Ok((!config.excludes(&abs)).then(|| config.settings(&abs)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(Path::new("/p/quotecheck.toml"), text)
    }

    #[test]
    fn levels_and_overrides() {
        let c = Arc::new(
            parse(
                "[rules]\nQ001 = \"error\"\n\n[[overrides]]\nfiles = [\"opinion/**\"]\nrules = { unattributed-quote = \"off\" }\n",
            )
            .unwrap(),
        );
        let news = c.settings(Path::new("/p/news/a.md"));
        assert_eq!(
            news.severity("Q001", Severity::Warning),
            Some(Severity::Error)
        );
        let opinion = c.settings(Path::new("/p/opinion/a.md"));
        assert_eq!(opinion.severity("Q001", Severity::Warning), None);
        assert_eq!(
            opinion.severity("Q002", Severity::Error),
            Some(Severity::Error)
        );
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse("[rules]\nQ001 = \"loud\"\n").unwrap_err().to_string();
        assert!(e.contains(":2:") && e.contains("rules.Q001"), "{e}");
        let e = parse("[rules]\nQ009 = \"off\"\n").unwrap_err().to_string();
        assert!(e.contains(":2:") && e.contains("rules.Q009"), "{e}");
        let e = parse("\nmin-quote-word = 3\n").unwrap_err().to_string();
        assert!(e.contains(":2:") && e.contains("min-quote-word"), "{e}");
    }
}
