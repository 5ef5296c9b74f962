-- SQLite's V9 rewrote its times, kept as text, into one fixed width.
-- PostgreSQL keeps times as timestamptz, which needs nothing: this file
-- keeps the two migration trees in step.
SELECT 1;
