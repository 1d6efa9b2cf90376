-- Relationships name their two people by number instead of by GUID text (issue 5, import and size).
-- A relationship's key was two 36-character GUIDs and a kind, in the table and again in
-- IX_Relationships_To: about 200 bytes a row, 10 M rows. People.Number is the row id SQLite keeps
-- for every row anyway (an INTEGER PRIMARY KEY is that id, given a name), so a person costs nothing
-- more, a relationship's key takes a few bytes, and a foreign-key check is a row-id lookup. GUIDs
-- stay the public ids: every query goes from Id to Number through People.
-- Symmetric kinds are stored once with the lower number first (they were: the lower GUID first).
-- The migrator runs this with foreign keys off (SQLite's way to rebuild a parent table) and checks
-- every foreign key afterwards.
CREATE TABLE People_Rebuilt (
    Number               INTEGER NOT NULL PRIMARY KEY,
    Id                   TEXT    NOT NULL UNIQUE,
    ExternalId           TEXT    NULL COLLATE NOCASE,
    FullName             TEXT    NOT NULL COLLATE NOCASE,
    Email                TEXT    NULL COLLATE NOCASE,
    CurrentTitle         TEXT    NULL,
    CurrentOrganisation  TEXT    NULL COLLATE NOCASE,
    CandidateId          TEXT    NULL,
    UserId               TEXT    NULL REFERENCES Users (Id),
    IsOffLimits          INTEGER NOT NULL DEFAULT 0,
    CreatedAt            TEXT    NOT NULL,
    UpdatedAt            TEXT    NOT NULL,
    ErasedAt             TEXT    NULL
);
INSERT INTO People_Rebuilt (Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt, ErasedAt)
SELECT Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt, ErasedAt
FROM People ORDER BY rowid;

CREATE TABLE Relationships_Rebuilt (
    FromPersonNumber  INTEGER NOT NULL REFERENCES People (Number),
    ToPersonNumber    INTEGER NOT NULL REFERENCES People (Number),
    Kind              TEXT    NOT NULL CHECK (Kind = 'WorkedWith' OR Kind = 'ReportedTo' OR Kind = 'Mentor' OR Kind = 'BoardTogether' OR Kind = 'Knows'),
    Strength          INTEGER NOT NULL CHECK (Strength BETWEEN 1 AND 5),
    Id                TEXT    NOT NULL,
    Source            TEXT    NULL,
    Since             TEXT    NULL,
    SearchId          TEXT    NULL REFERENCES Searches (Id),
    CreatedAt         TEXT    NOT NULL,
    UpdatedAt         TEXT    NOT NULL,
    PRIMARY KEY (FromPersonNumber, ToPersonNumber, Kind),
    CHECK (FromPersonNumber <> ToPersonNumber),
    -- Symmetric kinds are stored once, in canonical order.
    CHECK ((Kind <> 'WorkedWith' AND Kind <> 'BoardTogether' AND Kind <> 'Knows') OR FromPersonNumber < ToPersonNumber)
) WITHOUT ROWID;

INSERT INTO Relationships_Rebuilt (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
SELECT CASE WHEN r.Kind IN ('WorkedWith', 'BoardTogether', 'Knows') AND t.Number < f.Number THEN t.Number ELSE f.Number END,
       CASE WHEN r.Kind IN ('WorkedWith', 'BoardTogether', 'Knows') AND t.Number < f.Number THEN f.Number ELSE t.Number END,
       r.Kind, r.Strength, r.Id, r.Source, r.Since, r.SearchId, r.CreatedAt, r.UpdatedAt
FROM Relationships r
JOIN People_Rebuilt f ON f.Id = r.FromPersonId
JOIN People_Rebuilt t ON t.Id = r.ToPersonId
ORDER BY 1, 2, 3;

DROP TABLE Relationships;
DROP TABLE People;
ALTER TABLE People_Rebuilt RENAME TO People;
ALTER TABLE Relationships_Rebuilt RENAME TO Relationships;

CREATE UNIQUE INDEX UX_People_ExternalId ON People (ExternalId COLLATE NOCASE) WHERE ExternalId IS NOT NULL;
CREATE UNIQUE INDEX UX_People_Email ON People (Email COLLATE NOCASE) WHERE Email IS NOT NULL;
CREATE UNIQUE INDEX UX_People_UserId ON People (UserId) WHERE UserId IS NOT NULL;
CREATE INDEX IX_People_CandidateId ON People (CandidateId) WHERE CandidateId IS NOT NULL;
CREATE INDEX IX_People_CurrentOrganisation ON People (CurrentOrganisation COLLATE NOCASE) WHERE CurrentOrganisation IS NOT NULL;
CREATE INDEX IX_People_OffLimits ON People (Id) WHERE IsOffLimits = 1;
CREATE INDEX IX_Relationships_To ON Relationships (ToPersonNumber, FromPersonNumber, Kind, Strength);
CREATE INDEX IX_Relationships_SearchId ON Relationships (SearchId) WHERE SearchId IS NOT NULL;
