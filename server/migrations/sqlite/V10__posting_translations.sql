-- A posting's texts in other languages than its company's default: one row
-- per posting and locale, its texts (title, teaser, description, department,
-- stages' and questions' texts, by position) kept as the JSON of the wire
-- type `PostingTranslation`. Read and written as a whole with the posting,
-- never queried inside.
CREATE TABLE posting_translations (
    posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    locale     TEXT    NOT NULL CHECK (locale IN ('en', 'fi', 'sv', 'pl', 'nl')),
    content    TEXT    NOT NULL,
    PRIMARY KEY (posting_id, locale)
);
