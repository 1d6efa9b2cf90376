-- Keyword search with filters probes each match's candidate for the filters (erased, clinical years,
-- employer). Those columns sit after the profile JSON in a wide row, so reading them meant walking
-- overflow pages: ~10 µs a candidate. This index answers the probe by itself.
CREATE INDEX IX_Candidates_SearchFilters ON Candidates (Id, ErasedAt, ClinicalYears, CurrentEmployer COLLATE NOCASE);
