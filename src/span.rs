//! Byte spans into the original file, and the one place offsets become line and column.

use serde::Serialize;

/// A byte range `start..end` into a source text. Every stage speaks in these; line and column
/// are computed only when printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} runs backwards");
        Span { start, end }
    }

    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Maps byte offsets to 1-based line and column (columns in characters), built once per file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The last column computed (line, offset, column in characters, column in UTF-16
    /// units): outputs ask in increasing order, so counting goes on from there instead of from
    /// the start of a line that may be a whole paragraph long.
    last: std::cell::Cell<(usize, usize, usize, usize)>,
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            last: std::cell::Cell::new((usize::MAX, 0, 0, 0)),
        }
    }

    /// 0-based character and UTF-16 columns of `offset` on `line`.
    fn columns(&self, src: &str, line: usize, offset: usize) -> (usize, usize) {
        let (l, at, chars, units) = self.last.get();
        let (from, mut chars, mut units) = if l == line && at <= offset {
            (at, chars, units)
        } else {
            (self.line_starts[line], 0, 0)
        };
        for c in src[from..offset].chars() {
            chars += 1;
            units += c.len_utf16();
        }
        self.last.set((line, offset, chars, units));
        (chars, units)
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte span of line `line` (0-based), without its line terminator.
    pub fn line_span(&self, src: &str, line: usize) -> Span {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(src.len(), |next| next - 1);
        if end > start && src.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        (line + 1, self.columns(src, line, offset).0 + 1)
    }

    /// A cursor giving `line_col` for offsets in increasing order, counting characters only
    /// from the previous offset on the same line: linear over a file however long its lines.
    pub fn cursor<'a>(&'a self, src: &'a str) -> LineColCursor<'a> {
        LineColCursor {
            index: self,
            src,
            line: usize::MAX,
            offset: 0,
            col: 0,
        }
    }

    /// 1-based column counted in UTF-16 code units (SARIF's and LSP's unit).
    pub fn utf16_col(&self, src: &str, offset: usize) -> usize {
        let line = self.line_of(offset);
        self.columns(src, line, offset).1 + 1
    }

    /// 1-based column counted in bytes.
    pub fn byte_col(&self, offset: usize) -> usize {
        offset - self.line_starts[self.line_of(offset)] + 1
    }
}

/// See [`LineIndex::cursor`].
pub struct LineColCursor<'a> {
    index: &'a LineIndex,
    src: &'a str,
    line: usize,
    offset: usize,
    col: usize,
}

impl LineColCursor<'_> {
    /// 1-based line and 1-based column counted in characters, as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let line = self.index.line_of(offset);
        if line == self.line && offset >= self.offset {
            self.col += self.src[self.offset..offset].chars().count();
        } else {
            self.col = self.src[self.index.line_starts[line]..offset]
                .chars()
                .count()
                + 1;
        }
        self.line = line;
        self.offset = offset;
        (line + 1, self.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = "ab\n“cd” e\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), (1, 1));
        assert_eq!(idx.line_col(src, 3), (2, 1));
        let e = src.find('e').unwrap();
        assert_eq!(idx.line_col(src, e), (2, 6));
        assert_eq!(idx.byte_col(e), 10);
        assert_eq!(idx.line_span(src, 1).text(src), "“cd” e");
    }

    #[test]
    fn cursor_agrees_with_line_col() {
        let src = "ab “c” d\n\n“é” ‘x’ y\r\nlast";
        let idx = LineIndex::new(src);
        let offsets: Vec<usize> = (0..=src.len())
            .filter(|&i| src.is_char_boundary(i))
            .collect();
        let mut cursor = idx.cursor(src);
        for &o in &offsets {
            assert_eq!(cursor.line_col(o), idx.line_col(src, o), "at {o}");
        }
        // Going back is allowed too: it recounts from the line start.
        let mut cursor = idx.cursor(src);
        for &o in offsets.iter().rev().chain(&offsets) {
            assert_eq!(cursor.line_col(o), idx.line_col(src, o), "at {o}");
        }
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let src = "one\r\ntwo";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_span(src, 0).text(src), "one");
        assert_eq!(idx.line_col(src, 5), (2, 1));
    }
}
