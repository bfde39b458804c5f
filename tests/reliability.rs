//! Issue 14 (reliability and security), end to end: each test is named after the numbered item
//! it proves. RELIABILITY.md lists them beside the guarantees.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_smmdeck"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .args(["--config", "/nonexistent/smmdeck-test-config.toml"]);
    c
}

fn smmdeck(db: &Path, args: &[&str]) -> Output {
    cmd(db, args).output().expect("smmdeck runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// An X content export of `n` posts with ids from `first`, for account @lumencoffee.
fn x_export(dir: &Path, name: &str, first: u64, n: u64) -> PathBuf {
    let mut s = String::from(
        "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,\
         New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,\
         Permalink Clicks\n",
    );
    for i in first..first + n {
        s.push_str(&format!(
            "{i},\"Thu, Oct 1, 2026\",post {i},https://x.com/lumencoffee/status/{i},\
             100,1,2,0,0,0,0,0,0,0,{},0,0\n",
            i % 200
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, s).unwrap();
    path
}

/// Imports one Graph API Facebook comment by `author` saying `message`, for account @lumen
/// (added first when missing).
fn import_comment(db: &Path, dir: &Path, author: &str, message: &str) {
    let comments = serde_json::json!({"data": [{
        "id": "1_2",
        "created_time": "2026-10-01T09:02:11+0000",
        "from": {"name": author, "id": "7"},
        "message": message,
    }]});
    let f = dir.join("comments.json");
    std::fs::write(&f, comments.to_string()).unwrap();
    if !db.exists() || count(db, "SELECT COUNT(*) FROM accounts WHERE handle = 'lumen'") == 0 {
        ok(smmdeck(
            db,
            &[
                "accounts",
                "add",
                "--platform",
                "facebook",
                "--handle",
                "lumen",
            ],
        ));
    }
    ok(smmdeck(
        db,
        &["import", "--account", "lumen", f.to_str().unwrap()],
    ));
}

/// An X export of three good rows and one whose Impressions is not a number.
fn x_export_with_a_bad_row(dir: &Path) -> PathBuf {
    let f = x_export(dir, "x.csv", 10, 3);
    let text = std::fs::read_to_string(&f).unwrap()
        + "99,\"Thu, Oct 1, 2026\",bad,https://x.com/lumencoffee/status/99,many,1,2,0,0,0,0,0,0,0,0,0,0\n";
    std::fs::write(&f, text).unwrap();
    f
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Issue 12, item 9: `inbox list | head -1` and `posts list | head -2` end quietly.
#[test]
fn issue12_item_9_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pipe.db");
    ok(smmdeck(&db, &["demo"]));
    for args in [
        &["inbox", "list", "--limit", "800"][..],
        &["posts", "list"],
        &["accounts", "list"],
        &["info"],
    ] {
        let mut child = cmd(&db, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first line is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
}

/// Item 2: two imports at once both succeed; neither fails with "database is locked".
#[test]
fn item_02_two_imports_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    ok(smmdeck(&db, &["info"]));
    let rounds = 4;
    let mut children = Vec::new();
    for r in 0..rounds {
        for w in 0..2u64 {
            let f = x_export(
                dir.path(),
                &format!("x_{r}_{w}.csv"),
                1_000_000 * (r * 2 + w + 1),
                2_000,
            );
            let child = cmd(&db, &["import", f.to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            children.push(child);
        }
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM posts"),
        (rounds as i64) * 2 * 2_000
    );
}

/// Item 4: the rejects file is written before the commit; a path that cannot be written
/// leaves the database exactly as it was.
#[test]
fn item_04_an_unwritable_rejects_file_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rej.db");
    let f = x_export_with_a_bad_row(dir.path());
    let rejects = dir.path().join("missing-folder/rejects.csv");
    let out = smmdeck(
        &db,
        &[
            "import",
            "--skip-invalid",
            "--rejects",
            rejects.to_str().unwrap(),
            f.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("rejects"), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM posts"), 0);
}

/// Item 9: the rejects file and `calendar export --out` are 0600 and never overwritten
/// without `--force`.
#[cfg(unix)]
#[test]
fn item_09_files_for_the_user_are_private_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("files.db");
    ok(smmdeck(&db, &["demo"]));
    let ics = dir.path().join("plan.ics");
    std::fs::write(&ics, "mine").unwrap();
    let out = smmdeck(
        &db,
        &[
            "calendar",
            "export",
            "--ics",
            "--out",
            ics.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&ics).unwrap(), "mine");
    ok(smmdeck(
        &db,
        &[
            "calendar",
            "export",
            "--ics",
            "--force",
            "--out",
            ics.to_str().unwrap(),
        ],
    ));
    assert!(
        std::fs::read_to_string(&ics)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
    assert_eq!(mode(&ics), 0o600);
    let fresh = dir.path().join("fresh.ics");
    ok(smmdeck(
        &db,
        &[
            "calendar",
            "export",
            "--ics",
            "--out",
            fresh.to_str().unwrap(),
        ],
    ));
    assert_eq!(mode(&fresh), 0o600);

    let f = x_export_with_a_bad_row(dir.path());
    let rejects = dir.path().join("rejects.csv");
    let args = |force: bool| {
        let mut a = vec![
            "import",
            "--skip-invalid",
            "--rejects",
            rejects.to_str().unwrap(),
        ];
        if force {
            a.push("--force");
        }
        a.push(f.to_str().unwrap());
        a
    };
    ok(smmdeck(&db, &args(false)));
    assert_eq!(mode(&rejects), 0o600);
    let again = smmdeck(&db, &args(false));
    assert!(!again.status.success(), "a second run must not overwrite");
    ok(smmdeck(&db, &args(true)));
}

/// Item 6: escape sequences in stored text never reach the terminal from the CLI, and
/// imported text is cleaned at import.
#[test]
fn item_06_escape_sequences_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("esc.db");
    import_comment(
        &db,
        dir.path(),
        "Eve\u{1b}]0;owned\u{7}",
        "hello \u{1b}]52;c;ZWNobyBoaQ==\u{7}\u{1b}[2J\u{202E}world",
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let body: String = conn
        .query_row("SELECT body FROM inbox_items", [], |r| r.get(0))
        .unwrap();
    assert!(
        !body.contains('\u{1b}') && !body.contains('\u{202E}'),
        "{body:?}"
    );
    // Text stored some other way (an older smmdeck, a hand edit) is made visible on output.
    conn.execute(
        "UPDATE inbox_items SET body = 'x' || char(27) || '[2J' || char(8238)",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE accounts SET brand = 'b' || char(27) || ']0;t' || char(7)",
        [],
    )
    .unwrap();
    for args in [&["inbox", "list"][..], &["accounts", "list"]] {
        let out = ok(smmdeck(&db, args));
        let text = stdout(&out);
        assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
        assert!(
            !text.contains('\u{7}') && !text.contains('\u{202E}'),
            "{text:?}"
        );
    }
    assert!(stdout(&smmdeck(&db, &["inbox", "list"])).contains("x␛[2J"));
}

/// Item 8: NUL bytes are stripped at import, not stored raw (past the first 512 bytes of a
/// CSV, where the binary sniff does not look, and escaped in JSON).
#[test]
fn item_08_nul_bytes_are_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nul.db");
    let f = dir.path().join("x.csv");
    let mut text = std::fs::read_to_string(x_export(dir.path(), "base.csv", 5, 30)).unwrap();
    text = text.replace("post 30", "po\0st 30");
    std::fs::File::create(&f)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    ok(smmdeck(&db, &["import", f.to_str().unwrap()]));
    import_comment(&db, dir.path(), "N\u{0}ul", "cut\u{0}here");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM posts WHERE instr(caption, char(0)) > 0 OR instr(title, char(0)) > 0"
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM posts WHERE caption = 'post 30' OR title = 'post 30'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM inbox_items WHERE body = 'cuthere' AND author_name = 'Nul'"
        ),
        1
    );
}

/// Item 3: a damaged file is noticed at open; writes are refused and the file left as it was;
/// `check` says what is wrong (exit 1).
#[test]
fn item_03_corruption_is_noticed_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("good.db");
    ok(smmdeck(&db, &["demo"]));
    ok(smmdeck(&db, &["check"]));
    let bytes = std::fs::read(&db).unwrap();
    let pages = bytes.len() / 4096;
    let x = x_export(dir.path(), "x.csv", 7, 5);
    let mut detected = 0;
    let copies = 10;
    for i in 0..copies {
        let copy = dir.path().join(format!("bad{i}.db"));
        let mut b = bytes.clone();
        // One 4 KiB page (never the first: that is "not a database", tested apart) overwritten.
        let page = 1 + (i + 1) * (pages - 2) / (copies + 1);
        for (k, byte) in b[page * 4096..(page + 1) * 4096].iter_mut().enumerate() {
            *byte = (k * 7 + i * 13) as u8;
        }
        std::fs::write(&copy, &b).unwrap();
        let check = smmdeck(&copy, &["check"]);
        let info = smmdeck(&copy, &["info"]);
        let import = smmdeck(&copy, &["import", x.to_str().unwrap()]);
        if check.status.success() {
            // Damage check cannot see (a free page): then writing is fine.
            continue;
        }
        detected += 1;
        assert!(
            stderr(&info).contains("damaged"),
            "page {page}: {}",
            stderr(&info)
        );
        assert!(
            !import.status.success(),
            "page {page}: import wrote into a damaged file"
        );
        assert!(stderr(&import).contains("restore"), "{}", stderr(&import));
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            b,
            "page {page}: the file changed"
        );
    }
    assert!(
        detected >= 8,
        "only {detected} of {copies} damaged copies were noticed"
    );
}

/// Item 5: a backup killed at any point leaves no file under DEST that is not a whole,
/// checked copy, and a retry under the same name works; restore puts a backup back and
/// keeps what it replaced.
#[cfg(unix)]
#[test]
fn item_05_an_interrupted_backup_never_looks_like_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    ok(smmdeck(&db, &["demo"]));
    let posts = count(&db, "SELECT COUNT(*) FROM posts");
    for round in 0..6u64 {
        let dest = dir.path().join(format!("b{round}.db"));
        let mut child = cmd(&db, &["backup", dest.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(round * 8));
        let _ = child.kill();
        let _ = child.wait();
        if dest.exists() {
            assert_eq!(count(&dest, "SELECT COUNT(*) FROM posts"), posts);
            let conn = rusqlite::Connection::open(&dest).unwrap();
            let q: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(q, "ok");
        } else {
            ok(smmdeck(&db, &["backup", dest.to_str().unwrap()]));
        }
    }
    let dest = dir.path().join("b0.db");
    ok(smmdeck(
        &db,
        &[
            "posts",
            "add",
            "--account",
            "1",
            "--at",
            "2027-01-05 10:00",
            "--title",
            "after",
        ],
    ));
    let refused = cmd(&db, &["restore", dest.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!refused.status.success(), "restore asks before it replaces");
    let out = ok(smmdeck(&db, &["restore", "--yes", dest.to_str().unwrap()]));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM posts"), posts);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("live.db.before-restore-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{}", stdout(&out));
    assert_eq!(
        count(&kept[0].path(), "SELECT COUNT(*) FROM posts"),
        posts + 1
    );
    assert_eq!(mode(&kept[0].path()), 0o600);
}

/// Item 10: messages name the file and say what to do; a --db in a missing folder is not
/// silently created.
#[test]
fn item_10_messages_name_the_file_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("no-such-folder/smmdeck.db");
    let out = smmdeck(&typo, &["info"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no-such-folder") && stderr(&out).contains("--create"),
        "{}",
        stderr(&out)
    );
    assert!(!typo.parent().unwrap().exists(), "no folder was made");
    let mut c = cmd(&typo, &["info"]);
    c.arg("--create");
    ok(c.output().unwrap());
    let out = smmdeck(dir.path(), &["info"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
    // UTF-16 without a byte-order mark is text, not "a binary file".
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/meta_business_suite_account_views_utf16le.csv"
    ))
    .unwrap();
    assert_eq!(&sample[..2], &[0xFF, 0xFE]);
    let f = dir.path().join("views_no_bom.csv");
    std::fs::write(&f, &sample[2..]).unwrap();
    let db = dir.path().join("u16.db");
    ok(smmdeck(
        &db,
        &[
            "accounts",
            "add",
            "--platform",
            "instagram",
            "--handle",
            "lumen",
        ],
    ));
    let out = smmdeck(&db, &["import", "--account", "lumen", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Not a database at all: named, with what to do.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let out = smmdeck(&junk, &["info"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("junk.db") && stderr(&out).contains("not an smmdeck database"),
        "{}",
        stderr(&out)
    );
}

/// Runs smmdeck, killing it after `secs` seconds: a hang is a failure, not a stuck test.
fn smmdeck_within(db: &Path, args: &[&str], secs: u64) -> Output {
    let mut child = cmd(db, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed().as_secs() >= secs {
            let _ = child.kill();
            panic!("smmdeck {args:?} still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Item 7: hostile folders: a link to /dev/zero named .csv, links back to the parent, a FIFO
/// named .csv. Each is skipped and said so; the real export in the folder imports.
#[cfg(unix)]
#[test]
fn item_07_hostile_folders_are_skipped_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let folder = dir.path().join("export");
    std::fs::create_dir(&folder).unwrap();
    x_export(&folder, "x.csv", 40, 3);
    std::os::unix::fs::symlink("/dev/zero", folder.join("zero.csv")).unwrap();
    std::os::unix::fs::symlink("..", folder.join("up")).unwrap();
    std::os::unix::fs::symlink(".", folder.join("loop")).unwrap();
    let fifo = folder.join("pipe.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let out = smmdeck_within(&db, &["import", folder.to_str().unwrap()], 20);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("zero.csv") && text.contains("outside the folder"),
        "{text}"
    );
    assert!(
        text.contains("pipe.csv") && text.contains("not a regular file"),
        "{text}"
    );
    assert!(
        text.contains("loop") && text.contains("already read"),
        "{text}"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM posts"), 3);
    // Named directly, a FIFO or a device is refused at once, not read forever.
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        let out = smmdeck_within(&db, &["import", path], 20);
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

/// Item 11: SIGTERM and SIGHUP leave the terminal as it was: the app leaves the alternate
/// screen and shows the cursor again before it ends.
#[cfg(target_os = "linux")]
#[test]
fn item_11_sigterm_and_sighup_restore_the_terminal() {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tui.db");
    ok(smmdeck(&db, &["demo"]));
    for sig in [libc::SIGTERM, libc::SIGHUP] {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 40,
            ws_col: 120,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: out-pointers to two ints and a valid winsize.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0);
        // SAFETY: each fd is owned once: the child gets copies, ours are closed by File.
        let (out, err_fd) = unsafe { (libc::dup(slave), libc::dup(slave)) };
        let mut child = cmd(&db, &[])
            .stdin(unsafe { Stdio::from_raw_fd(slave) })
            .stdout(unsafe { Stdio::from_raw_fd(out) })
            .stderr(unsafe { Stdio::from_raw_fd(err_fd) })
            .spawn()
            .unwrap();
        let mut reader = unsafe { std::fs::File::from_raw_fd(master) };
        let mut keys = reader.try_clone().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !String::from_utf8_lossy(&seen).contains("\x1b[?1049h") {
            assert!(
                std::time::Instant::now() < deadline,
                "the app never started"
            );
            if let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
                seen.extend(chunk);
            }
        }
        // Let the first frame draw, triage an item (a write, so the write-ahead log holds
        // something), then end it the way a closed window or `kill` does.
        std::thread::sleep(std::time::Duration::from_millis(300));
        std::io::Write::write_all(&mut keys, b"3d").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(500));
        while let Ok(chunk) = rx.try_recv() {
            seen.extend(chunk);
        }
        let mark = seen.len();
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, sig) };
        let status = child.wait().unwrap();
        while let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
            seen.extend(chunk);
        }
        let after = String::from_utf8_lossy(&seen[mark..]).into_owned();
        assert!(
            after.contains("\x1b[?1049l"),
            "signal {sig}: still on the alternate screen: {after:?}"
        );
        assert!(
            after.contains("\x1b[?25h"),
            "signal {sig}: cursor left hidden: {after:?}"
        );
        assert_eq!(status.code(), Some(128 + sig));
        // The log was folded in on the way out: the next start sees a clean end and does not
        // spend seconds on a quick check of a large file.
        let wal = dir.path().join("tui.db-wal");
        assert!(
            wal.metadata().map_or(true, |m| m.len() == 0),
            "signal {sig}: the write-ahead log was left behind"
        );
    }
}

/// Item 2: a writer queues behind a long import (here a lock held 11 s, past the old 10 s
/// limit) instead of failing with "database is locked", and says what it waits for; two
/// imports and a triage write all land.
#[test]
fn item_02_writers_queue_behind_a_long_import_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db");
    ok(smmdeck(&db, &["demo"]));
    let id = count(&db, "SELECT MIN(id) FROM inbox_items WHERE status = 'new'").to_string();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    // What a running import leaves beside the database (pid, what, rows done, rows total).
    let note = format!("{}\nan import\n5000\n90000\n", std::process::id());
    std::fs::write(dir.path().join("queue.db-writer"), note).unwrap();
    let spawn = |args: &[&str]| {
        cmd(&db, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = x_export(dir.path(), "a.csv", 500, 50);
    let b = x_export(dir.path(), "b.csv", 900, 50);
    let children = [
        spawn(&["inbox", "set", &id, "--status", "done"]),
        spawn(&["import", a.to_str().unwrap()]),
        spawn(&["import", b.to_str().unwrap()]),
    ];
    std::thread::sleep(std::time::Duration::from_secs(11));
    holder.execute_batch("COMMIT").unwrap();
    std::fs::remove_file(dir.path().join("queue.db-writer")).unwrap();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("waiting for an import in another smmdeck (pid")
                && stderr(&out).contains("5000 of 90000 rows"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM inbox_items WHERE id = {id} AND status = 'done'")
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM posts WHERE external_id IN ('500', '949', '900', '949')"
        ),
        3
    );
}

/// Unmounts the small file system of the full-disk test, whatever happens.
#[cfg(target_os = "linux")]
struct Mounted(PathBuf);

/// A 2 MiB tmpfs under `dir`; None (and a note) where it cannot be mounted (not root).
#[cfg(target_os = "linux")]
fn small_tmpfs(dir: &Path) -> Option<Mounted> {
    let mnt = dir.join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
    }
    mounted.then_some(Mounted(mnt))
}

#[cfg(target_os = "linux")]
impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Item 10: on a full disk reading still works (with a warning), and a write says the disk is
/// full, naming the file. Needs a 2 MiB tmpfs (root); skipped where it cannot be mounted.
#[cfg(target_os = "linux")]
#[test]
fn item_10_reading_works_on_a_full_disk() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mounted) = small_tmpfs(dir.path()) else {
        return;
    };
    let mnt = mounted.0.clone();
    let db = mnt.join("full.db");
    ok(smmdeck(
        &db,
        &["accounts", "add", "--platform", "x", "--handle", "kept"],
    ));
    // Fill the disk to the last byte.
    let mut filler = std::fs::File::create(mnt.join("filler")).unwrap();
    while filler.write_all(&[0u8; 4096]).is_ok() {}
    drop(filler);
    let _ =
        std::fs::File::create(mnt.join("filler2")).map(|mut f| while f.write_all(&[0]).is_ok() {});
    let out = smmdeck(&db, &["accounts", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("@kept"));
    assert!(stderr(&out).contains("no room"), "{}", stderr(&out));
    ok(smmdeck(&db, &["info"]));
    let out = smmdeck(
        &db,
        &["accounts", "add", "--platform", "x", "--handle", "lost"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("full.db") && stderr(&out).contains("disk full"),
        "{}",
        stderr(&out)
    );
}

/// Item 10: a read-only disk (or file) is read, with a warning that names it; a write says it
/// is read-only, naming the file, instead of "unable to open database file".
#[cfg(target_os = "linux")]
#[test]
fn item_10_a_read_only_database_is_read_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mounted) = small_tmpfs(dir.path()) else {
        return;
    };
    let db = mounted.0.join("ro.db");
    ok(smmdeck(
        &db,
        &["accounts", "add", "--platform", "x", "--handle", "kept"],
    ));
    let remounted = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mounted.0)
        .status()
        .unwrap();
    assert!(remounted.success());
    let out = smmdeck(&db, &["accounts", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("@kept"));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    let out = smmdeck(
        &db,
        &["accounts", "add", "--platform", "x", "--handle", "lost"],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ro.db") && stderr(&out).contains("read-only"),
        "{}",
        stderr(&out)
    );
}
