//! Meta Ads Manager "Export table data" CSV, in the interface languages whose headers we have
//! seen in real exports (English, Spanish, Brazilian Portuguese) or in Meta's help (French).
//! By day (a `Day` column, or each row's reporting start and end on the same day) or as period
//! totals; the unnamed summary row Meta puts first is not a campaign, and "No data available."
//! is an empty report, not an error.

use super::{Columns, RowReader, currency_column, finish, table};
use crate::import::records::{Ctx, FileError, Parsed};
use crate::import::table::Table;

const NAME: &[&str] = &[
    "Campaign name",
    "Nombre de la campaña",
    "Nome da campanha",
    "Nom de la campagne",
];
const STARTS: &[&str] = &[
    "Reporting starts",
    "Inicio del informe",
    "Início dos relatórios",
    "Début des rapports",
];
const ENDS: &[&str] = &[
    "Reporting ends",
    "Fin del informe",
    "Término dos relatórios",
    "Fin des rapports",
];
const SPEND: &[&str] = &[
    "Amount spent",
    "Importe gastado",
    "Valor usado",
    "Montant dépensé",
];
const DAY: &[&str] = &["Day", "Día", "Dia", "Jour"];
const ID: &[&str] = &[
    "Campaign ID",
    "Identificador de la campaña",
    "ID de la campaña",
    "ID da campanha",
    "Identifiant de la campagne",
];
const IMPRESSIONS: &[&str] = &["Impressions", "Impresiones", "Impressões"];
const REACH: &[&str] = &["Reach", "Alcance", "Couverture"];
const LINK_CLICKS: &[&str] = &[
    "Link clicks",
    "Clics en el enlace",
    "Cliques no link",
    "Clics sur un lien",
];
const ALL_CLICKS: &[&str] = &[
    "Clicks (all)",
    "Clics (todos)",
    "Cliques (todos)",
    "Clics (tous)",
];
const RESULTS: &[&str] = &["Results", "Resultados", "Résultats"];
/// Purchase value columns start with these words (Meta adds qualifiers after them).
const PURCHASE_VALUE: &[&str] = &[
    "purchases conversion value",
    "website purchases conversion value",
    "valor de conversión de compras",
    "valor de conversão de compras",
    "valeur de conversion des achats",
];

pub fn is_header(h: &[String]) -> bool {
    let t = Table {
        headers: h.to_vec(),
        header_line: 1,
        rows: Vec::new(),
    };
    t.col(NAME).is_some() && t.col(STARTS).is_some() && currency_column(&t, SPEND).is_some()
}

pub fn parse(text: &str, _ctx: &Ctx) -> Result<Parsed, FileError> {
    let (t, _) = table(text)?;
    let (spend, currency) = currency_column(&t, SPEND).ok_or_else(|| {
        FileError::field(
            t.header_line,
            "Amount spent (XXX)",
            "missing the spend column with its currency, such as \"Amount spent (EUR)\"",
        )
    })?;
    let cols = Columns {
        name: t.require(NAME)?,
        id: t.col(ID),
        spend,
        impressions: t.col(IMPRESSIONS),
        reach: t.col(REACH),
        clicks: t.col(LINK_CLICKS).or_else(|| t.col(ALL_CLICKS)),
        conversions: t.col(RESULTS),
        revenue: t.headers.iter().position(|h| {
            let h = h.to_lowercase();
            PURCHASE_VALUE.iter().any(|p| h.starts_with(p))
        }),
    };
    let (starts, ends, day) = (t.require(STARTS)?, t.col(ENDS), t.col(DAY));
    let mut parsed = Parsed::default();
    let mut recs = Vec::new();
    let mut summary_rows = 0;
    for (line, rec) in &t.rows {
        if rec.len() == 1 && rec[0].trim().to_lowercase().starts_with("no data") {
            parsed.notes.push(format!("Meta says: {}", rec[0].trim()));
            continue;
        }
        let mut r = RowReader::new(&t, *line, rec);
        if r.text(Some(cols.name)).is_empty() {
            // Meta's summary row: the totals of the rows below, without a name.
            summary_rows += 1;
            continue;
        }
        let (from, to) = match day {
            Some(d) if !r.text(Some(d)).is_empty() => {
                let d = r.date(Some(d));
                (d, d)
            }
            _ => (r.date(Some(starts)), r.date(ends.or(Some(starts)))),
        };
        let (Some(from), Some(to)) = (from, to) else {
            r.done(&mut parsed);
            continue;
        };
        if to < from {
            r.fail(
                ends,
                format!("the report ends ({to}) before it starts ({from})"),
            );
            r.done(&mut parsed);
            continue;
        }
        let s = cols.read(&mut r, &currency, Some(from), to);
        if r.done(&mut parsed) {
            recs.push(s);
        }
    }
    if summary_rows > 0 {
        parsed.notes.push(format!(
            "skipped Meta's summary row{} (totals, not a campaign)",
            if summary_rows == 1 { "" } else { "s" }
        ));
    }
    Ok(finish(parsed, recs, "Meta Ads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        super::super::tests::ctx()
    }

    #[test]
    fn summary_row_is_not_a_campaign_and_days_are_read() {
        let text = "\u{feff}Campaign name,Day,Reach,Impressions,Link clicks,Results,Amount spent (EUR),Reporting starts,Reporting ends\n\
                    ,,300,500,12,2,30.50,2026-10-01,2026-10-02\n\
                    Autumn,2026-10-02,100,200,5,1,10.25,2026-10-02,2026-10-02\n\
                    Autumn,2026-10-01,200,300,7,1,20.25,2026-10-01,2026-10-01\n";
        let p = parse(text.trim_start_matches('\u{feff}'), &ctx()).unwrap();
        assert_eq!(p.spend.len(), 2);
        assert_eq!(p.spend.iter().map(|s| s.spend_minor).sum::<i64>(), 3_050);
        assert_eq!(p.spend[0].clicks, Some(5));
        assert_eq!(p.spend[0].currency, "EUR");
        assert!(p.notes.iter().any(|n| n.contains("summary row")));
    }

    #[test]
    fn french_totals_without_a_day() {
        let text = "Début des rapports,Fin des rapports,Nom de la campagne,Couverture,Impressions,Montant dépensé (EUR)\n\
                    2026-10-01,2026-10-31,Rentrée,1000,2500,\"1,250.00\"\n";
        let p = parse(text, &ctx()).unwrap();
        let s = &p.spend[0];
        assert_eq!(
            (s.name.as_str(), s.spend_minor, s.clicks),
            ("Rentrée", 125_000, None)
        );
        assert_eq!(
            (s.from.unwrap().to_string(), s.to.to_string()),
            ("2026-10-01".into(), "2026-10-31".into())
        );
    }

    #[test]
    fn no_data_is_an_empty_report() {
        let text = "\"Reporting starts\",\"Reporting ends\",\"Campaign name\",Results,\"Amount spent (USD)\"\n\"No data available.\"\n";
        let p = parse(text, &ctx()).unwrap();
        assert!(p.spend.is_empty() && p.rejects.is_empty());
        assert!(p.notes.iter().any(|n| n.contains("No data available")));
    }

    #[test]
    fn a_bad_cell_names_its_line_and_field() {
        let text = "Campaign name,Amount spent (USD),Reporting starts,Reporting ends\nA,12x,2026-10-01,2026-10-01\nB,1,2026-13-01,2026-10-01\n";
        let p = parse(text, &ctx()).unwrap();
        assert_eq!(p.rejects.len(), 2);
        assert_eq!(
            (p.rejects[0].line, p.rejects[0].field.as_str()),
            (2, "Amount spent (USD)")
        );
        assert_eq!(
            (p.rejects[1].line, p.rejects[1].field.as_str()),
            (3, "Reporting starts")
        );
    }
}
