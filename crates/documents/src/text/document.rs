//! A document file as text: plain text, a web page (HTML) or a PDF, read into the running
//! text the readers of [`super`] look at.
//!
//! Manuscripts reach reviewers as PDFs and journal web pages as often as plain text; statcheck
//! reads all three (`checkPDF`, `checkHTML`). [`Document::read`] tells them apart by their
//! first bytes (not by the file name, which is often wrong), and refuses what is not a text
//! (empty, binary, not UTF-8, a PDF with no text layer) with a message that names the file.
//!
//! - **HTML**: the bytes are decoded by the page's own character set (a byte-order mark, else
//!   `<meta charset>`, else UTF-8, else Windows-1252, as browsers do); scripts, styles and
//!   comments are dropped; block elements (`p`, `div`, `br`, `li`, `tr`, headings) end a line,
//!   table cells are separated by tabs, and the line breaks of the source inside a paragraph
//!   become spaces, as a browser shows them. Entities are decoded (`&lt;`, `&#8722;`).
//! - **PDF** (feature `pdf`): the text layer, in reading order, by the `pdf-extract` crate
//!   (pure Rust, so nothing outside Cargo is needed; statcheck calls the external pdftotext).
//!   A PDF it cannot read is an error, never a panic.
//!
//! Line numbers in findings are those of the text read here; for a web page or a PDF that is
//! the extracted text, which `--format json` and the quotes show.

use std::path::Path;

use crate::error::{Error, Result};

/// The longest document text read (10 MB): the readers go through the text several times,
/// and a 50 MB file took over a minute and a half to draft; a trial report is well under 1 MB.
/// A longer plain text or HTML file, or a PDF with a longer text layer, is refused (exit 2).
pub const MAX_TEXT_BYTES: usize = 10_000_000;

/// What a document file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// UTF-8 plain text.
    Text,
    /// A web page.
    Html,
    /// A PDF's text layer.
    Pdf,
}

impl DocumentKind {
    /// The name printed in messages.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Text => "plain text",
            DocumentKind::Html => "HTML",
            DocumentKind::Pdf => "PDF",
        }
    }
}

/// A document read as running text.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// What the file was.
    pub kind: DocumentKind,
    /// Its text: the file itself for plain text, the extracted text otherwise.
    pub text: String,
}

impl Document {
    /// Reads `path` as plain text, HTML or PDF, by its first bytes.
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use std::path::Path;
    /// use trialstats_documents::text::{Document, DocumentKind};
    /// // The web page writes <i>t</i>(37) = &minus;4.93: read as text, tags dropped and the
    /// // entity decoded to U+2212, as a browser shows it.
    /// let page = Document::read(Path::new("tests/data/documents/results.html"))?;
    /// assert_eq!(page.kind, DocumentKind::Html);
    /// assert!(page.text.contains("t(37) = \u{2212}4.93"));
    /// assert_eq!(page.kind.name(), "HTML");
    /// let missing = Document::read(Path::new("tests/data/documents/none.txt")).unwrap_err();
    /// assert!(missing.to_string().contains("none.txt"));
    /// # Ok::<(), trialstats_documents::Error>(())
    /// ```
    pub fn read(path: &Path) -> Result<Document> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Document::from_bytes(&path.display().to_string(), &bytes)
    }

    /// Reads a document's bytes; `name` is the file named in errors.
    ///
    /// ```
    /// use trialstats_documents::text::Document;
    /// let doc = Document::from_bytes("note.txt", "EDSS 3.0 ± 1.2".as_bytes())?;
    /// assert_eq!(doc.text, "EDSS 3.0 ± 1.2");
    /// // An empty file is refused, naming it.
    /// let empty = Document::from_bytes("empty.txt", b"").unwrap_err();
    /// assert!(empty.to_string().contains("empty.txt"));
    /// # Ok::<(), trialstats_documents::Error>(())
    /// ```
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Document> {
        let refuse = |message: String| Error::unreadable(name, message);
        let too_long = |what: &str, len: usize| {
            refuse(format!(
                "{what} is {:.1} MB; documents are read up to {} MB of text (a trial report is \
                 rarely over 1 MB): give the report itself, or split the file",
                len as f64 / 1e6,
                MAX_TEXT_BYTES / 1_000_000
            ))
        };
        if !bytes.starts_with(b"%PDF-") && bytes.len() > MAX_TEXT_BYTES {
            return Err(too_long("the file", bytes.len()));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(refuse(
                "the file is empty; give a document with text in it".into(),
            ));
        }
        let (kind, text) = if bytes.starts_with(b"%PDF-") {
            (DocumentKind::Pdf, pdf_text(name, bytes)?)
        } else if looks_like_html(bytes) {
            (DocumentKind::Html, html_text(&decode_html_bytes(bytes)))
        } else {
            (DocumentKind::Text, plain_text(name, bytes)?)
        };
        if text.len() > MAX_TEXT_BYTES {
            return Err(too_long(&format!("its text ({})", kind.name()), text.len()));
        }
        if text.trim().is_empty() {
            return Err(refuse(format!(
                "the {} has no text{}",
                kind.name(),
                if kind == DocumentKind::Pdf {
                    " layer (a scanned image?); run OCR on it first, or save it as text"
                } else {
                    ""
                }
            )));
        }
        Ok(Document { kind, text })
    }
}

/// A UTF-8 text file (a leading byte-order mark dropped); binary data and other encodings are
/// refused with the byte at which reading stopped.
fn plain_text(name: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(encoding) = utf16_encoding(bytes) {
        return Err(Error::unreadable(
            name,
            format!(
                "not UTF-8 text: it is {encoding} text; documents are read as UTF-8 plain \
                 text, HTML or PDF: convert it with \
                 `iconv -f {encoding} -t UTF-8 {name} > converted.txt`"
            ),
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::unreadable(
            name,
            format!(
                "a binary file (a zero byte at byte {at}), not a document; give plain text \
                 (UTF-8), HTML or PDF"
            ),
        ));
    }
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        if looks_like_shift_jis(bytes) {
            Error::unreadable(
                name,
                format!(
                    "not UTF-8 text (byte {at}): it looks like Shift-JIS (Japanese); documents \
                     are read as UTF-8 plain text, HTML or PDF: convert it with \
                     `iconv -f SHIFT_JIS -t UTF-8 {name} > converted.txt`"
                ),
            )
        } else {
            Error::unreadable(
                name,
                format!(
                    "not UTF-8 text (byte {at}); save the document as UTF-8 plain text, HTML \
                     or PDF (for example with `iconv -f ENCODING -t UTF-8`)"
                ),
            )
        }
    })?;
    // Control characters other than tab, line feed, carriage return and form feed do not
    // occur in text: a file with them is binary data that happens to be valid UTF-8.
    if let Some((at, c)) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
    {
        return Err(Error::unreadable(
            name,
            format!(
                "binary data, not text (control character U+{:04X} at byte {at}); give plain \
                 text (UTF-8), HTML or PDF",
                c as u32
            ),
        ));
    }
    Ok(text)
}

/// The UTF-16 encoding a file is written in, if it is: a byte-order mark says so, or (as
/// Windows' "Unicode" text without one) the first bytes hold a zero in every other place and
/// decode as UTF-16 text. Such a file is full of zero bytes and would otherwise be called
/// binary; it is text a user can convert in one line.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16BE");
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let half = head.len() / 2;
    // Text in Latin script has a zero in the high byte of almost every unit; Japanese has
    // few zeros, so a file with none in either place is left to the checks below.
    let (encoding, decoded) = if zeros_at(1) * 2 > half && zeros_at(0) == 0 {
        (
            "UTF-16LE",
            encoding_rs::UTF_16LE.decode_without_bom_handling(head).0,
        )
    } else if zeros_at(0) * 2 > half && zeros_at(1) == 0 {
        (
            "UTF-16BE",
            encoding_rs::UTF_16BE.decode_without_bom_handling(head).0,
        )
    } else {
        return None;
    };
    let printable = decoded
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
    printable.then_some(encoding)
}

/// Whether bytes that are not UTF-8 decode as Shift-JIS without error into text with
/// Japanese in it (kana or kanji): a Shift-JIS file, which is refused with how to convert it
/// rather than decoded, so that what is read is always the file's own bytes.
fn looks_like_shift_jis(bytes: &[u8]) -> bool {
    encoding_rs::SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some_and(|text| {
            text.chars()
                .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
        })
}

/// Whether the file starts (after a byte-order mark and white space) like a web page: with a
/// doctype or `<html>`, or with any tag when `<html` or `<body` follows in its first kilobyte.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || (head.starts_with(b"<") && (contains(head, b"<html") || contains(head, b"<body")))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The page's characters: by its byte-order mark, else its declared `charset`, else UTF-8 if
/// it is valid UTF-8, else Windows-1252 (what browsers assume of undeclared Western pages).
fn decode_html_bytes(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head: String = bytes
        .iter()
        .take(2048)
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            return encoding.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Elements whose start or end begins a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "caption",
    "figcaption",
    "dt",
    "dd",
    "hr",
    "title",
];

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "svg", "math"];

/// The visible text of a web page, one block per line.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    // Inside <pre>, the source's line breaks and spaces are the text's.
    let mut pre = 0usize;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt], pre > 0);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A lone '<' in text ("p < .05" written unescaped).
            push_text(&mut out, "<", pre > 0);
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // <!DOCTYPE ...>, <?xml ...?>
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&end) {
                Some(e) => rest[e..].find('>').map_or("", |g| &rest[e + g + 1..]),
                None => "",
            };
            continue;
        }
        if name == "pre" {
            pre = if closing {
                pre.saturating_sub(1)
            } else {
                pre + 1
            };
        }
        if name == "td" || name == "th" {
            if !closing && !out.ends_with('\n') && !out.is_empty() {
                trim_end_spaces(&mut out);
                out.push('\t');
            }
        } else if BLOCKS.contains(&name.as_str()) {
            trim_end_spaces(&mut out);
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    push_text(&mut out, rest, pre > 0);
    trim_end_spaces(&mut out);
    let mut lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    // Blank lines between blocks carry nothing.
    lines.retain(|l| !l.trim().is_empty());
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The index of the `>` that ends the tag starting at `s[0] == '<'`, skipping quoted
/// attribute values; `None` when this `<` does not start a tag.
fn tag_end(s: &str) -> Option<usize> {
    let next = s[1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Appends a run of source text: entities decoded; outside `<pre>`, white space (source line
/// breaks included) collapsed to one space, as a browser shows it.
fn push_text(out: &mut String, source: &str, pre: bool) {
    if source.is_empty() {
        return;
    }
    let decoded = html_escape::decode_html_entities(source);
    if pre {
        out.push_str(&decoded.replace('\u{a0}', " "));
        return;
    }
    for c in decoded.chars() {
        // HTML's white space is ASCII's; a no-break or thin space is text.
        if c.is_ascii_whitespace() {
            if !(out.is_empty() || out.ends_with([' ', '\n', '\t'])) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// The text layer of a PDF.
#[cfg(feature = "pdf")]
fn pdf_text(name: &str, bytes: &[u8]) -> Result<String> {
    // pdf-extract panics on some malformed files rather than returning an error; a panic here
    // becomes the same clear refusal (and its message is kept off the terminal).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    std::panic::set_hook(previous);
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(Error::unreadable(
            name,
            format!("could not read the PDF ({e}); save it as text and give that"),
        )),
        Err(_) => Err(Error::unreadable(
            name,
            "could not read the PDF (its structure is damaged or unsupported); save it as text \
             and give that",
        )),
    }
}

#[cfg(not(feature = "pdf"))]
fn pdf_text(name: &str, _bytes: &[u8]) -> Result<String> {
    Err(Error::unreadable(
        name,
        "a PDF, and this build has no PDF reader (the `pdf` feature); save it as text",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_web_page_reads_as_its_paragraphs() {
        // The shape of a page saved by Microsoft Word ("filtered"), declared Windows-1252:
        // 0x96 is an en dash there, 0xB1 a plus-minus sign.
        let mut page = b"<html><head><meta http-equiv=Content-Type content=\"text/html; \
            charset=windows-1252\"><style><!-- p.MsoNormal {margin:0} --></style></head>\n\
            <body><p class=MsoNormal><b><span lang=EN-US>Test paper\nto demonstrate.</span></b></p>\n\
            <p class=MsoNormal>Qb(1) = 3.78, p &lt; .05</p>\n<p>&nbsp;</p>\n<p>t(37) = "
            .to_vec();
        page.extend_from_slice(b"\x964.93, 12.1 \xb1 3.0</p></body></html>");
        let d = Document::from_bytes("paper.htm", &page).unwrap();
        assert_eq!(d.kind, DocumentKind::Html);
        assert_eq!(
            d.text,
            "Test paper to demonstrate.\nQb(1) = 3.78, p < .05\nt(37) = \u{2013}4.93, 12.1 ± 3.0\n"
        );
    }

    #[test]
    fn table_cells_are_tab_separated_and_scripts_dropped() {
        let page = "<!DOCTYPE html><html><body><script>var p = '<p>1</p>';</script>\
            <table><tr><th>Arm</th><th>n</th></tr><tr><td>Placebo</td><td>7</td></tr></table>\
            <p>Mean 3.0&#8239;±&#x2009;1.2 (p&nbsp;=&nbsp;.04)</p></body></html>";
        let d = Document::from_bytes("t.html", page.as_bytes()).unwrap();
        assert_eq!(
            d.text,
            "Arm\tn\nPlacebo\t7\nMean 3.0\u{202f}±\u{2009}1.2 (p\u{a0}=\u{a0}.04)\n"
        );
    }

    #[test]
    fn an_unescaped_less_than_stays_text() {
        let d = Document::from_bytes("p.html", b"<html><p>t(28) = 2.2, p <.05</p></html>").unwrap();
        assert_eq!(d.text, "t(28) = 2.2, p <.05\n");
    }

    #[test]
    fn empty_binary_and_latin1_files_are_refused_by_name() {
        let e = Document::from_bytes("a.txt", b"  \n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.txt: the file is empty"), "{e}");
        let e = Document::from_bytes("b.bin", b"ab\0cd")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("b.bin: a binary file (a zero byte at byte 2)"),
            "{e}"
        );
        let e = Document::from_bytes("c.txt", b"12.1 \xb1 3.0")
            .unwrap_err()
            .to_string();
        assert!(e.contains("c.txt: not UTF-8 text (byte 5)"), "{e}");
        let e = Document::from_bytes("d.html", b"<html><body> </body></html>")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "d.html: the HTML has no text");
    }

    #[test]
    fn utf16_text_is_refused_as_utf16_with_the_conversion_not_as_binary() {
        let utf16le = |text: &str, bom: bool| {
            let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("n = 7".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, encoding) in [
            (utf16le("EDSS 4.1 ± 1.6 (n = 7)\n", true), "UTF-16LE"),
            (utf16le("EDSS 4.1 ± 1.6 (n = 7)\n", false), "UTF-16LE"),
            (utf16le("再発率 年間2.9", true), "UTF-16LE"),
            (utf16be, "UTF-16BE"),
        ] {
            let e = Document::from_bytes("w.txt", &bytes)
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with(&format!("w.txt: not UTF-8 text: it is {encoding} text"))
                    && e.contains(&format!("iconv -f {encoding} -t UTF-8 w.txt")),
                "{e}"
            );
        }
    }

    #[test]
    fn plain_text_keeps_its_lines_and_drops_a_byte_order_mark() {
        let d =
            Document::from_bytes("a.txt", "\u{feff}t(28) = 2.20,\np = .04\n".as_bytes()).unwrap();
        assert_eq!(d.kind, DocumentKind::Text);
        assert_eq!(d.text, "t(28) = 2.20,\np = .04\n");
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn a_damaged_pdf_is_refused_not_a_panic() {
        let e = Document::from_bytes("x.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.pdf: could not read the PDF"), "{e}");
    }
}
