-- Relationships' CHECK constraints written as comparisons instead of IN lists. SQLite evaluates a
-- CHECK with an IN list of three or more values by building a temporary index of the list every
-- time the INSERT runs: for a single-row INSERT, once a row. That was half of SQLite's time per
-- imported relationship (measured: RESULTS.md, Referral network, Import). Same rules, same rows.
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt (its indexes with it).
CREATE TABLE Relationships_Rebuilt (
    FromPersonId  TEXT    NOT NULL REFERENCES People (Id),
    ToPersonId    TEXT    NOT NULL REFERENCES People (Id),
    Kind          TEXT    NOT NULL CHECK (Kind = 'WorkedWith' OR Kind = 'ReportedTo' OR Kind = 'Mentor' OR Kind = 'BoardTogether' OR Kind = 'Knows'),
    Strength      INTEGER NOT NULL CHECK (Strength BETWEEN 1 AND 5),
    Id            TEXT    NOT NULL,
    Source        TEXT    NULL,
    Since         TEXT    NULL,
    SearchId      TEXT    NULL REFERENCES Searches (Id),
    CreatedAt     TEXT    NOT NULL,
    UpdatedAt     TEXT    NOT NULL,
    PRIMARY KEY (FromPersonId, ToPersonId, Kind),
    CHECK (FromPersonId <> ToPersonId),
    -- Symmetric kinds are stored once, in canonical order.
    CHECK ((Kind <> 'WorkedWith' AND Kind <> 'BoardTogether' AND Kind <> 'Knows') OR FromPersonId < ToPersonId)
) WITHOUT ROWID;

INSERT INTO Relationships_Rebuilt (FromPersonId, ToPersonId, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
SELECT FromPersonId, ToPersonId, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt FROM Relationships ORDER BY FromPersonId, ToPersonId, Kind;

DROP TABLE Relationships;
ALTER TABLE Relationships_Rebuilt RENAME TO Relationships;
CREATE INDEX IX_Relationships_To ON Relationships (ToPersonId, FromPersonId, Kind, Strength);
CREATE INDEX IX_Relationships_SearchId ON Relationships (SearchId) WHERE SearchId IS NOT NULL;
