//! Contact lists kept in spreadsheets, read as CSV: columns found by their header (any case,
//! spaces ignored, common synonyms in English, Russian, Ukrainian and Spanish), numbers as
//! people write them (`12,5K`, `1.2M`, `15 000`, `3,4%`), comma, semicolon or tab, UTF-8 (with
//! or without BOM), UTF-16, Windows-1251 or Windows-1252. Pure: bytes in, contacts out, each
//! with its line; a bad row is named by line and field, never dropped in silence.

use std::collections::HashMap;

use crate::domain::contact::{
    email_problem, normalize_handle, parse_count, parse_handle_spec, parse_rate,
};
use crate::domain::{Platform, Stage};
use crate::store::{Handle, NewContact, checked_contact};

/// What a contacts file held.
#[derive(Debug, Default)]
pub struct ContactFile {
    pub contacts: Vec<(usize, NewContact)>,
    pub rejected: Vec<RejectedRow>,
    /// Header cells that no field takes, as written (a name used twice is listed twice).
    pub unknown_columns: Vec<String>,
    /// Things the reader did that the user should know (an encoding guessed, a placeholder
    /// e-mail left out, names taken as handles).
    pub notes: Vec<String>,
    pub header: Vec<String>,
    pub header_line: usize,
}

/// A row that cannot be imported, with why, and its cells for the rejects file.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    pub line: usize,
    pub field: String,
    pub message: String,
    pub cells: Vec<String>,
}

/// Why a whole file cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ContactFileError {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Name,
    Handle(Option<Platform>),
    /// Several handles as `platform:handle[:followers[:er]]`, space separated (the export's).
    Handles,
    Platform,
    Url,
    Followers,
    Er,
    Email,
    Phone,
    Messenger,
    Niche,
    Location,
    Language,
    Stage,
    Notes,
    Rating,
    FollowUp,
}

/// Header words (folded: lowercase, no spaces, `_`, `-`, `.`, `:` or `%`) and what they mean.
const SYNONYMS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("fullname", Field::Name),
    ("contact", Field::Name),
    ("contactname", Field::Name),
    ("blogger", Field::Name),
    ("influencer", Field::Name),
    ("creator", Field::Name),
    ("title", Field::Name),
    ("channel", Field::Name),
    ("channelname", Field::Name),
    ("имя", Field::Name),
    ("фио", Field::Name),
    ("блогер", Field::Name),
    ("ім'я", Field::Name),
    ("nombre", Field::Name),
    ("handle", Field::Handle(None)),
    ("username", Field::Handle(None)),
    ("user", Field::Handle(None)),
    ("nick", Field::Handle(None)),
    ("nickname", Field::Handle(None)),
    ("account", Field::Handle(None)),
    ("ник", Field::Handle(None)),
    ("никнейм", Field::Handle(None)),
    ("аккаунт", Field::Handle(None)),
    ("акаунт", Field::Handle(None)),
    ("usuario", Field::Handle(None)),
    ("instagram", Field::Handle(Some(Platform::Instagram))),
    ("ig", Field::Handle(Some(Platform::Instagram))),
    ("insta", Field::Handle(Some(Platform::Instagram))),
    ("инстаграм", Field::Handle(Some(Platform::Instagram))),
    ("tiktok", Field::Handle(Some(Platform::TikTok))),
    ("тикток", Field::Handle(Some(Platform::TikTok))),
    ("youtube", Field::Handle(Some(Platform::YouTube))),
    ("yt", Field::Handle(Some(Platform::YouTube))),
    ("ютуб", Field::Handle(Some(Platform::YouTube))),
    ("twitter", Field::Handle(Some(Platform::X))),
    ("x", Field::Handle(Some(Platform::X))),
    ("facebook", Field::Handle(Some(Platform::Facebook))),
    ("fb", Field::Handle(Some(Platform::Facebook))),
    ("threads", Field::Handle(Some(Platform::Threads))),
    ("linkedin", Field::Handle(Some(Platform::LinkedIn))),
    ("telegramchannel", Field::Handle(Some(Platform::Telegram))),
    ("otherhandles", Field::Handles),
    ("handles", Field::Handles),
    ("platform", Field::Platform),
    ("network", Field::Platform),
    ("socialnetwork", Field::Platform),
    ("платформа", Field::Platform),
    ("соцсеть", Field::Platform),
    ("площадка", Field::Platform),
    ("plataforma", Field::Platform),
    ("redsocial", Field::Platform),
    ("red", Field::Platform),
    ("url", Field::Url),
    ("link", Field::Url),
    ("profile", Field::Url),
    ("profileurl", Field::Url),
    ("channelurl", Field::Url),
    ("ссылка", Field::Url),
    ("посилання", Field::Url),
    ("enlace", Field::Url),
    ("followers", Field::Followers),
    ("followercount", Field::Followers),
    ("subscribers", Field::Followers),
    ("subs", Field::Followers),
    ("audience", Field::Followers),
    ("подписчики", Field::Followers),
    ("подписчиков", Field::Followers),
    ("підписники", Field::Followers),
    ("аудитория", Field::Followers),
    ("seguidores", Field::Followers),
    ("suscriptores", Field::Followers),
    ("er", Field::Er),
    ("engagementrate", Field::Er),
    ("engagement", Field::Er),
    ("вовлеченность", Field::Er),
    ("залученість", Field::Er),
    ("email", Field::Email),
    ("mail", Field::Email),
    ("emailaddress", Field::Email),
    ("почта", Field::Email),
    ("пошта", Field::Email),
    ("correo", Field::Email),
    ("phone", Field::Phone),
    ("tel", Field::Phone),
    ("telephone", Field::Phone),
    ("mobile", Field::Phone),
    ("телефон", Field::Phone),
    ("teléfono", Field::Phone),
    ("telefono", Field::Phone),
    ("messenger", Field::Messenger),
    ("telegram", Field::Messenger),
    ("whatsapp", Field::Messenger),
    ("мессенджер", Field::Messenger),
    ("месенджер", Field::Messenger),
    ("niche", Field::Niche),
    ("category", Field::Niche),
    ("topic", Field::Niche),
    ("keyword", Field::Niche),
    ("тематика", Field::Niche),
    ("тема", Field::Niche),
    ("ниша", Field::Niche),
    ("ніша", Field::Niche),
    ("nicho", Field::Niche),
    ("categoría", Field::Niche),
    ("categoria", Field::Niche),
    ("location", Field::Location),
    ("city", Field::Location),
    ("country", Field::Location),
    ("город", Field::Location),
    ("страна", Field::Location),
    ("місто", Field::Location),
    ("ciudad", Field::Location),
    ("país", Field::Location),
    ("pais", Field::Location),
    ("language", Field::Language),
    ("lang", Field::Language),
    ("язык", Field::Language),
    ("мова", Field::Language),
    ("idioma", Field::Language),
    ("status", Field::Stage),
    ("stage", Field::Stage),
    ("статус", Field::Stage),
    ("этап", Field::Stage),
    ("етап", Field::Stage),
    ("estado", Field::Stage),
    ("notes", Field::Notes),
    ("note", Field::Notes),
    ("comment", Field::Notes),
    ("comments", Field::Notes),
    ("комментарий", Field::Notes),
    ("примечание", Field::Notes),
    ("заметки", Field::Notes),
    ("коментар", Field::Notes),
    ("нотатки", Field::Notes),
    ("notas", Field::Notes),
    ("comentario", Field::Notes),
    ("rating", Field::Rating),
    ("рейтинг", Field::Rating),
    ("followup", Field::FollowUp),
    ("nextcontact", Field::FollowUp),
];

fn fold_header(h: &str) -> String {
    h.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | ':' | '%' | '"'))
        .collect::<String>()
        .to_lowercase()
}

fn field_of(header: &str) -> Option<Field> {
    let folded = fold_header(header);
    SYNONYMS
        .iter()
        .find(|(word, _)| *word == folded)
        .map(|(_, f)| *f)
}

/// Bytes to text: UTF-8 (BOM or not) and UTF-16 as the platform importers read them; other
/// bytes as Windows-1251 when most letters are not ASCII (Cyrillic text), else Windows-1252.
fn decode(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, ContactFileError> {
    match super::detect::decode(bytes) {
        Ok(text) => Ok(text),
        Err(e) if e.message.contains("not UTF-8") => {
            let high = bytes.iter().filter(|b| **b >= 0x80).count();
            let ascii_letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
            let encoding = if high > ascii_letters {
                encoding_rs::WINDOWS_1251
            } else {
                encoding_rs::WINDOWS_1252
            };
            notes.push(format!(
                "the file is not UTF-8; read as {}",
                encoding.name()
            ));
            Ok(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
        Err(e) => Err(ContactFileError {
            line: e.line,
            message: e.message,
        }),
    }
}

/// The separator that splits the first lines most evenly: `,`, `;` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().trim_matches([',', ';', '\t']).is_empty())
        .take(5)
        .collect();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            let counts: Vec<usize> = lines
                .iter()
                .map(|l| l.bytes().filter(|b| b == d).count())
                .collect();
            let min = counts.iter().copied().min().unwrap_or(0);
            (min, counts.first().copied().unwrap_or(0))
        })
        .unwrap_or(b',')
}

/// Reads a contacts CSV. `platform` is the platform of handles the file does not place.
pub fn read(bytes: &[u8], platform: Option<Platform>) -> Result<ContactFile, ContactFileError> {
    let mut out = ContactFile::default();
    let text = decode(bytes, &mut out.notes)?;
    let text = crate::text::clean(&text);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut columns: Vec<Option<Field>> = Vec::new();
    let mut have_header = false;
    let mut name_as_handle = false;
    let mut placeholders = 0;
    let mut first_placeholder = String::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| ContactFileError {
            line: e.position().map(|p| p.line() as usize),
            message: format!("the CSV cannot be read: {e}"),
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if !have_header {
            columns = cells.iter().map(|h| field_of(h)).collect();
            if !columns.iter().any(|c| {
                matches!(
                    c,
                    Some(Field::Name | Field::Handle(_) | Field::Url | Field::Email)
                )
            }) {
                return Err(ContactFileError {
                    line: Some(line),
                    message: format!(
                        "no column names the contact (looked for Name, Handle, Username, \
                         Instagram, E-mail, URL and their synonyms; found {})",
                        cells.join(", ")
                    ),
                });
            }
            // A name used twice keeps its first column; the others are listed as unknown.
            let mut seen: HashMap<Field, usize> = HashMap::new();
            for (i, c) in columns.iter_mut().enumerate() {
                if let Some(f) = *c
                    && !matches!(f, Field::Handle(_))
                    && seen.insert(f, i).is_some()
                {
                    *c = None;
                }
                if c.is_none() {
                    out.unknown_columns.push(cells[i].clone());
                }
            }
            if platform.is_none()
                && !columns.contains(&Some(Field::Platform))
                && let Some(i) = columns.iter().position(|c| *c == Some(Field::Handle(None)))
            {
                return Err(ContactFileError {
                    line: Some(line),
                    message: format!(
                        "the {:?} column holds handles but no column says their platform; \
                         say it with --platform (instagram, tiktok, youtube, ...)",
                        cells[i]
                    ),
                });
            }
            let has_handle = columns
                .iter()
                .any(|c| matches!(c, Some(Field::Handle(_) | Field::Url)));
            name_as_handle = !has_handle && columns.contains(&Some(Field::Platform));
            if name_as_handle {
                out.notes.push(
                    "no handle column: each name is taken as the handle on its row's platform"
                        .into(),
                );
            }
            out.header = cells;
            out.header_line = line;
            have_header = true;
            continue;
        }
        match row(&columns, &cells, platform, name_as_handle) {
            Ok((contact, placeholder)) => {
                if let Some(p) = placeholder {
                    placeholders += 1;
                    if first_placeholder.is_empty() {
                        first_placeholder = p;
                    }
                }
                match checked_contact(&contact) {
                    Ok(c) => out.contacts.push((line, c)),
                    Err(crate::store::StoreError::Field { field, message }) => {
                        out.rejected.push(RejectedRow {
                            line,
                            field: field.to_string(),
                            message,
                            cells,
                        })
                    }
                    Err(e) => out.rejected.push(RejectedRow {
                        line,
                        field: String::new(),
                        message: e.to_string(),
                        cells,
                    }),
                }
            }
            Err((field, message)) => out.rejected.push(RejectedRow {
                line,
                field,
                message,
                cells,
            }),
        }
    }
    if !have_header {
        return Err(ContactFileError {
            line: None,
            message: "the file is empty".into(),
        });
    }
    if placeholders > 0 {
        out.notes.push(format!(
            "{placeholders} e-mail cell(s) held text that is not an address (such as \
             {first_placeholder:?}) and were left empty"
        ));
    }
    Ok(out)
}

type RowError = (String, String);

/// One row as a contact, and the text an e-mail cell held instead of an address.
fn row(
    columns: &[Option<Field>],
    cells: &[String],
    default_platform: Option<Platform>,
    name_as_handle: bool,
) -> Result<(NewContact, Option<String>), RowError> {
    let mut c = NewContact::default();
    let mut platform_cell: Option<String> = None;
    let mut bare_handles: Vec<String> = Vec::new();
    let mut placed: Vec<(Platform, String)> = Vec::new();
    let mut followers: Option<(i64, String)> = None;
    let mut er: Option<(f64, String)> = None;
    let mut placeholder = None;
    let mut extra: Vec<Handle> = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let (Some(f), Some(v)) = (col, cells.get(i)) else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        match f {
            Field::Name => c.name = v.clone(),
            Field::Handle(Some(p)) => placed.push((*p, normalize_handle(v))),
            Field::Handle(None) => bare_handles.push(normalize_handle(v)),
            Field::Url => match url_handle(v) {
                Some(found) => placed.push(found),
                None => bare_handles.push(normalize_handle(v)),
            },
            Field::Platform => platform_cell = Some(v.clone()),
            Field::Handles => {
                for spec in v.split_whitespace() {
                    let (p, h, followers, er) = parse_handle_spec(spec)
                        .map_err(|why| ("handles".to_string(), format!("{spec:?}: {why}")))?;
                    let platform = Platform::parse_loose(&p).ok_or_else(|| {
                        ("handles".to_string(), format!("{p:?} is not a platform"))
                    })?;
                    extra.push(Handle {
                        platform: platform.as_str().to_string(),
                        handle: normalize_handle(&h),
                        followers,
                        engagement_rate: er,
                    });
                }
            }
            Field::Followers => {
                let n = parse_count(v)
                    .ok_or_else(|| ("followers".to_string(), format!("{v:?} is not a count")))?;
                followers = Some((n, v.clone()));
            }
            Field::Er => {
                let r = parse_rate(v).ok_or_else(|| {
                    (
                        "engagement rate".to_string(),
                        format!("{v:?} is not a rate like 3.4%"),
                    )
                })?;
                er = Some((r, v.clone()));
            }
            Field::Email => {
                if v.contains('@') {
                    if let Some(why) = email_problem(v) {
                        return Err(("email".into(), format!("{v:?}: {why}")));
                    }
                    c.email = Some(v.clone());
                } else {
                    placeholder = Some(v.clone());
                }
            }
            Field::Phone => c.phone = Some(v.clone()),
            Field::Messenger => c.messenger = Some(v.clone()),
            Field::Niche => c.niche = v.clone(),
            Field::Location => c.location = v.clone(),
            Field::Language => c.language = v.clone(),
            Field::Stage => {
                c.stage = Stage::parse_loose(v)
                    .ok_or_else(|| {
                        (
                            "stage".to_string(),
                            format!(
                                "{v:?} is not a stage (prospect, contacted, negotiating, agreed, \
                                 content live, paid, declined, paused)"
                            ),
                        )
                    })?
                    .as_str()
                    .to_string()
            }
            Field::Notes => c.notes = v.clone(),
            Field::Rating => {
                let r: i64 = v
                    .parse()
                    .ok()
                    .filter(|r| (1..=5).contains(r))
                    .ok_or_else(|| ("rating".to_string(), format!("{v:?} is not 1 to 5")))?;
                c.rating = Some(r);
            }
            Field::FollowUp => c.follow_up_on = Some(v.clone()),
        }
    }
    let row_platform = platform_cell
        .map(|p| {
            Platform::parse_loose(&p).ok_or_else(|| {
                (
                    "platform".to_string(),
                    format!("{p:?} is not a platform smmdeck knows"),
                )
            })
        })
        .transpose()?
        .or(default_platform);
    if name_as_handle && !c.name.is_empty() {
        bare_handles.push(normalize_handle(&c.name));
    }
    for h in bare_handles {
        let p = row_platform.ok_or_else(|| {
            (
                "platform".to_string(),
                format!(
                    "@{h}: which platform? The file has no Platform column; say it with \
                     --platform (instagram, tiktok, youtube, ...)"
                ),
            )
        })?;
        placed.push((p, h));
    }
    // Followers and ER belong to the row's own platform handle, else to its first handle.
    let main = placed
        .iter()
        .position(|(p, _)| Some(*p) == row_platform)
        .unwrap_or(0);
    for (i, (p, h)) in placed.into_iter().enumerate() {
        if c.handles
            .iter()
            .any(|x| x.platform == p.as_str() && x.handle.eq_ignore_ascii_case(&h))
        {
            continue;
        }
        c.handles.push(Handle {
            platform: p.as_str().to_string(),
            handle: h,
            followers: (i == main)
                .then(|| followers.as_ref().map(|f| f.0))
                .flatten(),
            engagement_rate: (i == main).then(|| er.as_ref().map(|e| e.0)).flatten(),
        });
    }
    for h in extra {
        if !c
            .handles
            .iter()
            .any(|x| x.platform == h.platform && x.handle.eq_ignore_ascii_case(&h.handle))
        {
            c.handles.push(h);
        }
    }
    if c.name.is_empty() {
        match c.handles.first() {
            Some(h) => c.name = h.handle.clone(),
            None => return Err(("name".into(), "the row names nobody".into())),
        }
    }
    Ok((c, placeholder))
}

/// A profile link as (platform, handle): `instagram.com/anna`, `tiktok.com/@anna`,
/// `youtube.com/channel/UC…` or `/@name`, `t.me/anna`, `x.com/anna`.
pub fn url_handle(url: &str) -> Option<(Platform, String)> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let (host, path) = rest.split_once('/')?;
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let platform = match host {
        "instagram.com" => Platform::Instagram,
        "tiktok.com" => Platform::TikTok,
        "youtube.com" | "youtu.be" => Platform::YouTube,
        "x.com" | "twitter.com" => Platform::X,
        "facebook.com" | "fb.com" => Platform::Facebook,
        "t.me" | "telegram.me" => Platform::Telegram,
        "threads.net" | "threads.com" => Platform::Threads,
        "linkedin.com" => Platform::LinkedIn,
        _ => return None,
    };
    let parts: Vec<&str> = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let handle = match parts.as_slice() {
        ["channel" | "c" | "user" | "in", h, ..] => h,
        [h, ..] => h,
        [] => return None,
    };
    let handle = handle.trim_start_matches('@');
    (!handle.is_empty()).then(|| (platform, handle.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_fold_and_mean() {
        assert_eq!(field_of(" Full Name "), Some(Field::Name));
        assert_eq!(field_of("E-mail"), Some(Field::Email));
        assert_eq!(field_of("Подписчики"), Some(Field::Followers));
        assert_eq!(field_of("Follower Count"), Some(Field::Followers));
        assert_eq!(field_of("ER, %"), None, "a comma is not folded away");
        assert_eq!(field_of("ER %"), Some(Field::Er));
        assert_eq!(
            field_of("IG"),
            Some(Field::Handle(Some(Platform::Instagram)))
        );
        assert_eq!(field_of("likesAvg"), None);
    }

    #[test]
    fn links_become_handles() {
        assert_eq!(
            url_handle("https://www.youtube.com/channel/UC9ODqSfRBs_bgrNdGuWmrUA"),
            Some((Platform::YouTube, "UC9ODqSfRBs_bgrNdGuWmrUA".into()))
        );
        assert_eq!(
            url_handle("tiktok.com/@anna?lang=en"),
            Some((Platform::TikTok, "anna".into()))
        );
        assert_eq!(url_handle("https://example.com/anna"), None);
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter(",,,\nRank,Name,User\n1,A,@a\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
    }
}
