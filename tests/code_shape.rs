//! The shape of the code that a new maintainer can read (issue 44): no function over 150 lines,
//! at most 20 over 100, and each of those says why it is long (a `// Long because …` comment
//! between its doc comment and its `fn`). A function is counted from the line of its `fn` to its
//! closing brace, as `syn` parses the source, in the library crates and the command line
//! (`src/`, `crates/*/src/`), outside `#[cfg(test)]` modules.
//!
//! The count is of lines as printed, comments and blank lines included, the measure the issue
//! states; clippy's `too_many_lines` counts only code lines, so it would let longer functions by.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// The longest a function may be.
const LONGEST: usize = 150;
/// A function over this many lines is long and must say why.
const LONG: usize = 100;
/// How many long functions the workspace may have.
const MOST_LONG: usize = 20;

/// One function's place and length.
#[derive(Debug)]
struct Function {
    file: PathBuf,
    name: String,
    line: usize,
    lines: usize,
    says_why: bool,
}

/// Collects the functions of one file, skipping test modules.
struct Functions<'a> {
    file: &'a Path,
    source: Vec<&'a str>,
    found: Vec<Function>,
}

impl Functions<'_> {
    fn push(&mut self, name: String, item_start: usize, fn_line: usize, close_line: usize) {
        // The lines from the item's first attribute (its doc comment) down to its `fn`.
        let says_why = self
            .source
            .get(item_start.saturating_sub(1)..fn_line.saturating_sub(1))
            .is_some_and(|above| above.iter().any(|l| l.contains("// Long because")));
        self.found.push(Function {
            file: self.file.to_path_buf(),
            name,
            line: fn_line,
            lines: close_line + 1 - fn_line,
            says_why,
        });
    }
}

/// Whether an item's attributes say `#[cfg(test)]`.
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for Functions<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test_only(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.push(
            f.sig.ident.to_string(),
            f.span().start().line,
            f.sig.fn_token.span.start().line,
            f.block.brace_token.span.close().end().line,
        );
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.push(
            f.sig.ident.to_string(),
            f.span().start().line,
            f.sig.fn_token.span.start().line,
            f.block.brace_token.span.close().end().line,
        );
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.push(
                f.sig.ident.to_string(),
                f.span().start().line,
                f.sig.fn_token.span.start().line,
                block.brace_token.span.close().end().line,
            );
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The functions of the library crates and the command line.
fn workspace_functions() -> Vec<Function> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let crates = std::fs::read_dir(root.join("crates")).expect("the crates folder");
    for krate in crates.flatten() {
        rust_files(&krate.path().join("src"), &mut files);
    }
    files.sort();
    // syn builds unoptimised (it is a procedural macros' parser): the files are parsed in
    // parallel.
    files
        .par_iter()
        .flat_map_iter(|file| {
            let text = std::fs::read_to_string(file).expect("a readable source file");
            let parsed = syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("{}: not parsed: {e}", file.display()));
            let mut visitor = Functions {
                file: file.strip_prefix(root).unwrap_or(file),
                source: text.lines().collect(),
                found: Vec::new(),
            };
            visitor.visit_file(&parsed);
            visitor.found
        })
        .collect()
}

#[test]
fn no_function_is_too_long_and_each_long_one_says_why() {
    let functions = workspace_functions();
    assert!(
        functions.len() > 1000,
        "the walk found only {} functions",
        functions.len()
    );
    let show = |f: &Function| {
        format!(
            "{}:{} {} ({} lines)",
            f.file.display(),
            f.line,
            f.name,
            f.lines
        )
    };
    let too_long: Vec<String> = functions
        .iter()
        .filter(|f| f.lines > LONGEST)
        .map(show)
        .collect();
    assert!(
        too_long.is_empty(),
        "functions over {LONGEST} lines: {too_long:#?}"
    );
    let long: Vec<&Function> = functions.iter().filter(|f| f.lines > LONG).collect();
    let unexplained: Vec<String> = long
        .iter()
        .filter(|f| !f.says_why)
        .map(|f| show(f))
        .collect();
    assert!(
        unexplained.is_empty(),
        "functions over {LONG} lines without a '// Long because' comment above their fn: {unexplained:#?}"
    );
    assert!(
        long.len() <= MOST_LONG,
        "{} functions over {LONG} lines (at most {MOST_LONG}): {:#?}",
        long.len(),
        long.iter().map(|f| show(f)).collect::<Vec<_>>()
    );
}

/// Collects the string literals of one file that write a command-line option (`--rounding`),
/// skipping test modules.
struct OptionNames {
    found: Vec<(usize, String)>,
}

impl<'ast> Visit<'ast> for OptionNames {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test_only(&m.attrs) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    // Doc comments may name the options that reach a routine (they document the command
    // line's use of it); only texts the crate prints or returns are counted.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        let text = s.value();
        let names_an_option = text.match_indices("--").any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + 2..].chars().next();
            before.is_none_or(|c| c.is_whitespace() || "(`'[".contains(c))
                && after.is_some_and(|c| c.is_ascii_lowercase())
        });
        if names_an_option {
            self.found.push((s.span().start().line, text));
        }
    }
}

/// No library crate writes a command-line option (issue 44): a text that suggests one names
/// the request's field (`{field:rounding}`), and the command line prints it as its option
/// (`--rounding`); the page, a user's own program, or another front end name it their way.
#[test]
fn no_library_crate_writes_a_command_line_option() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for krate in ["numerics", "stats", "documents", "charts", "page"] {
        rust_files(&root.join("crates").join(krate).join("src"), &mut files);
    }
    let mut found: Vec<String> = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable source file");
        let parsed = syn::parse_file(&text).expect("a parsed source file");
        let mut visitor = OptionNames { found: Vec::new() };
        visitor.visit_file(&parsed);
        found.extend(visitor.found.into_iter().map(|(line, s)| {
            format!(
                "{}:{line}: {s}",
                file.strip_prefix(root).unwrap_or(file).display()
            )
        }));
    }
    assert!(
        found.is_empty(),
        "option names in the statistics crate: {found:#?}"
    );
}
