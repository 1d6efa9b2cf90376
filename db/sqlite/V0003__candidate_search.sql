-- Keyword search over candidates: FTS5, maintained by the candidate slices (one row per candidate).
CREATE VIRTUAL TABLE CandidateSearch USING fts5 (
    CandidateId UNINDEXED,
    Body,
    tokenize = 'unicode61 remove_diacritics 2'
);
