-- SQLite's twin (V0110): keyword search with filters probes each match's candidate for the filters;
-- this index answers the probe without reading the wide clustered row (profile JSON in it).
CREATE INDEX IX_Candidates_SearchFilters ON dbo.Candidates (Id) INCLUDE (ErasedAt, ClinicalYears, CurrentEmployer);
