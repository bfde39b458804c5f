//! Files smmdeck makes for the user (a calendar feed, a rejects list, a backup): private (0600,
//! they hold people's names and messages) and never overwriting what is there unless asked.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Creates `path` for writing with mode 0600. Without `overwrite` an existing file is an
/// error (`create_new`, so there is no window between a check and the create); with it the
/// file is truncated and made private too.
pub fn create_private(path: &Path, overwrite: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    if overwrite {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    if overwrite {
        // The mode above applies only to a new file; an old one keeps whatever it had.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Creates `dir/stem.ext` privately, or `stem-2.ext`, `stem-3.ext`, … when taken: never
/// replaces a file. Returns the file and its path.
pub fn create_numbered(dir: &Path, stem: &str, ext: &str) -> io::Result<(File, PathBuf)> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match create_private(&path, false) {
            Ok(f) => return Ok((f, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: too many {stem}.{ext} files", dir.display()),
    ))
}

/// The message for a file that exists and was not overwritten.
pub fn exists_message(path: &Path) -> String {
    format!(
        "{} already exists; choose another name or pass --force to replace it",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[cfg(unix)]
    #[test]
    fn private_and_never_overwritten_without_asking() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        create_private(&path, false)
            .unwrap()
            .write_all(b"first")
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let err = create_private(&path, false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_private(&path, true)
            .unwrap()
            .write_all(b"2")
            .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"2");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn numbered_files_never_replace_one() {
        let dir = tempfile::tempdir().unwrap();
        let (_, a) = create_numbered(dir.path(), "r", "html").unwrap();
        let (_, b) = create_numbered(dir.path(), "r", "html").unwrap();
        let (_, c) = create_numbered(dir.path(), "r", "html").unwrap();
        let names: Vec<_> = [a, b, c]
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["r.html", "r-2.html", "r-3.html"]);
    }
}
