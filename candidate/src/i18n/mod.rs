//! Every string of the candidate bundle (the application form, the status
//! view, asking and following a question), one catalogue per locale
//! (`en.rs`, `fi.rs` …), built like the widget's
//! ([`candor_widget::i18n`]). The strings both bundles show (retry, the
//! error notice, "usually N days" …) are the widget's, through
//! [`CandidateStrings::common`]; the rule messages are the shared ones,
//! through [`CandidateStrings::rules`].

mod en;
mod fi;
mod nl;
mod pl;
mod sv;

use candor_api::Locale;
use candor_api::wallet::{Kept, Part};
use candor_widget::catalogue;
use candor_widget::i18n::{Common, Plural, Rules};

catalogue! {
    pub struct CandidateStrings {
        pub locale: Locale,
        pub loading_application: &'static str,
        pub not_found: &'static str,
        pub error_title: &'static str,
        pub live_note: &'static str,
        pub received_on: &'static str,
        pub promised_by: &'static str,
        pub overdue: Plural,
        pub next_word: &'static str,
        pub where_things_stand: &'static str,
        pub stage_done: &'static str,
        pub stage_current: &'static str,
        pub stage_upcoming: &'static str,
        pub stage_skipped: &'static str,
        pub started_on: &'static str,
        pub planned_around: &'static str,
        pub history: &'static str,
        pub event_received: &'static str,
        pub event_stage: &'static str,
        pub event_message: &'static str,
        pub event_promise: &'static str,
        pub event_closed: &'static str,
        pub event_withdrawn: &'static str,
        pub event_feedback: &'static str,
        pub outcome_hired: &'static str,
        pub outcome_not_selected: &'static str,
        pub outcome_position_closed: &'static str,
        pub withdrawn_title: &'static str,
        pub apply_title: &'static str,
        pub your_profile: &'static str,
        pub profile_note: &'static str,
        pub name: &'static str,
        pub email: &'static str,
        pub phone: &'static str,
        pub location: &'static str,
        pub headline: &'static str,
        pub summary: &'static str,
        pub import_resume: &'static str,
        pub export_resume: &'static str,
        pub import_failed: &'static str,
        pub imported: &'static str,
        pub work_history: &'static str,
        pub education_title: &'static str,
        pub skills: &'static str,
        pub languages_title: &'static str,
        pub questions_title: &'static str,
        pub yes: &'static str,
        pub no: &'static str,
        pub consent_title: &'static str,
        pub consent_text: &'static str,
        pub consent_agree: &'static str,
        pub talent_pool: &'static str,
        pub submit: &'static str,
        pub sending: &'static str,
        pub ack_title: &'static str,
        pub ack_body: &'static str,
        pub status_link: &'static str,
        pub keep_link: &'static str,
        /// `{email}`: where a copy of the link went.
        pub ack_mailed: &'static str,
        pub already_applied: &'static str,
        pub rate_limited: &'static str,
        pub submit_failed: &'static str,
        pub check_field: &'static str,
        pub links: &'static str,
        pub skills_hint: &'static str,
        pub add_work: &'static str,
        pub add_education: &'static str,
        pub remove: &'static str,
        pub organisation: &'static str,
        pub position: &'static str,
        pub start: &'static str,
        pub end: &'static str,
        pub institution: &'static str,
        pub area: &'static str,
        pub degree: &'static str,
        pub cv_label: &'static str,
        pub cv_chosen: &'static str,
        pub cv_upload_failed: &'static str,
        pub cv_attached: &'static str,
        pub actions_title: &'static str,
        pub withdraw: &'static str,
        pub withdraw_title: &'static str,
        pub withdraw_reason: &'static str,
        pub reason_accepted_another_offer: &'static str,
        pub reason_process_too_slow: &'static str,
        pub reason_salary_or_conditions: &'static str,
        pub reason_no_longer_interested: &'static str,
        pub reason_personal_reasons: &'static str,
        pub reason_other: &'static str,
        pub comment_optional: &'static str,
        pub withdraw_confirm: &'static str,
        pub cancel: &'static str,
        pub feedback_title: &'static str,
        pub feedback_note: &'static str,
        pub rating_legend: &'static str,
        pub rating_value: &'static str,
        pub would_apply_again: &'static str,
        pub send_rating: &'static str,
        pub rated: &'static str,
        pub your_data: &'static str,
        pub export_data: &'static str,
        pub erase_data: &'static str,
        pub erase_warning: &'static str,
        pub erase_confirm: &'static str,
        pub erased: &'static str,
        pub action_failed: &'static str,
        pub no_applications: &'static str,
        pub now_at: &'static str,
        pub open_application: &'static str,
        pub back_to_my_applications: &'static str,
        pub work_summary: &'static str,
        pub ask_title: &'static str,
        pub ask_note: &'static str,
        pub question_label: &'static str,
        pub display_name: &'static str,
        pub ask_submit: &'static str,
        pub question_sent: &'static str,
        pub question_link: &'static str,
        pub question_pending: &'static str,
        pub question_answered: &'static str,
        pub question_declined: &'static str,
        // The asker's address on their question's view (address_choice.rs).
        pub question_address_title: &'static str,
        pub question_address_kept: &'static str,
        pub question_address_forget: &'static str,
        pub question_address_forgotten: &'static str,
        pub decline_spam: &'static str,
        pub decline_off_topic: &'static str,
        pub decline_duplicate: &'static str,
        pub my_questions: &'static str,
        pub edit_profile: &'static str,
        pub link_label: &'static str,
        pub link_url: &'static str,
        pub add_link: &'static str,
        pub add_language: &'static str,
        pub language: &'static str,
        pub fluency: &'static str,
        /// Names the status page's language switcher.
        pub page_language: &'static str,
        /// My applications, after the candidate erased one there.
        pub erased_from: &'static str,
        // The status view's choice of mail (mail_choice.rs).
        pub mail_updates_title: &'static str,
        pub mail_updates_label: &'static str,
        /// What is sent whatever the choice.
        pub mail_updates_note: &'static str,
        /// Said once the choice is saved: on, then off.
        pub mail_updates_on: &'static str,
        pub mail_updates_off: &'static str,
        // The status view's talent-pool membership (pool_choice.rs).
        pub pool_title: &'static str,
        /// `{company}`, and `{date}`: the consent's last day.
        pub pool_member: &'static str,
        pub pool_leave: &'static str,
        pub pool_left: &'static str,
        /// The button, the same words as the renewal mail quotes.
        pub pool_renew: &'static str,
        /// Below the membership once its renewal is due.
        pub pool_renew_due: &'static str,
        /// A consent that lapsed, still renewable: `{company}`, `{date}` its last day.
        pub pool_lapsed: &'static str,
        pub pool_renewed: &'static str,
        // A member's mail of matching openings (pool_alerts.rs).
        pub alerts_title: &'static str,
        /// How the choice works: an empty group means any.
        pub alerts_note: &'static str,
        pub alerts_departments: &'static str,
        pub alerts_places: &'static str,
        /// Under the boxes while a choice is saved.
        pub alerts_active: &'static str,
        pub alerts_save: &'static str,
        pub alerts_stop: &'static str,
        pub alerts_saved: &'static str,
        pub alerts_stopped: &'static str,
        // Issue 12, "Lost your link?" and the asker's address (helper h2).
        pub lost_title: &'static str,
        pub lost_note: &'static str,
        pub lost_email: &'static str,
        pub lost_submit: &'static str,
        pub lost_sent: &'static str,
        pub lost_failed: &'static str,
        pub ask_email: &'static str,
        pub ask_email_note: &'static str,
        // The profile wallet (wallet/, wallet_window.rs): /me, its window, the form's side.
        pub wallet_title: &'static str,
        pub wallet_intro: &'static str,
        pub wallet_not_kept: &'static str,
        pub wallet_erase: &'static str,
        pub wallet_erase_warning: &'static str,
        pub wallet_erase_confirm: &'static str,
        pub wallet_keep: &'static str,
        pub wallet_erased: &'static str,
        pub wallet_entries_title: &'static str,
        pub wallet_entries_none: &'static str,
        pub wallet_entry_at: &'static str,
        pub wallet_forget: &'static str,
        pub share_title: &'static str,
        pub share_asks: &'static str,
        pub share_parts: &'static str,
        pub share_button: &'static str,
        pub share_decline: &'static str,
        pub share_declined: &'static str,
        pub share_not_allowed: &'static str,
        pub share_empty: &'static str,
        pub share_no_opener: &'static str,
        pub share_waiting: &'static str,
        pub share_done: &'static str,
        pub part_contact: &'static str,
        pub part_about: &'static str,
        pub part_links: &'static str,
        pub part_work: &'static str,
        pub part_education: &'static str,
        pub part_skills: &'static str,
        pub part_languages: &'static str,
        pub part_other: &'static str,
        pub save_title: &'static str,
        pub save_offers: &'static str,
        pub save_profile: &'static str,
        pub save_replaces: &'static str,
        pub save_button: &'static str,
        pub save_decline: &'static str,
        pub save_done: &'static str,
        pub fill_from_wallet: &'static str,
        pub wallet_waiting: &'static str,
        pub filled_from_wallet: &'static str,
        pub wallet_nothing_shared: &'static str,
        pub wallet_blocked: &'static str,
        pub wallet_cut: &'static str,
        pub open_wallet: &'static str,
        pub save_to_wallet: &'static str,
        pub saved_to_wallet: &'static str,
        pub wallet_nothing_saved: &'static str,
        pub wallet_close: &'static str,
        pub keep_in_wallet: &'static str,
        pub kept_in_wallet: &'static str,
    }
}

pub fn strings(locale: Locale) -> &'static CandidateStrings {
    match locale {
        Locale::En => &en::STRINGS,
        Locale::Fi => &fi::STRINGS,
        Locale::Sv => &sv::STRINGS,
        Locale::Pl => &pl::STRINGS,
        Locale::Nl => &nl::STRINGS,
    }
}

impl CandidateStrings {
    /// The strings every bundle shows, in this locale.
    pub fn common(&self) -> &'static Common {
        candor_widget::i18n::common(self.locale)
    }

    /// A part of the profile as the wallet offers it: its name, with how
    /// many entries `kept` holds in it where it is a list.
    pub fn part(&self, part: Part, kept: &Kept) -> String {
        let label = match part {
            Part::Contact => self.part_contact,
            Part::About => self.part_about,
            Part::Links => self.part_links,
            Part::Work => self.part_work,
            Part::Education => self.part_education,
            Part::Skills => self.part_skills,
            Part::Languages => self.part_languages,
            Part::OtherSections => self.part_other,
        };
        label.replace("{n}", &part.count(kept).unwrap_or_default().to_string())
    }

    /// What each rule says when a value breaks it, in this locale.
    pub fn rules(&self) -> Rules {
        Rules::for_forms(self.locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_is_complete_and_keeps_the_placeholders() {
        for locale in Locale::ALL {
            assert_eq!(strings(locale).locale, locale);
        }
        candor_widget::i18n::check_catalogues(|locale| strings(locale).texts());
    }

    #[test]
    fn every_polish_text_reads_for_anyone_and_placeholders_keep_their_case() {
        candor_widget::i18n::check_native_phrasing(|locale| strings(locale).texts());
    }

    #[test]
    fn overdue_counts_in_each_language() {
        assert_eq!(strings(Locale::En).overdue.format(Locale::En, 3), "Overdue by 3 days. You are owed an answer.");
        assert_eq!(strings(Locale::Pl).common().usually_days.format(Locale::Pl, 5), "zwykle 5 dni");
        assert_eq!(
            strings(Locale::Fi).overdue.format(Locale::Fi, 1),
            "Myöhässä 1 päivän. Olemme sinulle vastauksen velkaa."
        );
    }
}
