//! The audit log in the store: entries kept with their company, read
//! newest first, filtered by action and person, in pages; a change's entry
//! kept in the change's own transaction, so that a change always has its
//! entry and a change refused has none.

use std::sync::Arc;

use candor_api::audit::{ActorKind, AuditAction, SubjectKind};
use candor_api::recruiting::Role;
use candor_server::store::{
    Actor, ApiTokenId, AuditFilter, CompanyId, IssuedToken, NewAudit, NewPasswordLink, Store, StoreError, UserId,
};
use time::Duration;

use crate::reports::link;
use crate::{T0, applied, company, conflict, posting, user};

fn entry(n: i64, actor: Actor, action: AuditAction) -> NewAudit {
    NewAudit {
        at: T0 + Duration::minutes(n),
        actor,
        action,
        subject_kind: SubjectKind::Person,
        subject_id: n,
        subject_label: format!("Subject {n}"),
    }
}

fn person(id: i64) -> Actor {
    Actor { kind: ActorKind::Person, id: Some(id), name: format!("Person {id}") }
}

pub async fn the_audit_log_keeps_to_its_company_newest_first(store: Arc<dyn Store>) -> Vec<String> {
    let mine = company(&store, "northwind").await;
    let theirs = company(&store, "intruder").await;
    let token = Actor { kind: ActorKind::ApiToken, id: Some(7), name: "Sync".into() };
    let done = [
        (person(7), AuditAction::PersonInvited),
        (token, AuditAction::TokenMade),
        (person(7), AuditAction::RoleChanged),
        (Actor::candidate(), AuditAction::ApplicationExported),
        (Actor::system(), AuditAction::ApplicationAnonymised),
    ];
    for (n, (actor, action)) in done.into_iter().enumerate() {
        store.record_audit(mine, &entry(n as i64, actor, action)).await.unwrap();
    }
    store.record_audit(theirs, &entry(9, person(7), AuditAction::PersonRemoved)).await.unwrap();
    let missing = store.record_audit(CompanyId(999_999), &entry(0, person(7), AuditAction::PersonRemoved)).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let all = store.audit_log(mine, AuditFilter::default(), 50).await.unwrap();
    let mut seen: Vec<String> = all
        .iter()
        .map(|e| format!("{} {} {:?} {} {}", e.at, e.action.as_str(), e.actor_id, e.actor_name, e.subject_label))
        .collect();
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].action, AuditAction::ApplicationAnonymised, "newest first");
    // Person 7 is the person, not the token with the same number.
    let by_person = AuditFilter { actor: Some(UserId(7)), ..AuditFilter::default() };
    let theirs_only = store.audit_log(mine, by_person, 50).await.unwrap();
    assert_eq!(
        theirs_only.iter().map(|e| e.action).collect::<Vec<_>>(),
        [AuditAction::RoleChanged, AuditAction::PersonInvited]
    );
    let by_action = AuditFilter { action: Some(AuditAction::TokenMade), ..AuditFilter::default() };
    assert_eq!(store.audit_log(mine, by_action, 50).await.unwrap().len(), 1);
    let page =
        store.audit_log(mine, AuditFilter { before: Some(all[1].id), ..AuditFilter::default() }, 2).await.unwrap();
    assert_eq!(page, all[2..4]);
    let other = store.audit_log(theirs, AuditFilter::default(), 50).await.unwrap();
    assert_eq!(other.len(), 1);
    seen.push(format!("theirs: {}", other[0].action.as_str()));
    seen
}

/// The company's log, oldest first, one line an entry.
async fn log(store: &Arc<dyn Store>, company: CompanyId) -> Vec<String> {
    let entries = store.audit_log(company, AuditFilter::default(), 50).await.unwrap();
    entries
        .iter()
        .rev()
        .map(|e| format!("{} {} {}: {}", e.actor_name, e.action.as_str(), e.subject_kind.as_str(), e.subject_label))
        .collect()
}

/// Every audited change, refused and then done: each refusal leaves the
/// log as it was, each change adds its one entry, named from the rows the
/// change itself read and wrote.
pub async fn a_change_is_kept_with_its_entry_and_a_refused_one_leaves_none(store: Arc<dyn Store>) -> Vec<String> {
    let mine = company(&store, "northwind").await;
    let theirs = company(&store, "intruder").await;
    let by = person(1);
    let mut refused = Vec::new();

    let maria = store.create_user(&user(mine, "maria@x.example", "Maria", Role::Admin), Some(&by)).await.unwrap();
    let twin = store.create_user(&user(mine, "MARIA@x.example", "Twin", Role::Viewer), Some(&by)).await;
    refused.push(conflict(twin));
    let rasmus =
        store.create_user(&user(mine, "rasmus@x.example", "Rasmus", Role::Recruiter), Some(&by)).await.unwrap();
    // The last admin can be neither demoted nor removed.
    refused.push(conflict(store.set_user_role(mine, maria, Role::Viewer, T0, Some(&by)).await));
    refused.push(conflict(store.delete_user(mine, maria, T0, Some(&by)).await));
    refused.push(conflict(store.set_user_role(theirs, rasmus, Role::Admin, T0, Some(&by)).await));
    store.set_user_role(mine, rasmus, Role::Viewer, T0, Some(&by)).await.unwrap();
    let link_for = |user: UserId| NewPasswordLink {
        selector: format!("link-{}", user.0),
        verifier: vec![1; 32],
        user,
        expires_at: T0 + Duration::days(1),
    };
    refused.push(conflict(store.create_password_link(theirs, &link_for(rasmus), None, T0, Some(&by)).await));
    store.create_password_link(mine, &link_for(rasmus), None, T0, Some(&by)).await.unwrap();

    let issued = IssuedToken {
        role: Role::Recruiter,
        name: "ATS sync".into(),
        selector: "audited-token".into(),
        verifier: vec![9; 32],
        created_by: Some(maria),
        created_at: T0,
    };
    // Made by someone of another company: refused.
    let planted = IssuedToken { selector: "planted".into(), ..issued.clone() };
    refused.push(conflict(store.create_api_token(theirs, &planted, Some(&by)).await));
    let token = ApiTokenId(store.create_api_token(mine, &issued, Some(&by)).await.unwrap().id);
    refused.push(conflict(store.revoke_api_token(theirs, token, T0, Some(&by)).await));
    store.revoke_api_token(mine, token, T0, Some(&by)).await.unwrap();
    // Revoked already: nothing changes, and no second entry.
    store.revoke_api_token(mine, token, T0 + Duration::days(1), Some(&by)).await.unwrap();

    let hygienist = posting(&store, mine, "hygienist").await;
    let elsewhere = posting(&store, theirs, "elsewhere").await;
    refused
        .push(conflict(store.create_report_link(&link(mine, elsewhere, "Ivo", "sel-ivo", 1), None, Some(&by)).await));
    let anna = store.create_report_link(&link(mine, hygienist, "Anna", "sel-anna", 2), None, Some(&by)).await.unwrap();
    refused.push(conflict(store.revoke_report_link(theirs, anna.id, T0, Some(&by)).await));
    store.revoke_report_link(mine, anna.id, T0, Some(&by)).await.unwrap();
    store.revoke_report_link(mine, anna.id, T0 + Duration::days(1), Some(&by)).await.unwrap();

    let aino = applied(&store, mine, hygienist, "aino@example.fi").await;
    let eero = applied(&store, mine, hygienist, "eero@example.fi").await;
    refused.push(conflict(store.erase_application(theirs, aino, T0, Some(&Actor::candidate())).await));
    store.erase_application(mine, aino, T0, Some(&Actor::candidate())).await.unwrap();
    store.erase_application(mine, eero, T0, Some(&Actor::system())).await.unwrap();
    // Erased already (another instance's sweep): refused, with no second entry.
    refused.push(conflict(store.erase_application(mine, eero, T0, Some(&Actor::system())).await));

    refused.push(conflict(store.delete_user(theirs, rasmus, T0, Some(&by)).await));
    store.delete_user(mine, rasmus, T0, Some(&by)).await.unwrap();

    let seen = log(&store, mine).await;
    assert_eq!(
        seen,
        [
            "Person 1 person_invited person: Maria",
            "Person 1 person_invited person: Rasmus",
            "Person 1 role_changed person: Rasmus: recruiter → viewer",
            "Person 1 password_link_made person: Rasmus",
            "Person 1 token_made api_token: ATS sync",
            "Person 1 token_revoked api_token: ATS sync",
            "Person 1 report_link_made report_link: Anna · Dental Hygienist",
            "Person 1 report_link_revoked report_link: Anna · Dental Hygienist",
            "candidate application_erased application: Dental Hygienist",
            "Candor application_anonymised application: Dental Hygienist",
            "Person 1 person_removed person: Rasmus",
        ]
    );
    assert!(store.audit_log(theirs, AuditFilter::default(), 50).await.unwrap().is_empty(), "nothing for theirs");
    // Unaudited writes (the demo's seed) add nothing.
    store.create_user(&user(mine, "seed@x.example", "Seed", Role::Viewer), None).await.unwrap();
    assert_eq!(log(&store, mine).await, seen);
    [seen, refused].concat()
}
