-- Every time in one text form: RFC 3339 in UTC with exactly six decimals
-- (`2026-12-01T09:17:05.000000Z`), as the store now writes them, so that
-- the text sorts as the time does. Times written before had as many
-- decimals as they needed, so `…:05Z` sorted after `…:05.5Z`. SQLite's
-- strftime keeps milliseconds (rounded to the nearest): an old time's
-- further digits go. A text it can't read (none was written) stays as it was.

UPDATE companies SET created_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', created_at) || '000Z', created_at);
UPDATE applications SET created_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', created_at) || '000Z', created_at), erased_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', erased_at) || '000Z', erased_at);
UPDATE application_events SET at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', at) || '000Z', at);
UPDATE api_tokens SET created_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', created_at) || '000Z', created_at), revoked_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', revoked_at) || '000Z', revoked_at);
UPDATE application_cvs SET uploaded_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', uploaded_at) || '000Z', uploaded_at);
UPDATE questions SET asked_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', asked_at) || '000Z', asked_at), answered_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', answered_at) || '000Z', answered_at), declined_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', declined_at) || '000Z', declined_at);
UPDATE users SET created_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', created_at) || '000Z', created_at);
UPDATE sessions SET expires_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', expires_at) || '000Z', expires_at);
UPDATE password_links SET expires_at = COALESCE(strftime('%Y-%m-%dT%H:%M:%f', expires_at) || '000Z', expires_at);
