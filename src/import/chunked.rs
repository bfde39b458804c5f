//! Large files read in two passes, a chunk at a time, so that memory stays bounded by a chunk
//! and not by the file. The first pass (before the transaction) parses every chunk and keeps
//! only small facts: row counts, the account hint, notes, rejects, and what the date column
//! said about day/month order. The second pass (inside the transaction) reads the file again
//! and hands each chunk's records to the apply step, then checks the bytes were the same.

use std::collections::HashSet;
use std::io::Read;

use sha2::{Digest, Sha256};

use super::records::{Ctx, FileError, Format, Parsed, When};
use super::source::Source;
use super::stream::{self, Chunk, Shape, Stop};
use super::{ImportError, Loaded, clean, parse_as, pipeline};

/// How many people of a file are kept as candidate owners (a known account among them is the
/// owner). A file of a million comments may have hundreds of thousands of authors; the account
/// itself, when it writes, is among the first.
const MAX_CANDIDATES: usize = 10_000;

/// How many inbox records of the first chunk are kept for finding the account (comments name
/// the posts they are on).
const KEEP_INBOX: usize = 20;

/// A file the apply step reads again, chunk by chunk.
pub(crate) struct Streamed {
    pub src: Source,
    pub shape: Shape,
    pub format: Format,
    /// The context of the second pass: the day/month order the whole column settled.
    pub ctx: Ctx,
    /// The rest of a JSON envelope (`"paging":…`), for every chunk of the second pass.
    pub envelope: String,
    pub rows: usize,
    pub inbox: usize,
    pub needs_zone: bool,
    pub chunk_bytes: usize,
}

/// The chunk size; `SMMDECK_IMPORT_CHUNK_BYTES` makes it smaller, so that the tests of every
/// format can run through the chunked path with small files.
pub(crate) fn chunk_bytes() -> usize {
    env_size("SMMDECK_IMPORT_CHUNK_BYTES")
        .filter(|&n| n > 0)
        .unwrap_or(stream::CHUNK_BYTES)
}

/// Files up to this size are read whole (`SMMDECK_IMPORT_WHOLE_UP_TO` for the tests).
pub(crate) fn whole_up_to() -> u64 {
    env_size("SMMDECK_IMPORT_WHOLE_UP_TO").map_or(stream::WHOLE_UP_TO, |n| n as u64)
}

fn env_size(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|s| s.parse().ok())
}

/// Hands the memory freed by a pass back to the system: the allocator keeps freed blocks for
/// reuse, and the peak a user sees is what it kept, not what is in use.
pub(crate) fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory at the allocator's discretion.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A chunk's error, at the file's line.
fn at_file(mut e: FileError, chunk: &Chunk) -> FileError {
    e.line = e.line.map(|l| chunk.file_line(l));
    e
}

fn fix_lines(p: &mut Parsed, chunk: &Chunk) {
    for r in &mut p.rejects {
        r.line = chunk.file_line(r.line);
    }
    for r in &mut p.posts {
        r.line = chunk.file_line(r.line);
    }
    for r in &mut p.days {
        r.line = chunk.file_line(r.line);
    }
    for r in &mut p.inbox {
        r.line = chunk.file_line(r.line);
    }
}

fn parse_chunk(format: Format, chunk: &Chunk, ctx: &Ctx) -> Result<Parsed, FileError> {
    let mut p = parse_as(format, &chunk.text, ctx).map_err(|e| at_file(e, chunk))?;
    clean::parsed(&mut p);
    fix_lines(&mut p, chunk);
    Ok(p)
}

/// A Graph API feed can list a post twice (a share and its original); the parser keeps the
/// first listing and its comments. Across chunks the same is done here: a post listed in an
/// earlier chunk is dropped, with the comments of that listing.
#[derive(Default)]
struct FeedOnce {
    seen: HashSet<String>,
}

impl FeedOnce {
    fn filter(&mut self, format: Format, p: &mut Parsed) {
        if format != Format::GraphFacebookFeed {
            return;
        }
        let again: HashSet<String> = p
            .posts
            .iter()
            .filter(|r| self.seen.contains(&r.external_id))
            .map(|r| r.external_id.clone())
            .collect();
        if !again.is_empty() {
            p.posts.retain(|r| !again.contains(&r.external_id));
            p.inbox.retain(|r| {
                r.post_external_id
                    .as_ref()
                    .is_none_or(|id| !again.contains(id))
            });
        }
        self.seen
            .extend(p.posts.iter().map(|r| r.external_id.clone()));
    }
}

/// The first pass: everything but the records. None when the file turns out not to be of a
/// shape that can be cut (a single JSON node): it is then read whole.
pub(crate) fn first_pass(
    src: Source,
    format: Format,
    shape: Shape,
    mut ctx: Ctx,
) -> Result<Result<(Parsed, Streamed), Source>, ImportError> {
    let size = chunk_bytes();
    let mut meta = Parsed::default();
    let mut facts = Facts::default();
    let mut once = FeedOnce::default();
    // Nothing of this pass is written: the chunks are parsed on as many threads as there are
    // cores (two at most), and merged in the file's order.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let result = src.with_reader(&mut |r| {
        Ok(pipeline::ordered(
            workers,
            &|chunk: Chunk| parse_chunk(format, &chunk, &ctx),
            &mut |mut p| {
                once.filter(format, &mut p);
                facts.merge(&mut meta, p);
                Ok(())
            },
            &mut |send| stream::chunks(&mut *r, shape, size, None, send),
            &worker_lost,
        ))
    })?;
    release_memory();
    let envelope = match result.map_err(Stop::Consumer).and_then(|r| r) {
        Ok(envelope) => envelope,
        Err(Stop::NotStreamable) => return Ok(Err(src)),
        Err(Stop::File(e) | Stop::Consumer(e)) => return Err(ImportError::invalid(&src.name, e)),
        Err(Stop::Read(e)) => return Err(src.io_error(&e)),
    };
    if !envelope.is_empty() {
        // What the envelope says about the account (a page of conversations names its Page in
        // `paging.next`), as the whole file would have said it.
        let text = format!("{{\"data\":[]{envelope}}}");
        if let Ok(mut p) = parse_as(format, &text, &ctx) {
            clean::parsed(&mut p);
            p.notes.clear();
            facts.merge(&mut meta, p);
        }
    }
    if let Some(order) = meta.order_seen.take() {
        let decided = order
            .seen
            .decide(ctx.date_order, order.native)
            .map_err(|e| {
                ImportError::invalid(&src.name, FileError::field(order.line, order.field, e))
            })?;
        ctx.date_order = decided.or(ctx.date_order);
    }
    let streamed = Streamed {
        src,
        shape,
        format,
        ctx,
        envelope,
        rows: facts.rows,
        inbox: facts.inbox,
        needs_zone: facts.needs_zone,
        chunk_bytes: size,
    };
    Ok(Ok((meta, streamed)))
}

/// What the first pass keeps across chunks.
#[derive(Default)]
struct Facts {
    rows: usize,
    inbox: usize,
    needs_zone: bool,
    people: HashSet<(Option<String>, Option<String>)>,
}

impl Facts {
    fn merge(&mut self, meta: &mut Parsed, p: Parsed) {
        self.rows += p.rows();
        self.inbox += p.inbox.len();
        self.needs_zone |= p
            .posts
            .iter()
            .any(|r| matches!(r.published, Some(When::Local(_) | When::Date(_))));
        let (m, a) = (&mut meta.account, p.account);
        m.platform = m.platform.or(a.platform);
        if m.external_id.is_none() {
            m.external_id = a.external_id;
        }
        if m.handle.is_none() {
            m.handle_from_links = a.handle_from_links;
            m.handle = a.handle;
        }
        if m.display_name.is_none() {
            m.display_name = a.display_name;
        }
        for n in a.self_names {
            if !m.self_names.contains(&n) {
                m.self_names.push(n);
            }
        }
        for n in a.likely_self {
            if !m.likely_self.contains(&n) {
                m.likely_self.push(n);
            }
        }
        for c in a.candidates {
            if self.people.len() < MAX_CANDIDATES
                && self.people.insert((c.id.clone(), c.handle.clone()))
            {
                m.candidates.push(c);
            }
        }
        if meta.snapshot_on.is_none() {
            meta.snapshot_on = p.snapshot_on;
        }
        for n in p.notes {
            if !meta.notes.contains(&n) {
                meta.notes.push(n);
            }
        }
        meta.rejects.extend(p.rejects);
        let room = KEEP_INBOX.saturating_sub(meta.inbox.len());
        meta.inbox.extend(p.inbox.into_iter().take(room));
        match (&mut meta.order_seen, p.order_seen) {
            (Some(have), Some(more)) => have.seen.merge(more.seen),
            (have @ None, more) => *have = more,
            _ => {}
        }
    }
}

/// The error of a parsing thread that died (a bug, never the file's fault).
fn worker_lost() -> FileError {
    FileError::new("a parsing thread of the import stopped unexpectedly; nothing was imported")
}

/// The second pass: reads the file again and hands `each` the records of every chunk; fails
/// (so that the transaction is rolled back) when the bytes are not those of the first pass.
/// Each chunk is parsed, and then given to `prepare` (work that needs no database, such as
/// reading priorities), on a thread of its own while `each` writes the chunk before it.
pub(crate) fn replay(
    l: &Loaded,
    s: &Streamed,
    prepare: &(dyn Fn(&mut Parsed) + Sync),
    each: &mut dyn FnMut(Parsed) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let mut hasher = Sha256::new();
    // One parsing thread: `FeedOnce` keeps state from chunk to chunk, so the chunks are
    // filtered there in the file's order, before `prepare` reads them.
    let once = std::sync::Mutex::new(FeedOnce::default());
    // What the thread needs, apart from the file (whose source may not cross threads).
    let (format, ctx, name) = (s.format, &s.ctx, l.name.as_str());
    let work = |chunk: Chunk| -> Result<Parsed, ImportError> {
        let mut p = parse_chunk(format, &chunk, ctx).map_err(|e| ImportError::invalid(name, e))?;
        if let Ok(mut once) = once.lock() {
            once.filter(format, &mut p);
        }
        prepare(&mut p);
        Ok(p)
    };
    let lost = || ImportError::invalid(&l.name, worker_lost());
    let result = s.src.with_reader(&mut |r| {
        let mut hashing = Hashing {
            inner: r,
            hasher: &mut hasher,
        };
        Ok(pipeline::ordered(
            1,
            &work,
            each,
            &mut |send| {
                stream::chunks(
                    &mut hashing,
                    s.shape,
                    s.chunk_bytes,
                    Some(&s.envelope),
                    send,
                )
            },
            &lost,
        ))
    })?;
    let changed = || ImportError::Read {
        file: l.name.clone(),
        message: "the file changed while it was being imported; nothing was imported. Import \
                  it again once it is complete"
            .into(),
    };
    match result.map_err(Stop::Consumer).and_then(|r| r) {
        Ok(_) => {}
        Err(Stop::Consumer(e)) => return Err(e),
        Err(Stop::File(_) | Stop::NotStreamable) => return Err(changed()),
        Err(Stop::Read(e)) => return Err(s.src.io_error(&e)),
    }
    release_memory();
    if hex(&hasher.finalize()) != l.sha256 {
        return Err(changed());
    }
    Ok(())
}

/// The SHA-256 of a file's bytes, read as a stream.
pub(crate) fn sha256(src: &Source) -> Result<String, ImportError> {
    src.with_reader(&mut |r| {
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(hex(&hasher.finalize()))
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A reader that hashes what passes through it.
struct Hashing<'a, R> {
    inner: R,
    hasher: &'a mut Sha256,
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// The first bytes of a file as text when it is plain UTF-8 (with or without a byte-order
/// mark), the only encoding read in chunks; None for anything the whole-file decoder handles
/// (UTF-16, binaries, other encodings).
pub(crate) fn utf8_head(src: &Source, len: usize) -> Result<Option<String>, ImportError> {
    let head = src.with_reader(&mut |r| {
        let mut head = Vec::with_capacity(len);
        r.take(len as u64).read_to_end(&mut head)?;
        Ok(head)
    })?;
    if !super::detect::plain_utf8(&head) {
        return Ok(None);
    }
    let body = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&head);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Some(s.to_string())),
        // A character cut by the end of the head is fine; anything else is not UTF-8.
        Err(e) if e.error_len().is_none() => Ok(Some(
            String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned(),
        )),
        Err(_) => Ok(None),
    }
}
