//! The one CSV reader: every command that takes a CSV file (`effect --input`, `meta`, `lmm`,
//! `plot`) reads it here, so that they all accept the same files and report problems the
//! same way.
//!
//! What it accepts: a header row naming the columns, then one row per record; fields may be
//! quoted (a quoted field may hold commas and newlines); lines may end in CRLF; a UTF-8
//! byte-order mark before the header (as spreadsheet programs write it) is ignored; spaces
//! around a field are ignored; blank lines are skipped. A cell is *missing* when it is empty
//! or `NA`. What it refuses, with the place: an empty file, two columns with the same name
//! (which one a command would read is otherwise unsaid), a row with more or fewer fields
//! than the header, a cell that is not a number where a number is needed.
//!
//! Every message names the place in one format, `FILE:LINE: column C: what is wrong; what is
//! allowed`, with LINE the line of the file on which the row starts (the header is line 1).
//!
//! Large files: [`CsvFile::fold_rows_parallel`] cuts a body without quotes at newlines and
//! parses the pieces on all cores (rayon), then merges them in order. `lmm` reads a million
//! rows this way; the others use [`CsvFile::for_each_row`].

use crate::error::{Error, Result};
use rayon::prelude::*;
use std::path::Path;

/// How many column names a message lists at most.
pub const LISTED_COLUMNS: usize = 50;

/// A CSV file read into memory, with its header parsed.
#[derive(Debug, Clone)]
pub struct CsvFile {
    /// The file name, as given (for messages).
    name: String,
    bytes: Vec<u8>,
    /// Column names, trimmed, byte-order mark removed.
    header: Vec<String>,
    /// The column indices sorted by name, so that finding a name given twice, and looking a
    /// column up, cost n log n and log n at a million columns (a scan per name made the
    /// first quadratic in the columns: a 1,000,000-column file took over 120 s). A sorted
    /// list of indices allocates nothing per name, unlike a hash map of names.
    index: Vec<usize>,
    /// Byte offset of the first row after the header.
    body_start: usize,
}

/// One row of a [`CsvFile`] while it is being read.
pub struct Row<'a> {
    file: &'a CsvFile,
    /// The line of the file on which the row starts (the header is line 1).
    pub line: usize,
    record: &'a csv::ByteRecord,
    /// The row's bytes in the piece being parsed (for [`CsvFile::without_rows`]).
    span: std::ops::Range<usize>,
}

impl CsvFile {
    /// Read the file at `path` and its header.
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use std::path::Path;
    /// use trialstats_numerics::csv_file::CsvFile;
    /// // The 13 BCG trials (Colditz et al. 1994; metafor's dat.bcg), one row each.
    /// let csv = CsvFile::read(Path::new("tests/data/bcg.csv"))?;
    /// assert_eq!(csv.header(), ["study", "yi", "vi", "ablat", "year", "alloc"]);
    /// assert_eq!(csv.for_each_row(|_| Ok(()))?, 13); // the number of rows
    /// assert!(CsvFile::read(Path::new("tests/data/no-such.csv")).is_err());
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn read(path: &Path) -> Result<CsvFile> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        CsvFile::from_bytes(&path.display().to_string(), bytes)
    }

    /// A CSV text held in memory; `name` stands for the file in messages.
    ///
    /// ```
    /// use trialstats_numerics::csv_file::CsvFile;
    /// // Two arms; the drug arm's SD is missing (NA, as R writes it).
    /// let csv = CsvFile::from_text("arms.csv", "arm,n,sd\nplacebo,58,1.2\ndrug,60,NA\n")?;
    /// let (n, sd) = (csv.require("n", "--n")?, csv.require("sd", "--sd")?);
    /// let mut cells = Vec::new();
    /// csv.for_each_row(|row| Ok(cells.push((row.required_number(n)?, row.number(sd)?))))?;
    /// assert_eq!(cells, [(58.0, Some(1.2)), (60.0, None)]);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn from_text(name: &str, text: &str) -> Result<CsvFile> {
        CsvFile::from_bytes(name, text.as_bytes().to_vec())
    }

    fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<CsvFile> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(bytes.as_slice());
        let raw = reader
            .byte_headers()
            .map_err(|e| Error::input(format!("{name}:1"), format!("cannot read the header: {e}")))?
            .clone();
        let mut body_start = reader.position().byte() as usize;
        // The reader stops after the '\r' of a CRLF header; its '\n' is not a blank line.
        if body_start > 0
            && bytes.get(body_start - 1) == Some(&b'\r')
            && bytes.get(body_start) == Some(&b'\n')
        {
            body_start += 1;
        }
        let mut header = Vec::with_capacity(raw.len());
        for (i, h) in raw.iter().enumerate() {
            let h = if i == 0 {
                h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h)
            } else {
                h
            };
            let h = std::str::from_utf8(h).map_err(|_| {
                Error::input(
                    format!("{name}:1"),
                    format!("column {}: the name is not UTF-8 text", i + 1),
                )
            })?;
            header.push(h.trim().to_string());
        }
        if header.iter().all(String::is_empty) {
            return Err(Error::input(
                format!("{name}:1"),
                "the file is empty: a header row naming the columns is needed",
            ));
        }
        // The columns in order of name (a stable sort: equal names keep their order), so
        // that a name given twice stands next to its first column.
        let mut index: Vec<usize> = (0..header.len()).collect();
        index.sort_by(|&a, &b| header[a].cmp(&header[b]));
        for pair in index.windows(2) {
            let (first, again) = (pair[0], pair[1]);
            let h = &header[again];
            // Unnamed columns may repeat: no option can ask for one by name.
            if !h.is_empty() && header[first] == *h {
                return Err(Error::input(
                    format!("{name}:1"),
                    format!(
                        "column '{h}' appears twice (columns {} and {}); give each column its own name",
                        first + 1,
                        again + 1
                    ),
                ));
            }
        }
        Ok(CsvFile {
            name: name.to_string(),
            bytes,
            header,
            index,
            body_start,
        })
    }

    /// The file name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The column names.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The index of the column called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        let at = self
            .index
            .partition_point(|&i| self.header[i].as_str() < name);
        self.index
            .get(at)
            .copied()
            .filter(|&i| self.header[i] == name)
    }

    /// The index of the first of `names` present, compared without regard to case (for
    /// conventional columns such as `study` or `label`).
    ///
    /// ```
    /// use trialstats_numerics::csv_file::CsvFile;
    /// let csv = CsvFile::from_text("bcg.csv", "Study,yi,vi\nAronson 1948,-0.889,0.326\n")?;
    /// assert_eq!(csv.find("yi"), Some(1));
    /// assert_eq!(csv.find("study"), None); // exact names are case-sensitive
    /// assert_eq!(csv.find_ignore_case(&["label", "study"]), Some(0));
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn find_ignore_case(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| {
            self.header
                .iter()
                .position(|h| !h.is_empty() && h.eq_ignore_ascii_case(n))
        })
    }

    /// The index of the column called `name`, or an error naming `option` (the option or
    /// formula that asked for it) and listing the columns there are.
    ///
    /// ```
    /// use trialstats_numerics::csv_file::CsvFile;
    /// let csv = CsvFile::from_text("arms.csv", "arm,n\nplacebo,58\ndrug,60\n")?;
    /// assert_eq!(csv.require("n", "--n")?, 1);
    /// // A missing column is refused, naming the option that asked for it and the columns.
    /// let e = csv.require("sd", "--sd").unwrap_err().to_string();
    /// assert!(e.contains("--sd") && e.contains("arm, n"));
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn require(&self, name: &str, option: &str) -> Result<usize> {
        self.find(name).ok_or_else(|| {
            Error::input(
                option,
                format!(
                    "no column '{name}' in {}; its columns are: {}",
                    self.name,
                    self.column_list()
                ),
            )
        })
    }

    /// The column names for a message: all of them up to [`LISTED_COLUMNS`], else the first
    /// ones and how many more (a registry export of 100,000 columns would otherwise make a
    /// message of megabytes).
    pub fn column_list(&self) -> String {
        let shown = self.header.len().min(LISTED_COLUMNS);
        let mut list = self.header[..shown].join(", ");
        if self.header.len() > shown {
            list.push_str(&format!(", … ({} more)", self.header.len() - shown));
        }
        list
    }

    /// `FILE:LINE: column C`, the place of one cell.
    pub fn location(&self, line: usize, column: usize) -> String {
        format!(
            "{}:{line}: column {}",
            self.name,
            self.header.get(column).map_or("?", String::as_str)
        )
    }

    /// `FILE:LINE`, the place of one row.
    pub fn line_location(&self, line: usize) -> String {
        format!("{}:{line}", self.name)
    }

    /// The file without the rows for which `drop` is true, and the lines those rows start
    /// on. A dropped row leaves its line breaks behind (blank lines, which are skipped), so
    /// every kept row keeps its line number in messages.
    pub fn without_rows(
        &self,
        mut drop: impl FnMut(&Row) -> Result<bool>,
    ) -> Result<(CsvFile, Vec<usize>)> {
        let mut spans = Vec::new();
        let mut lines = Vec::new();
        self.for_each_row(|row| {
            if drop(row)? {
                spans.push(row.span.clone());
                lines.push(row.line);
            }
            Ok(())
        })?;
        if spans.is_empty() {
            return Ok((self.clone(), lines));
        }
        let body_start = self.body_start.min(self.bytes.len());
        let body = self.body();
        let mut bytes = self.bytes[..body_start].to_vec();
        let mut copied = 0;
        for span in spans {
            bytes.extend_from_slice(&body[copied..span.start]);
            bytes.extend(body[span.clone()].iter().filter(|&&b| b == b'\n'));
            copied = span.end;
        }
        bytes.extend_from_slice(&body[copied..]);
        Ok((
            CsvFile {
                name: self.name.clone(),
                bytes,
                header: self.header.clone(),
                index: self.index.clone(),
                body_start: self.body_start,
            },
            lines,
        ))
    }

    fn body(&self) -> &[u8] {
        &self.bytes[self.body_start.min(self.bytes.len())..]
    }

    /// Call `each` on every row in order; returns the number of rows.
    pub fn for_each_row(&self, mut each: impl FnMut(&Row) -> Result<()>) -> Result<usize> {
        self.parse_piece(self.body(), 2, &mut each)
    }

    /// Parse the rows on all cores: `init` makes an empty accumulator for each piece, `each`
    /// adds one row to it, and the pieces' accumulators after the first are handed to `merge`
    /// in file order, to be added to the first's.
    /// A body with a quote is read in one piece (a quoted field may hold a newline, so
    /// newlines do not delimit rows there).
    pub fn fold_rows_parallel<B: Send>(
        &self,
        init: impl Fn() -> B + Sync,
        each: impl Fn(&mut B, &Row) -> Result<()> + Sync,
        mut merge: impl FnMut(&mut B, B),
    ) -> Result<B> {
        let body = self.body();
        let pieces = if body.contains(&b'"') {
            vec![(body, 2usize)]
        } else {
            split_at_newlines(body, 2, rayon::current_num_threads() * 2)
        };
        let parsed: Vec<Result<B>> = pieces
            .par_iter()
            .map(|(piece, first_line)| {
                let mut acc = init();
                self.parse_piece(piece, *first_line, &mut |row| each(&mut acc, row))?;
                Ok(acc)
            })
            .collect();
        // The first piece's accumulator takes the others (merging it into an empty one would
        // copy it once more).
        let mut parts = parsed.into_iter();
        let mut all = match parts.next() {
            Some(first) => first?,
            None => init(),
        };
        for part in parts {
            merge(&mut all, part?);
        }
        Ok(all)
    }

    /// Parse `piece` (whole rows, no header), whose first row is on line `first_line`.
    fn parse_piece(
        &self,
        piece: &[u8],
        first_line: usize,
        each: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<usize> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(piece);
        let mut record = csv::ByteRecord::new();
        let mut rows = 0;
        // The line of a row is counted from the newlines before its first byte (the csv
        // crate's own line count does not count blank lines it skips).
        let (mut counted_to, mut line) = (0usize, first_line);
        let mut line_at = |byte: usize| {
            // A record's position can be that of blank lines skipped before it.
            let mut byte = byte.min(piece.len());
            while byte < piece.len() && (piece[byte] == b'\n' || piece[byte] == b'\r') {
                byte += 1;
            }
            if byte > counted_to {
                line += count_newlines(&piece[counted_to..byte]);
                counted_to = byte;
            }
            line
        };
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let at = e
                        .position()
                        .map_or(first_line, |p| line_at(p.byte() as usize));
                    return Err(Error::input(
                        self.line_location(at),
                        format!("cannot read the row: {e}"),
                    ));
                }
            }
            let line = record
                .position()
                .map_or(first_line, |p| line_at(p.byte() as usize));
            if record.len() != self.header.len() {
                return Err(Error::input(
                    self.line_location(line),
                    format!(
                        "the row has {} fields but the header has {}; every row needs one field per column (an empty field for a missing value)",
                        record.len(),
                        self.header.len()
                    ),
                ));
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            each(&Row {
                file: self,
                line,
                record: &record,
                span: start..reader.position().byte() as usize,
            })?;
            rows += 1;
        }
        Ok(rows)
    }
}

impl Row<'_> {
    /// `FILE:LINE: column C` for column `column` of this row.
    pub fn location(&self, column: usize) -> String {
        self.file.location(self.line, column)
    }

    /// `FILE:LINE` for this row.
    pub fn line_location(&self) -> String {
        self.file.line_location(self.line)
    }

    /// The cell's bytes, spaces around it removed.
    pub fn bytes(&self, column: usize) -> &[u8] {
        trim(self.record.get(column).unwrap_or(b""))
    }

    /// Whether the cell is missing: empty or `NA`.
    pub fn is_missing(&self, column: usize) -> bool {
        is_missing(self.bytes(column))
    }

    /// The cell as text (spaces around it removed).
    pub fn text(&self, column: usize) -> Result<&str> {
        std::str::from_utf8(self.bytes(column))
            .map_err(|_| Error::input(self.location(column), "the cell is not UTF-8 text"))
    }

    /// The cell as a finite number; `None` when missing.
    pub fn number(&self, column: usize) -> Result<Option<f64>> {
        let cell = self.bytes(column);
        if is_missing(cell) {
            return Ok(None);
        }
        parse_number(cell).map(Some).ok_or_else(|| {
            Error::input(
                self.location(column),
                format!(
                    "'{}' is not a number; a finite number is needed here (write NA or leave the cell empty for a missing value)",
                    String::from_utf8_lossy(cell)
                ),
            )
        })
    }

    /// The cell as a finite number that must be there.
    pub fn required_number(&self, column: usize) -> Result<f64> {
        self.number(column)?.ok_or_else(|| {
            Error::input(
                self.location(column),
                "the cell is missing; a number is needed here",
            )
        })
    }
}

/// Whether a trimmed cell counts as missing: empty or `NA`.
pub fn is_missing(cell: &[u8]) -> bool {
    cell.is_empty() || cell == b"NA"
}

/// A cell as a finite number (`inf` and `NaN` are not data values).
///
/// ```
/// use trialstats_numerics::csv_file::{is_missing, parse_number};
/// assert_eq!(parse_number(b" -0.889 "), Some(-0.889));
/// assert_eq!(parse_number(b"inf"), None);
/// assert!(is_missing(b"NA") && is_missing(b"") && !is_missing(b"0"));
/// ```
pub fn parse_number(cell: &[u8]) -> Option<f64> {
    if let Some(x) = parse_plain_decimal(cell) {
        return Some(x);
    }
    let s = std::str::from_utf8(cell).ok()?;
    let x: f64 = s.trim().parse().ok()?;
    x.is_finite().then_some(x)
}

/// A plain decimal of at most 15 digits (`-12.345`, `7`, `+.5`; no exponent, no spaces) read
/// without the general algorithm, to the same value as `str::parse`: its digits form an integer
/// `m < 10¹⁵ < 2⁵³` and its point a power `10ᵏ` (`k ≤ 15`), both exact in binary, so `m / 10ᵏ`
/// is one correctly rounded division, which is the correctly rounded value of the decimal
/// (Clinger 1990, *How to read floating point numbers accurately*, PLDI, the fast path).
/// `None` for anything else, which the general parse decides.
fn parse_plain_decimal(cell: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, body) = match cell.first()? {
        b'-' => (true, &cell[1..]),
        b'+' => (false, &cell[1..]),
        _ => (false, cell),
    };
    let (mut m, mut digits, mut point) = (0u64, 0usize, None);
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(b - b'0');
                digits += 1;
                if digits > 15 {
                    return None;
                }
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let x = m as f64 / POWERS[point.map_or(0, |i| body.len() - 1 - i)];
    Some(if negative { -x } else { x })
}

fn trim(cell: &[u8]) -> &[u8] {
    let start = cell
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &cell[start..end]
}

/// The number of `\n` bytes in `bytes`, eight at a time: in `w ^ 0x0a0a…0a` a byte is zero
/// where `w` has a newline, and `((v & 0x7f…) + 0x7f…) | v` sets the high bit of exactly the
/// bytes of `v` that are not zero (no carry crosses a byte).
fn count_newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut words = bytes.chunks_exact(8);
    let mut n = 0;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let v = u64::from_le_bytes(w) ^ NEWLINES;
        let nonzero = ((v & LOW7) + LOW7) | v;
        n += (!nonzero & !LOW7).count_ones() as usize;
    }
    n + words.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Cut `body` into about `parts` pieces at newlines; each piece comes with the line number
/// of its first row (`first_line` for the first piece).
fn split_at_newlines(body: &[u8], first_line: usize, parts: usize) -> Vec<(&[u8], usize)> {
    let mut out = Vec::new();
    let target = body.len() / parts.max(1) + 1;
    let (mut start, mut line) = (0usize, first_line);
    while start < body.len() {
        let mut end = (start + target).min(body.len());
        while end < body.len() && body[end - 1] != b'\n' {
            end += 1;
        }
        let piece = &body[start..end];
        out.push((piece, line));
        line += count_newlines(piece);
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(f: &CsvFile, col: &str) -> Result<Vec<Option<f64>>> {
        let c = f.require(col, "--col")?;
        let mut out = Vec::new();
        f.for_each_row(|r| {
            out.push(r.number(c)?);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn bom_crlf_quotes_spaces_and_missing_cells() {
        let f = CsvFile::from_text(
            "t.csv",
            "\u{feff}study, yi ,vi\r\n\"A, 2001\",1.5,NA\r\n\r\nB, -2 ,\r\n",
        )
        .unwrap();
        assert_eq!(f.header(), ["study", "yi", "vi"]);
        assert_eq!(numbers(&f, "yi").unwrap(), [Some(1.5), Some(-2.0)]);
        assert_eq!(numbers(&f, "vi").unwrap(), [None, None]);
        let mut labels = Vec::new();
        f.for_each_row(|r| {
            labels.push((r.line, r.text(0)?.to_string()));
            Ok(())
        })
        .unwrap();
        assert_eq!(labels, [(2, "A, 2001".to_string()), (4, "B".to_string())]);
    }

    #[test]
    fn plain_decimals_read_as_the_general_parse_reads_them() {
        let cells = [
            "0",
            "-0",
            "7",
            "+7",
            "-12.345",
            "40.724",
            "0.1",
            "0.3",
            ".5",
            "5.",
            "-.25",
            "123456789012345",
            "0.000000000000001",
            "9.99999999999999",
            "1234567.8901234",
            "9007199254740993",
            "1e5",
            "1.5e-3",
            ".",
            "-",
            "+",
            "",
            "1.2.3",
            "1,5",
            " 2",
            "inf",
            "NaN",
            "0x10",
            "12345678901234567890",
        ];
        for c in cells {
            let want = c.trim().parse::<f64>().ok().filter(|x| x.is_finite());
            let got = parse_number(c.as_bytes());
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{c}");
        }
        // Every decimal with three places over a range, as the benchmarks write them.
        for i in -20_000i64..20_000 {
            let c = format!(
                "{}{}.{:03}",
                if i < 0 { "-" } else { "" },
                i.abs() / 1000,
                i.abs() % 1000
            );
            assert_eq!(
                parse_number(c.as_bytes()).map(f64::to_bits),
                c.parse::<f64>().ok().map(f64::to_bits),
                "{c}"
            );
        }
    }

    #[test]
    fn newlines_are_counted_eight_bytes_at_a_time() {
        let text = "a,b\n\n1,2\r\n\n\n\nxyz\n\u{e9}\n\u{ff}\u{80}\n\n\x0b\n\t\n";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                let want = bytes.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(count_newlines(bytes), want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn problems_are_refused_at_their_place() {
        let e = CsvFile::from_text("t.csv", "").unwrap_err().to_string();
        assert!(e.starts_with("t.csv:1: the file is empty"), "{e}");
        let e = CsvFile::from_text("t.csv", "a,b,a\n1,2,3\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.csv:1: column 'a' appears twice (columns 1 and 3)"),
            "{e}"
        );
        let f = CsvFile::from_text("t.csv", "a,b\n1,2\n3\n").unwrap();
        let e = numbers(&f, "a").unwrap_err().to_string();
        assert!(
            e.starts_with("t.csv:3: the row has 1 fields but the header has 2"),
            "{e}"
        );
        let f = CsvFile::from_text("t.csv", "a,b\n1,2\nx,3\n").unwrap();
        let e = numbers(&f, "a").unwrap_err().to_string();
        assert!(
            e.starts_with("t.csv:3: column a: 'x' is not a number"),
            "{e}"
        );
        let f = CsvFile::from_text("t.csv", "a,b\ninf,2\n").unwrap();
        assert!(numbers(&f, "a").is_err());
        let e = f.require("c", "--yi").unwrap_err().to_string();
        assert!(
            e.starts_with("--yi: no column 'c' in t.csv; its columns are: a, b"),
            "{e}"
        );
    }

    #[test]
    fn parallel_pieces_keep_order_and_line_numbers() {
        let mut text = String::from("y,g\n");
        for i in 0..500 {
            text.push_str(&format!("{i},{}\n", ["b", "a", "c"][i % 3]));
        }
        let f = CsvFile::from_text("t.csv", &text).unwrap();
        let all = f
            .fold_rows_parallel(
                Vec::new,
                |acc: &mut Vec<(usize, f64)>, r| {
                    acc.push((r.line, r.required_number(0)?));
                    Ok(())
                },
                |all, part| all.extend(part),
            )
            .unwrap();
        assert_eq!(all.len(), 500);
        assert!(
            all.iter()
                .enumerate()
                .all(|(i, (line, y))| *y == i as f64 && *line == i + 2)
        );
        let bad = CsvFile::from_text("t.csv", &text.replacen("400,", "4x0,", 1)).unwrap();
        let e = bad
            .fold_rows_parallel(|| (), |_, r| r.required_number(0).map(|_| ()), |_, _| {})
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.csv:402: column y:"), "{e}");
    }

    #[test]
    fn dropped_rows_leave_the_other_rows_on_their_lines() {
        // A quoted field over two lines, CRLF endings, a blank line and no final newline.
        let f = CsvFile::from_text("t.csv", "s,y\r\nA,1\r\n\"B\nb\",NA\r\n\r\nC,x\r\nD,\r\nE,5")
            .unwrap();
        let y = f.find("y").unwrap();
        let (kept, lines) = f.without_rows(|r| Ok(r.is_missing(y))).unwrap();
        assert_eq!(lines, [3, 7]);
        let mut seen = Vec::new();
        kept.for_each_row(|r| {
            seen.push((r.line, r.text(0)?.to_string()));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (2, "A".to_string()),
                (6, "C".to_string()),
                (8, "E".to_string())
            ]
        );
        // A message about a kept row still names its own line.
        let e = numbers(&kept, "y").unwrap_err().to_string();
        assert!(e.starts_with("t.csv:6: column y:"), "{e}");
        let (same, none) = f.without_rows(|_| Ok(false)).unwrap();
        assert!(none.is_empty());
        assert_eq!(same.bytes, f.bytes);
    }
}
