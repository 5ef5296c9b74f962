//! Progress reports in the store: the plan a posting opened with, the
//! links, notes and replies, each within its company, and the mails that
//! go with a link or a note.

use std::sync::Arc;

use candor_api::mail::MailKind;
use candor_api::reports::{NoteKind, Plan, Shows};
use candor_api::{Locale, PostingSlug};
use candor_server::store::{
    CompanyId, NewMail, NewReportLink, NewReportNote, NewReportReply, PostingId, PostingStatus, ReportLinkId,
    ReportNoteId, ReportReplyId, Store,
};
use time::Duration;

use crate::{T0, company, conflict, draft, posting, posting_other, today};

fn plan_of(stages: &[(&str, u16)], opened: candor_api::Day) -> Plan {
    let stages: Vec<(String, u16)> = stages.iter().map(|(n, d)| ((*n).to_owned(), *d)).collect();
    Plan::new(opened, &stages)
}

pub async fn a_posting_keeps_the_plan_it_was_first_published_with(store: Arc<dyn Store>) -> Vec<String> {
    let mine = company(&store, "northwind").await;
    let theirs = company(&store, "intruder").await;
    let open = posting(&store, mine, "hygienist").await;
    let agreed = plan_of(&[("Review", 3), ("Offer", 2)], today());
    assert_eq!(store.report_plan(mine, open).await.unwrap(), Some(agreed.clone()), "opened at creation");
    assert_eq!(store.report_plan(theirs, open).await.unwrap(), None, "another company's posting");

    // Retimed later: the plan the client agreed to stays.
    let mut retimed = draft("hygienist", "Dental Hygienist");
    retimed.detail.stages[0].expected_days = 10;
    store.update_posting(mine, open, &retimed, 0).await.unwrap();
    assert_eq!(store.report_plan(mine, open).await.unwrap(), Some(agreed.clone()));

    // A draft has none until it opens, then the one of that day and its stages then.
    let draft_id = store.create_posting(mine, &draft("nurse", "Nurse"), PostingStatus::Draft).await.unwrap();
    assert_eq!(store.report_plan(mine, draft_id).await.unwrap(), None);
    let mut edited = draft("nurse", "Nurse");
    edited.detail.stages[1].expected_days = 4;
    store.update_posting(mine, draft_id, &edited, 0).await.unwrap();
    let opened_on = today().add_days(2).unwrap();
    store.set_posting_status(mine, draft_id, PostingStatus::Draft, PostingStatus::Open, opened_on).await.unwrap();
    let nurse = plan_of(&[("Review", 3), ("Offer", 4)], opened_on);
    assert_eq!(store.report_plan(mine, draft_id).await.unwrap(), Some(nurse.clone()));
    // Closed and opened again: still the first.
    let later = today().add_days(9).unwrap();
    store.set_posting_status(mine, draft_id, PostingStatus::Open, PostingStatus::Closed, later).await.unwrap();
    store.update_posting(mine, draft_id, &draft("nurse", "Nurse"), 0).await.unwrap();
    store.set_posting_status(mine, draft_id, PostingStatus::Closed, PostingStatus::Open, later).await.unwrap();
    assert_eq!(store.report_plan(mine, draft_id).await.unwrap(), Some(nurse.clone()));
    let slug = PostingSlug::parse("nurse").unwrap();
    assert_eq!(store.posting(mine, &slug).await.unwrap().unwrap().detail.summary.published_on, opened_on);
    vec![serde_json::to_string(&agreed).unwrap(), serde_json::to_string(&nurse).unwrap()]
}

pub fn link(company: CompanyId, posting: PostingId, name: &str, selector: &str, n: i64) -> NewReportLink {
    NewReportLink {
        company,
        posting,
        name: name.to_owned(),
        email: format!("{}@client.example", name.to_lowercase().replace(' ', ".")),
        shows: Shows::Names,
        locale: Locale::Fi,
        seed: vec![n as u8; 16],
        selector: selector.to_owned(),
        verifier: vec![9; 32],
        created_by: "Rasmus Recruiter".into(),
        created_at: T0 + Duration::seconds(n),
        expires_on: today().add_days(90).unwrap(),
    }
}

fn note(company: CompanyId, posting: PostingId, kind: NoteKind, body: &str, n: i64) -> NewReportNote {
    NewReportNote {
        company,
        posting,
        kind,
        body: body.to_owned(),
        author: "Rasmus Recruiter".into(),
        written_at: T0 + Duration::minutes(n),
    }
}

fn reply(company: CompanyId, link: ReportLinkId, note: ReportNoteId, body: &str, n: i64) -> NewReportReply {
    NewReportReply { company, link, note, body: body.to_owned(), written_at: T0 + Duration::hours(n) }
}

fn mail(company: CompanyId, to: &str, subject: &str) -> NewMail {
    NewMail {
        company,
        application: None,
        question: None,
        user: None,
        kind: MailKind::Digest,
        recipient: to.to_owned(),
        locale: Locale::Fi,
        subject: subject.to_owned(),
        text_body: "text".into(),
        html_body: "<p>html</p>".into(),
        message_id: format!("<{}@candor.test>", subject.replace(' ', "-")),
        raw: b"raw".to_vec(),
        once_key: None,
        created_at: T0,
    }
}

pub async fn report_links_notes_and_replies_keep_to_their_company(store: Arc<dyn Store>) -> Vec<String> {
    let mine = company(&store, "northwind").await;
    let theirs = company(&store, "intruder").await;
    let hygienist = posting(&store, mine, "hygienist").await;
    let receptionist = posting_other(&store, mine).await;
    let s = &store;

    // Links: made with the mail that brings them, listed newest first.
    let anna = s
        .create_report_link(
            &link(mine, hygienist, "Anna Berg", "sel-anna", 0),
            Some(mail(mine, "anna@x", "shared")),
            None,
        )
        .await
        .unwrap();
    let ben = s.create_report_link(&link(mine, hygienist, "Ben Ek", "sel-ben", 1), None, None).await.unwrap();
    s.create_report_link(&link(mine, receptionist, "Cleo", "sel-cleo", 2), None, None).await.unwrap();
    assert_eq!((anna.company, anna.posting, anna.seed.clone()), (mine, hygienist, vec![0; 16]));
    assert_eq!(
        (anna.link.shows, anna.link.locale, anna.link.created_by.as_str()),
        (Shows::Names, Locale::Fi, "Rasmus Recruiter")
    );
    assert_eq!(anna.link.created_at, "2026-12-01T09:17:05Z");
    let names = |links: Vec<candor_server::store::ReportLinkRecord>| -> Vec<String> {
        links.into_iter().map(|l| l.link.name).collect()
    };
    assert_eq!(names(s.report_links(mine, hygienist).await.unwrap()), ["Ben Ek", "Anna Berg"]);
    assert_eq!(s.report_link_by_selector("sel-anna").await.unwrap(), Some(anna.clone()));
    assert_eq!(s.report_link_by_selector("sel-nobody").await.unwrap(), None);
    let outbox = s.outbox(mine, None, 10).await.unwrap();
    assert_eq!(outbox.iter().map(|m| m.subject.as_str()).collect::<Vec<_>>(), ["shared"]);

    // Opened and revoked, once.
    s.report_link_opened(mine, anna.id, T0 + Duration::days(1)).await.unwrap();
    s.revoke_report_link(mine, ben.id, T0 + Duration::days(2), None).await.unwrap();
    s.revoke_report_link(mine, ben.id, T0 + Duration::days(3), None).await.unwrap();
    let listed = s.report_links(mine, hygienist).await.unwrap();
    assert_eq!(listed[1].link.last_opened_at.as_deref(), Some("2026-12-02T09:17:05Z"));
    assert_eq!(listed[0].link.revoked_at.as_deref(), Some("2026-12-03T09:17:05Z"), "the first revocation stands");

    // Notes, newest first, with the warning's mails to each reader.
    let mails = vec![mail(mine, "anna@x", "warning one"), mail(mine, "cleo@x", "warning two")];
    let warning = s.create_report_note(&note(mine, hygienist, NoteKind::Warning, "They want more.", 1), mails).await;
    let warning = warning.unwrap();
    let update = s.create_report_note(&note(mine, hygienist, NoteKind::Update, "Five applied.", 2), vec![]).await;
    let update = update.unwrap();
    let elsewhere =
        s.create_report_note(&note(mine, receptionist, NoteKind::Update, "Other.", 3), vec![]).await.unwrap();
    assert_eq!(
        (warning.kind, warning.author.as_str(), warning.written_at.as_str()),
        (NoteKind::Warning, "Rasmus Recruiter", "2026-12-01T09:18:05Z")
    );
    assert_eq!(s.outbox(mine, None, 10).await.unwrap().len(), 3);

    // Replies: by the link's reader, to a note of the link's posting only.
    let (w, u) = (ReportNoteId(warning.id), ReportNoteId(update.id));
    let first = s.create_report_reply(&reply(mine, anna.id, w, "Raise it to 5,500.", 1)).await.unwrap();
    let second = s.create_report_reply(&reply(mine, anna.id, w, "Or 5,300.", 2)).await.unwrap();
    s.create_report_reply(&reply(mine, anna.id, u, "Thanks.", 3)).await.unwrap();
    assert_eq!((first.by.as_str(), first.at.as_str()), ("Anna Berg", "2026-12-01T10:17:05Z"));
    let notes = s.report_notes(mine, hygienist).await.unwrap();
    assert_eq!(notes.iter().map(|n| n.body.as_str()).collect::<Vec<_>>(), ["Five applied.", "They want more."]);
    let bodies: Vec<&str> = notes[1].replies.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies, ["Raise it to 5,500.", "Or 5,300."], "a conversation reads oldest first");
    let unseen = s.unseen_report_replies(mine).await.unwrap();
    assert_eq!(
        unseen.iter().map(|r| r.body.as_str()).collect::<Vec<_>>(),
        ["Thanks.", "Or 5,300.", "Raise it to 5,500."]
    );
    assert_eq!(
        (unseen[1].posting, unseen[1].note_kind, unseen[1].note.as_str(), unseen[1].by.as_str()),
        (hygienist, NoteKind::Warning, "They want more.", "Anna Berg")
    );
    s.mark_report_reply_seen(mine, ReportReplyId(second.id), T0).await.unwrap();
    s.mark_report_reply_seen(mine, ReportReplyId(second.id), T0).await.unwrap();
    assert_eq!(s.unseen_report_replies(mine).await.unwrap().len(), 2);

    // Another company's id reaches nothing, and writes nothing, mails included.
    assert!(s.report_links(theirs, hygienist).await.unwrap().is_empty());
    assert!(s.report_notes(theirs, hygienist).await.unwrap().is_empty());
    assert!(s.unseen_report_replies(theirs).await.unwrap().is_empty());
    let planted = link(theirs, hygienist, "Planted", "sel-planted", 5);
    let refused = vec![
        conflict(s.create_report_link(&planted, Some(mail(theirs, "p@x", "planted")), None).await),
        conflict(s.revoke_report_link(theirs, anna.id, T0, None).await),
        conflict(s.report_link_opened(theirs, anna.id, T0).await),
        conflict(
            s.create_report_note(&note(theirs, hygienist, NoteKind::Warning, "x", 9), vec![mail(theirs, "p@x", "n")])
                .await,
        ),
        conflict(s.create_report_reply(&reply(theirs, anna.id, w, "x", 9)).await),
        conflict(s.mark_report_reply_seen(theirs, ReportReplyId(first.id), T0).await),
        // A reply to a note of another posting than the link's.
        conflict(s.create_report_reply(&reply(mine, anna.id, ReportNoteId(elsewhere.id), "x", 9)).await),
        conflict(s.revoke_report_link(mine, ReportLinkId(9_999), T0, None).await),
    ];
    assert!(refused.iter().all(|r| r == "NotFound"), "{refused:?}");
    assert!(s.outbox(theirs, None, 10).await.unwrap().is_empty());
    assert_eq!(s.outbox(mine, None, 10).await.unwrap().len(), 3);
    assert!(s.report_link_by_selector("sel-planted").await.unwrap().is_none());
    assert!(s.report_links(mine, hygienist).await.unwrap()[1].link.revoked_at.is_none(), "Anna's link stays live");
    assert_eq!(s.unseen_report_replies(mine).await.unwrap().len(), 2);
    // Without row ids: what each store saw, whatever numbers it gave.
    let mut seen: Vec<String> = notes
        .iter()
        .map(|n| {
            let replies: Vec<String> =
                n.replies.iter().map(|r| format!("{} by {} at {}", r.body, r.by, r.at)).collect();
            format!("{:?} {:?} by {} at {}: {replies:?}", n.kind, n.body, n.author, n.written_at)
        })
        .collect();
    seen.extend(listed.into_iter().map(|l| {
        let l = l.link;
        format!(
            "{} {} {:?} {:?} {} {:?} {:?}",
            l.name, l.email, l.shows, l.expires_on, l.created_at, l.last_opened_at, l.revoked_at
        )
    }));
    seen
}
