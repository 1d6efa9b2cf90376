-- Erasure must erase (PRODUCT.md): a deleted candidate's words must not linger in the file.
-- FTS5 otherwise keeps a deleted row's terms in its index until segments merge; with
-- secure-delete (SQLite 3.44+, persistent in the table's config) a delete removes them at once.
-- Connections also set PRAGMA secure_delete = ON (SearchFirm.Data.ConnectionFactory), which
-- zeroes the freed space of every other table. 'optimize' merges away what earlier erasures left.
INSERT INTO CandidateSearch (CandidateSearch, rank) VALUES ('secure-delete', 1);
INSERT INTO CandidateSearch (CandidateSearch) VALUES ('optimize');
