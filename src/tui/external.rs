//! Editing text in the user's own editor (`$VISUAL`, `$EDITOR`, else `vi`). The caller hands
//! the terminal over first; this only writes a private temporary file, runs the editor on it
//! and reads it back.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use anyhow::Context;

pub fn edit(text: &str) -> anyhow::Result<String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let path = temp_path();
    let result = run(&editor, &path, text);
    // The caption may be unpublished work: do not leave it lying in /tmp.
    let _ = std::fs::remove_file(&path);
    result
}

fn run(editor: &str, path: &PathBuf, text: &str) -> anyhow::Result<String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    drop(file);
    // Through the shell, so that EDITOR="code --wait" or "nvim -u NONE" work as people set them.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("smmdeck-editor")
        .arg(path)
        .status()
        .with_context(|| format!("cannot run {editor}"))?;
    anyhow::ensure!(status.success(), "{editor} exited with {status}");
    let edited = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read back {}", path.display()))?;
    // Editors add a final newline; the caption did not have one.
    Ok(edited.strip_suffix('\n').unwrap_or(&edited).to_string())
}

fn temp_path() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "smmdeck-caption-{}-{nanos}.txt",
        std::process::id()
    ))
}
