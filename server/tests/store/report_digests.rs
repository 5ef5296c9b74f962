//! The weekly summaries of progress reports in the store: which links are
//! due one on a day (live, of an open posting, in a company whose weekday
//! it is) until one is kept for that link and day.

use std::sync::Arc;

use candor_api::Day;
use candor_api::Locale;
use candor_api::company::CompanySettings;
use candor_api::mail::MailKind;
use candor_api::reports::{ReportSettings, Shows};
use candor_server::store::{
    CompanyId, NewMail, NewReportLink, PostingId, PostingStatus, ReportLinkRecord, Store, report_digest_key,
};
use time::Duration;

use crate::{T0, company, posting, posting_other, today};

fn link(company: CompanyId, posting: PostingId, name: &str, expires_on: Day, n: i64) -> NewReportLink {
    NewReportLink {
        company,
        posting,
        name: name.to_owned(),
        email: format!("{}@client.example", name.to_lowercase()),
        shows: Shows::Counts,
        locale: Locale::En,
        seed: vec![n as u8; 16],
        selector: format!("sel-digest-{n}"),
        verifier: vec![9; 32],
        created_by: "Rasmus Recruiter".into(),
        created_at: T0 + Duration::seconds(n),
        expires_on,
    }
}

fn summary(company: CompanyId, record: &ReportLinkRecord, day: Day) -> NewMail {
    NewMail {
        company,
        application: None,
        question: None,
        user: None,
        kind: MailKind::ReportDigest,
        recipient: record.link.email.clone(),
        locale: Locale::En,
        subject: format!("summary of {day}"),
        text_body: "text".into(),
        html_body: "<p>html</p>".into(),
        message_id: format!("<summary-{}-{day}@candor.test>", record.id.0),
        raw: b"raw".to_vec(),
        once_key: Some(report_digest_key(record.id, day)),
        created_at: T0,
    }
}

/// Summaries on `weekday` for the company (1 = Monday).
async fn summaries_on(store: &Arc<dyn Store>, company: CompanyId, weekday: u8) {
    let current = store.company(company).await.unwrap().unwrap();
    let settings = CompanySettings {
        name: current.public.name.clone(),
        branding: current.public.branding.clone(),
        default_locale: current.public.default_locale,
        retention_days: current.public.retention_days,
        silence_alarm_days: current.silence_alarm_days,
        origins: vec![],
        late_promise_mail: current.late_promise_mail,
        reports: ReportSettings { default_shows: Shows::Counts, digest_weekday: weekday },
    };
    store.update_company(company, &settings, &[]).await.unwrap();
}

pub async fn a_links_weekly_summary_is_due_on_its_companys_weekday_until_kept(store: Arc<dyn Store>) -> Vec<String> {
    let s = &store;
    let mine = company(s, "northwind").await;
    let theirs = company(s, "intruder").await;
    let (tuesday, next_monday) = (today(), today().add_days(6).unwrap());
    assert_eq!((tuesday.iso_weekday(), next_monday.iso_weekday()), (2, 1));
    summaries_on(s, mine, 2).await;
    let hygienist = posting(s, mine, "hygienist").await;
    let receptionist = posting_other(s, mine).await;
    let elsewhere = posting(s, theirs, "hygienist").await;
    let later = today().add_days(90).unwrap();

    let anna = s.create_report_link(&link(mine, hygienist, "Anna", later, 1), None, None).await.unwrap();
    let ben = s.create_report_link(&link(mine, hygienist, "Ben", later, 2), None, None).await.unwrap();
    s.revoke_report_link(mine, ben.id, T0, None).await.unwrap();
    s.create_report_link(&link(mine, hygienist, "Cleo", today(), 3), None, None).await.unwrap();
    s.create_report_link(&link(mine, hygienist, "Erik", today().add_days(-1).unwrap(), 4), None, None).await.unwrap();
    s.create_report_link(&link(mine, receptionist, "Dora", later, 5), None, None).await.unwrap();
    s.set_posting_status(mine, receptionist, PostingStatus::Open, PostingStatus::Closed, today()).await.unwrap();
    s.create_report_link(&link(theirs, elsewhere, "Ivo", later, 6), None, None).await.unwrap();

    let due = |day: Day| async move {
        let links = s.report_digests_due(day).await.unwrap();
        links.into_iter().map(|l| l.link.name).collect::<Vec<_>>()
    };
    let mut seen = Vec::new();
    // Not revoked, not past its last day (its last day is), of an open
    // posting, on the company's weekday: another company's on its own.
    assert_eq!(due(tuesday).await, ["Anna", "Cleo"]);
    assert_eq!(due(next_monday).await, ["Ivo"]);
    assert!(due(tuesday.add_days(1).unwrap()).await.is_empty(), "no one's weekday");
    // Kept once for a link and day: not due again that day, due next week.
    assert!(s.enqueue_mail(&summary(mine, &anna, tuesday)).await.unwrap());
    assert!(!s.enqueue_mail(&summary(mine, &anna, tuesday)).await.unwrap(), "a second is refused");
    assert_eq!(due(tuesday).await, ["Cleo"]);
    let next_tuesday = tuesday.add_days(7).unwrap();
    assert_eq!(due(next_tuesday).await, ["Anna"], "Cleo's link has ended");
    seen.push(format!("{:?}", due(tuesday).await));
    seen.push(format!("{:?}", due(next_tuesday).await));
    seen
}
