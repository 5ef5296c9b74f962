//! The audit log in the store: entries kept with their company, read
//! newest first, filtered by action and person, in pages.

use std::sync::Arc;

use candor_api::audit::{ActorKind, AuditAction, SubjectKind};
use candor_server::store::{Actor, AuditFilter, CompanyId, NewAudit, Store, StoreError, UserId};
use time::Duration;

use crate::{T0, company};

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
