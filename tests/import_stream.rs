//! Large imports read in chunks (issue 14 item 7, issue 15 item 6), and re-imports of
//! unchanged files that read nothing and write nothing: through the real binary, as a user
//! runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_smmdeck"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .args(["--config", "/nonexistent/smmdeck-test-config.toml"])
        .env_remove("SMMDECK_IMPORT_CHUNK_BYTES")
        .env_remove("SMMDECK_IMPORT_WHOLE_UP_TO");
    c
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(rel)
}

/// A Graph API page of `n` Facebook comments, each with an attachment description of
/// `attachment` bytes (read past by the parser: the bytes are in the file, not in the rows).
fn comments(path: &Path, n: usize, attachment: usize) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let filler = "coffee latte beans roast ".repeat(attachment / 25 + 1);
    write!(w, "{{\"data\":[").unwrap();
    for i in 0..n {
        let sep = if i + 1 < n { "," } else { "" };
        writeln!(
            w,
            "{{\"id\":\"1221587_{i}\",\"created_time\":\"2026-10-{:02}T09:{:02}:11+0000\",\
             \"from\":{{\"name\":\"Person {i}\",\"id\":\"70{i}\"}},\"message\":\"Love it #{i}\",\
             \"attachment\":{{\"description\":\"{}\"}}}}{sep}",
            1 + i % 28,
            i % 60,
            &filler[..attachment]
        )
        .unwrap();
    }
    write!(w, "],\"paging\":{{\"cursors\":{{\"after\":\"QVFI\"}}}}}}").unwrap();
    w.flush().unwrap();
}

/// Runs the command and returns its output with its peak resident memory in KiB.
#[cfg(target_os = "linux")]
fn with_peak_memory(mut c: Command) -> (Output, i64) {
    use std::os::unix::process::ExitStatusExt;
    let child = c
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    // The output is small: read it after the child ends.
    let mut status = 0;
    // SAFETY: rusage is plain data, filled by wait4 for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child just spawned; std's Child is not waited on afterwards.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid);
    let read = |p: Option<std::process::ChildStdout>| {
        let mut s = Vec::new();
        if let Some(mut p) = p {
            std::io::Read::read_to_end(&mut p, &mut s).unwrap();
        }
        s
    };
    let mut child = child;
    let stdout = read(child.stdout.take());
    let mut stderr = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        std::io::Read::read_to_end(&mut e, &mut stderr).unwrap();
    }
    let out = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout,
        stderr,
    };
    (out, usage.ru_maxrss)
}

#[cfg(target_os = "linux")]
#[test]
fn issue14_item_7_import_memory_is_bounded_by_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("facebook_post_comments.json");
    // 96 MB in 6,000 comments: few rows (a debug build stays quick), many bytes; at 64 MB the
    // half-the-file bound sat within a megabyte of the batch's own peak (30-33 MB).
    comments(&file, 6_000, 16_000);
    let size_kib = (std::fs::metadata(&file).unwrap().len() / 1024) as i64;
    let db = dir.path().join("m.db");
    let mut c = cmd(&db, &["--create", "import", "--account", "lumencoffee"]);
    c.arg(&file);
    let (out, peak) = with_peak_memory(c);
    let text = ok(out);
    assert!(text.contains("6000 new"), "{text}");
    eprintln!("peak {peak} KiB importing a {size_kib} KiB file");
    // Read whole, the text alone would be the file's size; read in chunks, the import needs
    // a few chunks (1 MiB each) and their records, whatever the file's size.
    assert!(
        peak < 40 * 1024 && peak < size_kib / 2,
        "peak {peak} KiB for a {size_kib} KiB file"
    );
}

/// The bytes of each file (None when it does not exist).
fn contents(paths: &[PathBuf]) -> Vec<Option<Vec<u8>>> {
    paths.iter().map(|p| std::fs::read(p).ok()).collect()
}

#[test]
fn issue15_an_unchanged_reimport_reads_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    let file = sample("graph_api/facebook_post_comments.json");
    let file = file.to_str().unwrap();
    let first = ok(cmd(
        &db,
        &["--create", "import", "--account", "lumencoffee", file],
    )
    .output()
    .unwrap());
    assert!(first.contains("6 new"), "{first}");
    // Everything written is in the database file once the first process has ended.
    let files = [db.clone(), dir.path().join("u.db-wal")];
    let before = contents(&files);
    let again = ok(cmd(&db, &["import", "--account", "lumencoffee", file])
        .output()
        .unwrap());
    // The same summary a full re-import gives, and why it was quick.
    assert!(
        again.contains(
            "graph-facebook-comments → FB @lumencoffee: 0 new, 0 updated, 6 unchanged, 0 rejected"
        ),
        "{again}"
    );
    assert!(again.contains("unchanged: the same bytes"), "{again}");
    assert!(
        before == contents(&files),
        "the re-import wrote to the database"
    );
    // Other options may land the rows elsewhere: the file is read again.
    let other = ok(cmd(&db, &["import", "--account", "brewbar", file])
        .output()
        .unwrap());
    assert!(!other.contains("not read again"), "{other}");
}

/// Every row a table holds, as text, in a stable order (ids left out: they follow the order
/// rows were written in).
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT a.handle, p.external_id, p.title, p.caption, p.format, p.published_at, \
                p.date_only, p.permalink FROM posts p JOIN accounts a ON a.id = p.account_id \
          ORDER BY 1, 2",
        "SELECT p.external_id, m.snapshot_on, m.views, m.reach, m.reactions, m.comments, \
                m.shares, m.saves, m.clicks FROM post_metrics m JOIN posts p ON p.id = m.post_id \
          ORDER BY 1, 2",
        "SELECT i.platform, i.external_id, i.kind, i.thread_key, i.author_name, i.body, \
                i.received_at, i.from_self, i.status, i.priority, p.external_id \
           FROM inbox_items i LEFT JOIN posts p ON p.id = i.post_id ORDER BY 1, 2",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn issue15_item_6_a_file_read_in_chunks_imports_as_one_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        "meta_business_suite_facebook_posts.csv",
        "meta_business_suite_instagram_posts.csv",
        "x_account_analytics_content_2026-10-01_2026-10-31.csv",
        "x_tweet_activity_metrics_lumencoffee_20231001_20231031_en.csv",
        "linkedin_page_content_export__All_posts_sheet.csv",
        "graph_api",
        "instagram-lumen.coffee-2026-11-20-AbCdEfGh",
    ];
    let run = |name: &str, chunked: bool| {
        let db = dir.path().join(name);
        for f in files {
            let mut c = cmd(&db, &["--create", "import", "--account", "lumencoffee"]);
            c.arg(sample(f));
            if chunked {
                // Every file in chunks of one record.
                c.env("SMMDECK_IMPORT_CHUNK_BYTES", "1")
                    .env("SMMDECK_IMPORT_WHOLE_UP_TO", "0");
            }
            ok(c.output().unwrap());
        }
        dump(&db)
    };
    let whole = run("whole.db", false);
    let chunked = run("chunked.db", true);
    assert!(whole.len() > 50, "{}", whole.len());
    assert_eq!(whole, chunked);
}

#[test]
fn issue15_item_6_a_bad_row_deep_in_a_chunked_file_is_named_by_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("Post id,Date,Post text,Post Link,Impressions,Likes\n");
    for i in 1..=3000u64 {
        // A quoted cell over two lines every tenth row, so lines and records differ.
        let text = if i % 10 == 0 {
            format!("\"post {i}\nsecond line\"")
        } else {
            format!("post {i}")
        };
        let impressions = if i == 2501 {
            "lots".to_string()
        } else {
            "100".into()
        };
        s.push_str(&format!(
            "{i},\"Thu, Oct 1, 2026\",{text},https://x.com/lumencoffee/status/{i},{impressions},1\n"
        ));
    }
    let line = 1 + s.lines().position(|l| l.contains(",lots,")).unwrap();
    let file = dir
        .path()
        .join("account_analytics_content_2026-10-01_2026-10-31.csv");
    std::fs::write(&file, &s).unwrap();
    let db = dir.path().join("l.db");
    let mut c = cmd(&db, &["--create", "import"]);
    c.arg(&file)
        .env("SMMDECK_IMPORT_CHUNK_BYTES", "4096")
        .env("SMMDECK_IMPORT_WHOLE_UP_TO", "0");
    let out = c.output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("line {line}")) && err.contains("Impressions"),
        "line {line}: {err}"
    );
    // Nothing was written.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let posts: i64 = conn
        .query_row("SELECT COUNT(*) FROM posts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(posts, 0);
}
