//! The one way trialstats writes a file: whole or not at all.
//!
//! Owns writing an output file (a chart, a chart index, a drafted study file): the bytes go to
//! a temporary file in the target's own folder, are flushed to disk, made readable as an
//! ordinary file, and only then renamed over the target, so that a reader never sees a file
//! half-written, and a failure leaves nothing behind. A missing folder, a folder that is a
//! file, and a target that is the input itself are refused by name before anything is
//! written (otherwise the temporary file's name would appear in the message).

use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` whole or not at all. `what` names the file in messages ("chart",
/// "study file"); `input`, when given, is a file the command read, which is never written
/// over.
///
/// ```
/// use trialstats_numerics::whole_file;
/// let dir = std::env::temp_dir();
/// let path = dir.join("trialstats-whole-file-doc-example.txt");
/// whole_file::write(&path, b"n = 7\n", "note", None).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "n = 7\n");
/// std::fs::remove_file(&path).unwrap();
/// let e = whole_file::write(&dir.join("no-such-folder/x.txt"), b"", "note", None).unwrap_err();
/// assert!(e.to_string().contains("the folder"), "{e}");
/// ```
pub fn write(path: &Path, bytes: &[u8], what: &str, input: Option<&Path>) -> Result<()> {
    if let Some(input) = input {
        if let (Ok(a), Ok(b)) = (std::fs::canonicalize(path), std::fs::canonicalize(input)) {
            if a == b {
                return Err(Error::input(
                    path.display().to_string(),
                    format!("this is the input itself; write the {what} to another file"),
                ));
            }
        }
    }
    let dir = folder_of(path);
    require_folder(&dir, path, what)?;
    let tmp = tempfile::Builder::new()
        .prefix(".trialstats-")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    tmp.as_file()
        .write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    readable_by_all(tmp.path()).map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// The folder a file is written into (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuse to write `path` into `dir` unless `dir` is an existing folder, saying which it is.
fn require_folder(dir: &Path, path: &Path, what: &str) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::input(
            path.display().to_string(),
            format!(
                "'{}' is a file, not a folder; write the {what} into a folder",
                dir.display()
            ),
        )),
        Err(_) => Err(Error::input(
            path.display().to_string(),
            format!(
                "the folder '{}' does not exist; create it first, or write the {what} elsewhere",
                dir.display()
            ),
        )),
    }
}

/// Temporary files are created readable by their owner only; an output is an ordinary file.
fn readable_by_all(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_is_whole_readable_by_all_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write(&path, b"id = \"a\"\n", "study file", None).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"id = \"a\"\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_missing_folder_a_file_as_folder_and_the_input_itself_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let e = write(&dir.path().join("none/a.png"), b"x", "chart", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("the folder '")
                && e.contains("none' does not exist")
                && !e.contains(".trialstats-"),
            "{e}"
        );
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        let e = write(&file.join("a.png"), b"x", "chart", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("is a file, not a folder; write the chart into a folder"),
            "{e}"
        );
        let e = write(&file, b"y", "study file", Some(&file))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("this is the input itself; write the study file to another file"),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    }
}
