-- evolve-tx-off
-- Keyword search over candidates: a full-text index. CREATE FULLTEXT CATALOG/INDEX cannot run
-- inside a transaction, hence evolve-tx-off. SQL Server needs the Full-Text Search feature installed.
CREATE TABLE dbo.CandidateSearch (
    CandidateId  UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_CandidateSearch PRIMARY KEY,
    Body         NVARCHAR(MAX)    NOT NULL
);
GO
CREATE FULLTEXT CATALOG SearchFirmCatalog;
GO
CREATE FULLTEXT INDEX ON dbo.CandidateSearch (Body LANGUAGE 1033)
    KEY INDEX PK_CandidateSearch ON SearchFirmCatalog
    WITH CHANGE_TRACKING AUTO;
