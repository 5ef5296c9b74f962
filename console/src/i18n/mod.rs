//! Every string of the console, one catalogue per locale (`en.rs`, `fi.rs`
//! …), built like the widget's ([`candor_widget::i18n`]): a locale that
//! misses a string does not compile, and a test checks each text's
//! `{placeholders}` against the English one. The rule messages are the
//! shared ones ([`ConsoleStrings::rules`]), so a field refused in the
//! console reads as it does in the candidate's forms.
//!
//! Each person reads the console in the language they chose (stored with
//! them on the server), or the company's default language. The language in
//! use is one value for the whole page ([`choose`]): the console redraws
//! its views when it changes, so a view reads [`t`] as it draws, and an
//! answer arriving later (a confirmation) reads the same.

mod en;
mod fi;
mod nl;
mod pl;
mod sv;

use std::cell::Cell;

use candor_api::Locale;
use candor_widget::catalogue;
use candor_widget::i18n::{Plural, Rules};

catalogue! {
    pub struct ConsoleStrings {
        pub locale: Locale,
        // Shared words.
        pub loading: &'static str,
        pub try_again: &'static str,
        pub yes: &'static str,
        pub no: &'static str,
        pub cancel: &'static str,
        pub email: &'static str,
        pub name: &'static str,
        pub role: &'static str,
        pub state: &'static str,
        pub title: &'static str,
        pub department: &'static str,
        pub description: &'static str,
        /// Names a table's last column of buttons, for screen readers.
        pub actions: &'static str,
        /// Stands for a candidate who erased their data.
        pub erased_name: &'static str,
        pub role_viewer: &'static str,
        pub role_recruiter: &'static str,
        pub role_admin: &'static str,
        /// Each language named in the console's language.
        pub language_en: &'static str,
        pub language_fi: &'static str,
        pub language_sv: &'static str,
        pub language_pl: &'static str,
        pub language_nl: &'static str,
        pub half_typed_date: &'static str,
        // Why a change was not made.
        pub unreachable: &'static str,
        /// `{status}`: the HTTP status.
        pub answered_status: &'static str,
        pub unreadable: &'static str,
        // A refusal the server gave a code for (its message is for developers).
        pub err_forbidden: &'static str,
        pub err_session: &'static str,
        pub err_rate_limited: &'static str,
        pub err_application_closed: &'static str,
        pub err_changed_meanwhile: &'static str,
        pub err_question_settled: &'static str,
        pub err_status_change: &'static str,
        pub err_own_account: &'static str,
        pub err_last_admin: &'static str,
        pub err_not_found: &'static str,
        pub err_internal: &'static str,
        pub err_conflict: &'static str,
        // Signing in, the page around every view.
        pub console_unreachable: &'static str,
        pub sign_in_title: &'static str,
        pub password: &'static str,
        pub sign_in: &'static str,
        pub wrong_password: &'static str,
        pub too_many_attempts: &'static str,
        /// When the address and password open an account with several
        /// companies: which one to sign in to.
        pub choose_company_title: &'static str,
        pub choose_company_help: &'static str,
        pub choose_other_address: &'static str,
        /// The header: `{company}` is the company's name.
        pub console_heading: &'static str,
        pub sign_out: &'static str,
        /// Names the language picker.
        pub language_label: &'static str,
        pub nav_label: &'static str,
        pub tab_inbox: &'static str,
        pub tab_postings: &'static str,
        pub tab_metrics: &'static str,
        pub tab_settings: &'static str,
        pub tab_people: &'static str,
        pub tab_tokens: &'static str,
        pub tab_outbox: &'static str,
        pub tab_pool: &'static str,
        pub admin_only_postings: &'static str,
        pub admin_only_people: &'static str,
        pub admin_only_tokens: &'static str,
        pub not_found_title: &'static str,
        pub not_found_body: &'static str,
        pub go_to_inbox: &'static str,
        // The page's title: `{view}` is the view's own.
        pub page_title: &'static str,
        pub title_inbox: &'static str,
        /// `{slug}`: the posting's address.
        pub title_applications: &'static str,
        pub title_board: &'static str,
        /// `{id}`: the application's number.
        pub title_application: &'static str,
        pub title_edit: &'static str,
        pub title_not_found: &'static str,
        // The inbox.
        pub loading_inbox: &'static str,
        pub inbox_failed: &'static str,
        pub age_minutes: &'static str,
        pub age_hours: &'static str,
        pub age_days: Plural,
        /// `{date}` promised, `{n}` days overdue.
        pub alarm_promise_missed: Plural,
        /// `{date}` of the last word, `{n}` days since.
        pub alarm_no_contact: Plural,
        pub questions_title: &'static str,
        pub no_questions: &'static str,
        /// `{n}`: the company's silence alarm, in days.
        pub alarms_title: Plural,
        pub no_alarms: &'static str,
        pub open_postings_title: &'static str,
        pub col_posting: &'static str,
        pub col_open_applications: &'static str,
        pub col_alarms: &'static str,
        pub col_unanswered: &'static str,
        pub reason_off_topic: &'static str,
        pub reason_duplicate: &'static str,
        pub reason_spam: &'static str,
        pub declined_done: &'static str,
        pub published_done: &'static str,
        pub write_answer_first: &'static str,
        pub a_visitor: &'static str,
        /// `{posting}`, `{who}` asked, `{age}` ago.
        pub asked_line: &'static str,
        pub answer_label: &'static str,
        pub publish_answer: &'static str,
        pub decline_as: &'static str,
        pub decline: &'static str,
        // A posting's applications.
        /// `{title}`: the posting's.
        pub applications_title: &'static str,
        pub applications_failed: &'static str,
        pub no_applications: &'static str,
        pub col_candidate: &'static str,
        pub col_where: &'static str,
        pub col_promised_by: &'static str,
        /// `{outcome}`: one of the `outcome_` words.
        pub closed_as: &'static str,
        pub withdrawn: &'static str,
        pub received: &'static str,
        /// `{date}` promised, `{n}` days overdue.
        pub promise_overdue_short: Plural,
        pub outcome_hired: &'static str,
        pub outcome_not_selected: &'static str,
        pub outcome_position_closed: &'static str,
        // One application.
        pub no_such_application_title: &'static str,
        pub no_such_application_body: &'static str,
        pub application_failed: &'static str,
        pub the_candidate: &'static str,
        pub fact_phone: &'static str,
        pub fact_lives_in: &'static str,
        pub fact_applied_in: &'static str,
        pub fact_applied_on: &'static str,
        pub fact_talent_pool: &'static str,
        pub talent_pool_yes: &'static str,
        /// `{key}`: the question's key.
        pub removed_question: &'static str,
        pub cv: &'static str,
        /// `{name}` of the candidate, `{file}` name.
        pub cv_title: &'static str,
        /// `{file}` name, `{size}` in KB.
        pub cv_download: &'static str,
        pub stage_done: &'static str,
        pub stage_now: &'static str,
        pub stage_next: &'static str,
        pub stage_skipped: &'static str,
        pub planned_around: &'static str,
        pub started_on: &'static str,
        /// `{stage}` name, its `{state}`, `{when}` (started or planned), `{n}` days usually.
        pub stage_line: Plural,
        pub event_received: &'static str,
        pub event_moved: &'static str,
        pub event_message: &'static str,
        pub event_promise: &'static str,
        pub event_withdrew: &'static str,
        /// `{rating}` of 5, `{again}` yes or no.
        pub event_feedback: &'static str,
        pub event_promised: &'static str,
        pub promised_long: &'static str,
        pub promised_overdue_long: Plural,
        pub candidate_erased: &'static str,
        pub links: &'static str,
        pub work: &'static str,
        pub education: &'static str,
        pub skills: &'static str,
        pub languages: &'static str,
        pub screening_answers: &'static str,
        pub timeline_title: &'static str,
        pub what_happened: &'static str,
        /// The end of a period still going on.
        pub period_now: &'static str,
        // Moving an application on.
        pub act_title: &'static str,
        pub action: &'static str,
        pub move_to_stage: &'static str,
        pub send_a_message: &'static str,
        pub close_with_outcome: &'static str,
        /// `{stage}` moved to, `{name}` of the candidate.
        pub moved_done: &'static str,
        pub hear_next: &'static str,
        pub closed_done: &'static str,
        pub message_done: &'static str,
        pub new_date_done: &'static str,
        pub outcome: &'static str,
        pub option_not_selected: &'static str,
        pub option_hired: &'static str,
        pub option_position_closed: &'static str,
        pub message_label: &'static str,
        pub message_label_closing: &'static str,
        pub new_date_label: &'static str,
        /// `{n}` other candidates got this message.
        pub form_letter: Plural,
        pub confirm_close: &'static str,
        pub confirm_close_note: &'static str,
        pub yes_close: &'static str,
        pub not_yet: &'static str,
        pub send_anyway: &'static str,
        pub close_application: &'static str,
        pub send_message: &'static str,
        // The step that moves to a stage.
        /// `{stage}`: the current stage, as offered.
        pub stage_now_option: &'static str,
        pub stage: &'static str,
        pub next_promised: &'static str,
        pub next_promised_last: &'static str,
        pub move_button: &'static str,
        // The board.
        pub views_label: &'static str,
        pub view_list: &'static str,
        pub view_board: &'static str,
        /// `{name}` of the candidate, the `{column}` they are in.
        pub now_in_column: &'static str,
        /// `{name}` of the column, `{n}` candidates in it.
        pub column_said: Plural,
        pub ended_summary: Plural,
        pub nobody_here: &'static str,
        pub move_title: &'static str,
        pub move_note: &'static str,
        pub board_title: &'static str,
        pub board_help: &'static str,
        pub entered_today: &'static str,
        pub days_in_stage: Plural,
        pub move_card_label: &'static str,
        pub move_card: &'static str,
        pub promise_kept: &'static str,
        /// `{date}` due, in `{n}` days.
        pub answer_due_in: Plural,
        /// `{when}`: today, tomorrow or in some days.
        pub due_soon: &'static str,
        pub due_today: &'static str,
        pub due_tomorrow: &'static str,
        pub due_in_days: Plural,
        pub answer_due: &'static str,
        pub overdue_by: Plural,
        pub promised_by: &'static str,
        pub no_date: &'static str,
        pub last_stage_needs_none: &'static str,
        /// `{date}` closed, its `{outcome}`.
        pub closed_on: &'static str,
        pub withdrew_on: &'static str,
        pub column_ended: &'static str,
        // Metrics.
        pub loading_figures: &'static str,
        pub figures_failed: &'static str,
        pub withdraw_accepted_another_offer: &'static str,
        pub withdraw_process_too_slow: &'static str,
        pub withdraw_salary_or_conditions: &'static str,
        pub withdraw_no_longer_interested: &'static str,
        pub withdraw_personal_reasons: &'static str,
        pub withdraw_other: &'static str,
        /// `{median}` and `{most}` days late.
        pub late_ones: &'static str,
        pub none_late: &'static str,
        pub m_applications: &'static str,
        pub m_open_withdrawn: &'static str,
        pub m_acknowledged: &'static str,
        /// `{n}` of `{total}`.
        pub m_of: &'static str,
        pub m_automatic: &'static str,
        pub m_first_answer: &'static str,
        pub m_median: &'static str,
        pub m_closed_outcome: &'static str,
        pub m_of_ended: &'static str,
        pub m_promises_kept: &'static str,
        /// `{kept}` of `{due}` due; `{late}` (the `late_ones` words).
        pub m_kept_of_due: &'static str,
        pub m_questions_answered: &'static str,
        pub m_median_of: &'static str,
        pub m_rating: &'static str,
        pub m_ratings: Plural,
        pub m_would_apply_again: &'static str,
        pub m_of_raters: &'static str,
        pub overall_title: &'static str,
        pub chart_kept: &'static str,
        pub chart_reasons: &'static str,
        pub per_posting: &'static str,
        // Postings.
        pub status_draft: &'static str,
        pub status_open: &'static str,
        pub status_closed: &'static str,
        pub now_open: &'static str,
        pub now_closed: &'static str,
        pub open_verb: &'static str,
        pub close_verb: &'static str,
        pub reopen_verb: &'static str,
        pub edit_verb: &'static str,
        /// A button's name for whom it acts: `{action}` on the posting `{title}`.
        pub action_on: &'static str,
        pub postings_failed: &'static str,
        pub no_postings: &'static str,
        pub col_status: &'static str,
        pub col_published: &'static str,
        pub col_applications: &'static str,
        pub new_posting: &'static str,
        // The posting editor.
        pub posting_failed: &'static str,
        pub company_settings_failed: &'static str,
        pub on_site: &'static str,
        pub hybrid: &'static str,
        pub remote: &'static str,
        pub full_time: &'static str,
        pub part_time: &'static str,
        pub contract: &'static str,
        pub temporary: &'static str,
        pub internship: &'static str,
        pub per_hour: &'static str,
        pub per_month: &'static str,
        pub per_year: &'static str,
        pub kind_yes_no: &'static str,
        pub kind_short_text: &'static str,
        pub kind_long_text: &'static str,
        pub kind_single_choice: &'static str,
        pub kind_number: &'static str,
        pub saved_notice: &'static str,
        pub saved_draft_notice: &'static str,
        /// `{n}`: the stage's number.
        pub stage_n: &'static str,
        pub stage_name: &'static str,
        pub expected_days: &'static str,
        pub stage_what_happens: &'static str,
        pub remove_stage: &'static str,
        pub question_n: &'static str,
        pub longest_answer: &'static str,
        pub options_per_line: &'static str,
        pub smallest: &'static str,
        pub largest: &'static str,
        pub answered_with: &'static str,
        pub required: &'static str,
        pub remove_question: &'static str,
        pub edit_posting: &'static str,
        pub back_to_postings: &'static str,
        pub the_position: &'static str,
        pub address: &'static str,
        pub slug_hint_editing: &'static str,
        pub slug_hint_new: &'static str,
        pub city: &'static str,
        pub country_code: &'static str,
        pub country_hint: &'static str,
        pub workplace: &'static str,
        pub employment: &'static str,
        pub closes_on: &'static str,
        pub teaser: &'static str,
        pub description_hint: &'static str,
        pub salary: &'static str,
        pub show_salary: &'static str,
        pub salary_from: &'static str,
        pub salary_to: &'static str,
        pub currency: &'static str,
        pub period: &'static str,
        pub salary_hint: &'static str,
        pub process_legend: &'static str,
        pub process_note: &'static str,
        pub process_kept: &'static str,
        pub add_stage: &'static str,
        pub screening_questions: &'static str,
        pub screening_note: &'static str,
        pub add_question: &'static str,
        pub save_changes: &'static str,
        pub save_draft: &'static str,
        /// A new posting's first stage, in the company's default language.
        pub first_stage: &'static str,
        // The posting's translations.
        pub translations: &'static str,
        /// `{language}`: the company's default language.
        pub translations_note: &'static str,
        pub written: &'static str,
        pub not_written: &'static str,
        pub stage_what: &'static str,
        pub question_options: &'static str,
        pub teaser_short: &'static str,
        pub the_process: &'static str,
        pub remove_translation: &'static str,
        // Settings.
        pub settings_failed: &'static str,
        pub settings_saved: &'static str,
        pub company_settings: &'static str,
        pub only_admins: &'static str,
        pub on_careers_pages: &'static str,
        pub company_name: &'static str,
        pub accent: &'static str,
        pub accent_hint: &'static str,
        pub font: &'static str,
        pub font_hint: &'static str,
        pub default_language: &'static str,
        pub logo: &'static str,
        pub promises: &'static str,
        pub retention: &'static str,
        pub retention_hint: &'static str,
        pub alarm: &'static str,
        pub embedding: &'static str,
        pub sites: &'static str,
        pub sites_hint: &'static str,
        pub save_settings: &'static str,
        // People.
        pub already_account: &'static str,
        pub people_failed: &'static str,
        pub active: &'static str,
        pub invited: &'static str,
        /// `{role}`: the admin's own.
        pub role_you: &'static str,
        pub new_link_for: &'static str,
        pub new_link: &'static str,
        pub remove_who: &'static str,
        pub yes_remove_who: &'static str,
        pub remove: &'static str,
        pub yes_remove: &'static str,
        pub keep: &'static str,
        pub role_of: &'static str,
        pub col_person: &'static str,
        pub roles_note: &'static str,
        /// `{who}`: name and address.
        pub link_for: &'static str,
        /// `{n}` hours.
        pub link_note: &'static str,
        pub invite_title: &'static str,
        pub invite: &'static str,
        // Setting a password.
        pub passwords_differ: &'static str,
        pub password_set_title: &'static str,
        pub password_set_body: &'static str,
        pub go_to_sign_in: &'static str,
        pub link_expired: &'static str,
        pub link_unknown: &'static str,
        pub link_unreachable: &'static str,
        pub link_broken_title: &'static str,
        pub ask_admin: &'static str,
        /// `{company}`, `{name}` of the person.
        pub welcome: &'static str,
        /// `{n}`: the fewest characters.
        pub choose_password: &'static str,
        pub new_password: &'static str,
        pub same_again: &'static str,
        pub set_password: &'static str,
        // API tokens.
        /// `{why}`: what Candor said.
        pub token_failed: &'static str,
        pub tokens_failed: &'static str,
        pub no_tokens: &'static str,
        pub token_active: &'static str,
        pub token_revoked: &'static str,
        pub revoke_who: &'static str,
        pub revoke: &'static str,
        pub col_created: &'static str,
        pub col_made_by: &'static str,
        pub tokens_note: &'static str,
        pub new_token: &'static str,
        pub token_for: &'static str,
        pub create_token: &'static str,
        pub copy_now: &'static str,
        // Missed promises (settings and the inbox's alarms).
        pub late_mail: &'static str,
        pub late_mail_hint: &'static str,
        /// `{date}`: when the candidate was written to.
        pub told_late_on: &'static str,
        // The talent pool (talent_pool.rs).
        pub pool_intro: &'static str,
        pub pool_skill: &'static str,
        pub pool_place: &'static str,
        pub pool_search: &'static str,
        pub pool_none: &'static str,
        /// `{n}`: how many were found.
        pub pool_count: &'static str,
        pub pool_failed: &'static str,
        pub pool_col_name: &'static str,
        pub pool_col_headline: &'static str,
        pub pool_col_place: &'static str,
        pub pool_col_skills: &'static str,
        pub pool_col_posting: &'static str,
        pub pool_col_until: &'static str,
        // Outbox
        pub outbox_intro: &'static str,
        pub outbox_no_server: &'static str,
        /// How to set a mail server up: `{smtp_url}`, `{example}` and
        /// `{mail_from}` are the flags and an address, shown as code.
        pub outbox_no_server_how: &'static str,
        pub outbox_failed: &'static str,
        pub outbox_none: &'static str,
        pub outbox_col_mail: &'static str,
        pub outbox_col_to: &'static str,
        pub outbox_col_language: &'static str,
        pub outbox_col_state: &'static str,
        pub outbox_col_tries: &'static str,
        pub outbox_col_when: &'static str,
        pub outbox_col_answer: &'static str,
        pub outbox_loading_older: &'static str,
        pub outbox_load_older: &'static str,
        pub outbox_no_older: &'static str,
        pub outbox_resend: &'static str,
        pub outbox_confirm_resend: &'static str,
        /// The link from a mail to the application it tells of.
        pub outbox_application: &'static str,
        pub outbox_nothing_tried: &'static str,
        /// `{when}`: date and time, as `Intl` writes them.
        pub outbox_written: &'static str,
        pub outbox_sent: &'static str,
        pub outbox_last_try: &'static str,
        /// `{subject}` of the mail, the address it goes `{to}`.
        pub outbox_resent: &'static str,
        /// `{why}`: what Candor said.
        pub outbox_resend_failed: &'static str,
        /// The resend button's name: `{verb}` (its text), the mail's `{subject}`, `{to}`.
        pub outbox_resend_label: &'static str,
        // The audit log.
        pub tab_audit: &'static str,
        pub admin_only_audit: &'static str,
        pub audit_intro: &'static str,
        pub audit_failed: &'static str,
        pub audit_none: &'static str,
        pub audit_table_label: &'static str,
        pub audit_col_when: &'static str,
        pub audit_col_who: &'static str,
        pub audit_col_what: &'static str,
        pub audit_col_which: &'static str,
        pub audit_filter_action: &'static str,
        pub audit_filter_person: &'static str,
        pub audit_every_action: &'static str,
        pub audit_everyone: &'static str,
        pub audit_loading_older: &'static str,
        pub audit_load_older: &'static str,
        pub audit_no_older: &'static str,
        pub audit_candidate: &'static str,
        pub audit_system: &'static str,
        /// An operator's `candor admin …` command as who did it.
        pub audit_command_line: &'static str,
        /// An API token as who did it: its `{name}`.
        pub audit_token: &'static str,
        /// What was done to, by its `{id}`.
        pub audit_subject_application: &'static str,
        pub audit_subject_person: &'static str,
        pub audit_subject_token: &'static str,
        pub audit_subject_report_link: &'static str,
        pub audit_application_viewed: &'static str,
        pub audit_cv_downloaded: &'static str,
        pub audit_cv_viewed: &'static str,
        pub audit_application_exported: &'static str,
        pub audit_application_erased: &'static str,
        pub audit_application_anonymised: &'static str,
        pub audit_person_invited: &'static str,
        pub audit_person_removed: &'static str,
        pub audit_role_changed: &'static str,
        pub audit_password_link_made: &'static str,
        pub audit_token_made: &'static str,
        pub audit_token_revoked: &'static str,
        pub audit_report_link_made: &'static str,
        pub audit_report_link_revoked: &'static str,
        // What a mail tells of.
        pub mail_received: &'static str,
        pub mail_stage_changed: &'static str,
        pub mail_message: &'static str,
        pub mail_promise: &'static str,
        pub mail_closed: &'static str,
        pub mail_promise_late: &'static str,
        pub mail_question_answered: &'static str,
        pub mail_question_declined: &'static str,
        pub mail_links: &'static str,
        pub mail_password_link: &'static str,
        pub mail_new_arrival: &'static str,
        pub mail_digest: &'static str,
        pub mail_report_shared: &'static str,
        pub mail_report_warning: &'static str,
        pub mail_report_digest: &'static str,
        pub mail_pool_renewal: &'static str,
        pub mail_pool_alert: &'static str,
        // A mail's state (its badge's colour only repeats it).
        pub mail_pending: &'static str,
        pub mail_sent: &'static str,
        pub mail_failed: &'static str,
        // Progress reports (the posting's Report tab, the report, the reader's page).
        pub view_report: &'static str,
        pub title_report: &'static str,
        /// `{title}`: the posting's.
        pub report_tab_title: &'static str,
        pub report_tab_intro: &'static str,
        pub report_write_note: &'static str,
        pub report_note_kind: &'static str,
        pub report_note_update: &'static str,
        pub report_note_update_hint: &'static str,
        pub report_note_warning: &'static str,
        pub report_note_warning_hint: &'static str,
        pub report_note_body: &'static str,
        pub report_add_note: &'static str,
        pub report_update_added: &'static str,
        pub report_warning_added: &'static str,
        pub report_links_title: &'static str,
        pub report_links_note: &'static str,
        pub report_links_failed: &'static str,
        pub report_no_links: &'static str,
        pub report_col_reader: &'static str,
        pub report_col_shows: &'static str,
        pub report_col_expires: &'static str,
        pub report_col_opened: &'static str,
        pub report_never_opened: &'static str,
        pub report_link_state_live: &'static str,
        pub report_link_state_expired: &'static str,
        /// `{when}`: date and time.
        pub report_link_state_revoked: &'static str,
        /// The revoke button's name: `{name}` of the reader.
        pub report_revoke_who: &'static str,
        pub report_confirm_revoke_who: &'static str,
        pub report_confirm_revoke: &'static str,
        pub report_revoke_note: &'static str,
        pub report_link_revoked: &'static str,
        pub report_new_link: &'static str,
        pub report_new_link_note: &'static str,
        pub report_link_name: &'static str,
        pub report_link_shows: &'static str,
        pub report_shows_counts_short: &'static str,
        pub report_shows_names_short: &'static str,
        pub report_link_days: &'static str,
        pub report_link_days_hint: &'static str,
        pub report_link_language: &'static str,
        pub report_make_link: &'static str,
        /// `{name}` of the reader.
        pub report_link_made: &'static str,
        pub report_copy: &'static str,
        pub report_copied: &'static str,
        pub report_copy_failed: &'static str,
        pub report_preview_title: &'static str,
        pub report_preview_shows: &'static str,
        pub report_preview_language: &'static str,
        pub report_print: &'static str,
        pub report_failed: &'static str,
        pub report_heading: &'static str,
        /// The reader's page's title: `{title}` of the posting.
        pub report_page_title: &'static str,
        /// `{reader}`: the link's person.
        pub report_prepared_for: &'static str,
        pub report_preview_note: &'static str,
        /// `{date}`: today, in words.
        pub report_as_of: &'static str,
        pub report_shows_counts: &'static str,
        pub report_shows_names: &'static str,
        pub report_warnings_title: &'static str,
        pub report_summary_title: &'static str,
        pub report_on_plan: &'static str,
        /// The whole search: `{n}` days.
        pub report_behind: Plural,
        pub report_ahead: Plural,
        pub report_opened_on: &'static str,
        pub report_plan_ends: &'static str,
        pub report_now_in: &'static str,
        pub report_chart_title: &'static str,
        pub report_chart_caption: &'static str,
        pub report_chart_table: &'static str,
        pub report_planned: &'static str,
        pub report_actual: &'static str,
        pub report_actual_late: &'static str,
        pub report_today: &'static str,
        /// A week on the chart's calendar, short.
        pub report_week_short: &'static str,
        pub report_col_stage: &'static str,
        pub report_col_status: &'static str,
        pub report_col_against_plan: &'static str,
        pub report_stage_done: &'static str,
        pub report_stage_current: &'static str,
        pub report_stage_upcoming: &'static str,
        pub report_since: &'static str,
        pub report_not_begun: &'static str,
        pub report_on_time: &'static str,
        /// One stage: `{n}` days.
        pub report_days_late: Plural,
        pub report_days_early: Plural,
        pub report_schedule_title: &'static str,
        pub report_schedule_note: &'static str,
        pub report_expected_days: Plural,
        pub report_col_week: &'static str,
        pub report_col_dates: &'static str,
        pub report_col_stages: &'static str,
        pub report_week_n: &'static str,
        pub report_this_week: &'static str,
        pub report_funnel_title: &'static str,
        pub report_funnel_now: &'static str,
        pub report_funnel_weeks: &'static str,
        pub report_col_candidates: &'static str,
        pub report_col_counted: &'static str,
        pub report_ended: &'static str,
        pub report_care_title: &'static str,
        pub report_overdue_promises: &'static str,
        pub report_overdue_note: &'static str,
        pub report_closed_personally: &'static str,
        pub report_closed_with_message: &'static str,
        pub report_none_closed: &'static str,
        pub report_candidates_title: &'static str,
        pub report_col_promise: &'static str,
        pub report_notes_title: &'static str,
        pub report_no_notes: &'static str,
        /// A note's author `{who}` and `{when}` written.
        pub report_written_by: &'static str,
        pub report_replies: &'static str,
        pub report_reply_by: &'static str,
        pub report_reply_label: &'static str,
        pub report_send_reply: &'static str,
        pub report_reply_sent: &'static str,
        pub report_questions_title: &'static str,
        pub report_no_questions: &'static str,
        pub report_asked_at: &'static str,
        pub report_asked_by_at: &'static str,
        pub report_answered_at: &'static str,
        pub report_cannot_open: &'static str,
        pub report_link_incomplete: &'static str,
        pub report_link_gone: &'static str,
        pub report_link_expired: &'static str,
        /// Names the schedule's table, which scrolls in its own box.
        pub report_schedule_table: &'static str,
        pub report_candidates_table: &'static str,
        pub reports_settings: &'static str,
        pub reports_default_shows: &'static str,
        pub reports_digest_weekday: &'static str,
        pub reports_digest_hint: &'static str,
        pub replies_title: &'static str,
        pub no_replies: &'static str,
        /// A reply's `{posting}`, who wrote it (`{who}`) and `{when}`.
        pub reply_line: &'static str,
        /// `{note}`: the note answered, as written.
        pub reply_to_note: &'static str,
        pub reply_done: &'static str,
        /// The Done button's name: `{who}` wrote the reply.
        pub reply_done_label: &'static str,
        pub reply_cleared: &'static str,
    }
}

pub fn strings(locale: Locale) -> &'static ConsoleStrings {
    match locale {
        Locale::En => &en::STRINGS,
        Locale::Fi => &fi::STRINGS,
        Locale::Sv => &sv::STRINGS,
        Locale::Pl => &pl::STRINGS,
        Locale::Nl => &nl::STRINGS,
    }
}

thread_local! {
    /// The language the console speaks now (a wasm page has one thread).
    static CHOSEN: Cell<Locale> = const { Cell::new(Locale::En) };
}

/// The catalogue of the language in use.
pub fn t() -> &'static ConsoleStrings {
    strings(locale())
}

pub fn locale() -> Locale {
    CHOSEN.with(Cell::get)
}

/// Each language named in itself, for the picker: whoever can't read the
/// console now still finds their own.
pub fn own_name(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "English",
        Locale::Fi => "Suomi",
        Locale::Sv => "Svenska",
        Locale::Pl => "Polski",
        Locale::Nl => "Nederlands",
    }
}

/// Where the browser keeps the last language chosen, for the sign-in page
/// (before anyone is signed in, the server can't say).
const REMEMBERED: &str = "candor-console-locale";

/// Speaks `locale` from now on: the catalogue, `<html lang>` (screen
/// readers' voice, hyphenation) and the browser's memory for the next
/// sign-in page. The caller redraws what is shown.
pub fn choose(locale: Locale) {
    speak(locale);
    let Some(window) = web_sys::window() else { return };
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(REMEMBERED, locale.tag());
    }
}

/// Speaks `locale` on this page only: the catalogue and `<html lang>`,
/// not the browser's memory (a report's reader is not signing in here).
pub fn speak(locale: Locale) {
    CHOSEN.with(|c| c.set(locale));
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", locale.tag());
    }
}

/// The language of the sign-in page: the one last chosen in this browser,
/// else the browser's own if the console has it, else English.
pub fn before_sign_in() -> Locale {
    let Some(window) = web_sys::window() else { return Locale::En };
    let remembered = window.local_storage().ok().flatten().and_then(|s| s.get_item(REMEMBERED).ok().flatten());
    let browser = window.navigator().language();
    Locale::negotiate(remembered.iter().chain(browser.iter()).map(String::as_str))
}

/// The tag `Intl` formats dates in `locale` with: the browser's own when it
/// is that language (so en-GB keeps its day before the month), else the
/// language's. `locale` is the console's, or a report's (one previewed in
/// its reader's language).
pub fn intl_tag_for(locale: Locale) -> String {
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    browser.filter(|tag| Locale::from_tag(tag) == Some(locale)).unwrap_or_else(|| locale.tag().to_owned())
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

impl ConsoleStrings {
    /// What each rule says when a value breaks it, in this locale.
    pub fn rules(&self) -> Rules {
        Rules::for_forms(self.locale)
    }

    /// A count's form, `{n}` filled in.
    pub fn count(&self, plural: &Plural, n: usize) -> String {
        plural.format(self.locale, n)
    }

    /// A language named in this locale.
    pub fn language(&self, l: Locale) -> &'static str {
        match l {
            Locale::En => self.language_en,
            Locale::Fi => self.language_fi,
            Locale::Sv => self.language_sv,
            Locale::Pl => self.language_pl,
            Locale::Nl => self.language_nl,
        }
    }

    pub fn role_name(&self, role: candor_api::recruiting::Role) -> &'static str {
        use candor_api::recruiting::Role;
        match role {
            Role::Viewer => self.role_viewer,
            Role::Recruiter => self.role_recruiter,
            Role::Admin => self.role_admin,
        }
    }

    /// What a report's link shows of the candidates, in words.
    pub fn shows_name(&self, shows: candor_api::reports::Shows) -> &'static str {
        use candor_api::reports::Shows;
        match shows {
            Shows::Counts => self.report_shows_counts_short,
            Shows::Names => self.report_shows_names_short,
        }
    }

    pub fn outcome_name(&self, outcome: candor_api::timeline::Outcome) -> &'static str {
        use candor_api::timeline::Outcome;
        match outcome {
            Outcome::Hired => self.outcome_hired,
            Outcome::NotSelected => self.outcome_not_selected,
            Outcome::PositionClosed => self.outcome_position_closed,
        }
    }

    /// What the audit log says was done, in words.
    pub fn audit_action(&self, action: candor_api::audit::AuditAction) -> &'static str {
        use candor_api::audit::AuditAction as A;
        match action {
            A::ApplicationViewed => self.audit_application_viewed,
            A::CvDownloaded => self.audit_cv_downloaded,
            A::CvViewed => self.audit_cv_viewed,
            A::ApplicationExported => self.audit_application_exported,
            A::ApplicationErased => self.audit_application_erased,
            A::ApplicationAnonymised => self.audit_application_anonymised,
            A::PersonInvited => self.audit_person_invited,
            A::PersonRemoved => self.audit_person_removed,
            A::RoleChanged => self.audit_role_changed,
            A::PasswordLinkMade => self.audit_password_link_made,
            A::TokenMade => self.audit_token_made,
            A::TokenRevoked => self.audit_token_revoked,
            A::ReportLinkMade => self.audit_report_link_made,
            A::ReportLinkRevoked => self.audit_report_link_revoked,
        }
    }

    /// What a mail tells of, in words.
    pub fn mail_kind(&self, kind: candor_api::mail::MailKind) -> &'static str {
        use candor_api::mail::MailKind;
        match kind {
            MailKind::Received => self.mail_received,
            MailKind::StageChanged => self.mail_stage_changed,
            MailKind::Message => self.mail_message,
            MailKind::Promise => self.mail_promise,
            MailKind::Closed => self.mail_closed,
            MailKind::PromiseLate => self.mail_promise_late,
            MailKind::QuestionAnswered => self.mail_question_answered,
            MailKind::QuestionDeclined => self.mail_question_declined,
            MailKind::Links => self.mail_links,
            MailKind::PasswordLink => self.mail_password_link,
            MailKind::NewArrival => self.mail_new_arrival,
            MailKind::Digest => self.mail_digest,
            MailKind::ReportShared => self.mail_report_shared,
            MailKind::ReportWarning => self.mail_report_warning,
            MailKind::ReportDigest => self.mail_report_digest,
            MailKind::PoolRenewal => self.mail_pool_renewal,
            MailKind::PoolAlert => self.mail_pool_alert,
        }
    }

    /// A mail's state in words.
    pub fn mail_state(&self, state: candor_api::mail::MailState) -> &'static str {
        use candor_api::mail::MailState;
        match state {
            MailState::Pending => self.mail_pending,
            MailState::Sent => self.mail_sent,
            MailState::Failed => self.mail_failed,
        }
    }

    /// A share as a percentage, as this locale writes one ("80 %" in Finnish).
    pub fn percent(&self, share: f64) -> String {
        let n = format!("{:.0}", share * 100.0);
        match self.locale {
            Locale::En | Locale::Nl => format!("{n}%"),
            _ => format!("{n}\u{a0}%"),
        }
    }

    /// A number with one decimal, with this locale's decimal sign.
    pub fn decimal(&self, x: f64) -> String {
        let n = format!("{x:.1}");
        if self.locale == Locale::En { n } else { n.replace('.', ",") }
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
    fn translations_are_not_english_copies() {
        let en = strings(Locale::En);
        for locale in [Locale::Fi, Locale::Sv, Locale::Pl, Locale::Nl] {
            let s = strings(locale);
            for (mine, english) in [
                (s.sign_in_title, en.sign_in_title),
                (s.tab_settings, en.tab_settings),
                (s.board_help, en.board_help),
                (s.save_settings, en.save_settings),
                (s.timeline_title, en.timeline_title),
            ] {
                assert_ne!(mine, english, "{locale:?}");
            }
        }
    }

    #[test]
    fn counts_and_names_are_filled_in() {
        let en = strings(Locale::En);
        assert_eq!(en.count(&en.age_days, 6), "6 days");
        assert_eq!(
            fill(en.asked_line, &[("posting", "Orthodontist"), ("who", "A visitor"), ("age", "6 days")]),
            "Orthodontist · A visitor · asked 6 days ago"
        );
        let pl = strings(Locale::Pl);
        assert_eq!(pl.count(&pl.days_in_stage, 3), "3 dni na tym etapie");
        assert_eq!(strings(Locale::Fi).percent(0.8), "80\u{a0}%");
        assert_eq!(en.percent(0.8), "80%");
        assert_eq!(strings(Locale::Sv).decimal(4.46), "4,5");
    }
}
