-- The referral network (issue 5): people, their employment, typed relationships between them and
-- referrals. GUIDs, times (UTC, sortable ISO-8601) are TEXT; names and e-mails compare NOCASE.

-- Everyone the firm knows. CandidateId points at the candidate record kept by the recruiter core
-- (no foreign key: that table ships in another migration; the application keeps the link).
-- UserId links a member of staff to their person: staff are where warm paths start.
CREATE TABLE People (
    Id                   TEXT    NOT NULL PRIMARY KEY,
    ExternalId           TEXT    NULL COLLATE NOCASE,
    FullName             TEXT    NOT NULL COLLATE NOCASE,
    Email                TEXT    NULL COLLATE NOCASE,
    CurrentTitle         TEXT    NULL,
    CurrentOrganisation  TEXT    NULL COLLATE NOCASE,
    CandidateId          TEXT    NULL,
    UserId               TEXT    NULL REFERENCES Users (Id),
    IsOffLimits          INTEGER NOT NULL DEFAULT 0,
    CreatedAt            TEXT    NOT NULL,
    UpdatedAt            TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_People_ExternalId ON People (ExternalId COLLATE NOCASE) WHERE ExternalId IS NOT NULL;
CREATE UNIQUE INDEX UX_People_Email ON People (Email COLLATE NOCASE) WHERE Email IS NOT NULL;
CREATE UNIQUE INDEX UX_People_UserId ON People (UserId) WHERE UserId IS NOT NULL;
CREATE INDEX IX_People_CandidateId ON People (CandidateId) WHERE CandidateId IS NOT NULL;
CREATE INDEX IX_People_CurrentOrganisation ON People (CurrentOrganisation COLLATE NOCASE) WHERE CurrentOrganisation IS NOT NULL;

-- Employment history. A row without EndDate is a current position; ClientId marks an employer
-- that is one of the firm's clients (what makes its people off-limits while a search is live).
CREATE TABLE Employment (
    Id            TEXT NOT NULL PRIMARY KEY,
    PersonId      TEXT NOT NULL REFERENCES People (Id),
    Organisation  TEXT NOT NULL COLLATE NOCASE,
    ClientId      TEXT NULL REFERENCES Clients (Id),
    Title         TEXT NULL,
    StartDate     TEXT NULL,
    EndDate       TEXT NULL
);
CREATE INDEX IX_Employment_PersonId ON Employment (PersonId);
CREATE INDEX IX_Employment_Current_Person ON Employment (PersonId, ClientId) WHERE EndDate IS NULL;
CREATE INDEX IX_Employment_Current_Client ON Employment (ClientId, PersonId) WHERE EndDate IS NULL AND ClientId IS NOT NULL;
CREATE INDEX IX_Employment_Current_Organisation ON Employment (Organisation COLLATE NOCASE, PersonId) WHERE EndDate IS NULL;

-- One row per relationship, clustered on its natural key (WITHOUT ROWID: the table is the
-- From-side index), plus a covering index on the To side, so a person's ties are two index range
-- scans whichever end they are on. Symmetric kinds are stored once, From < To (canonical), so
-- (A, B, Knows) and (B, A, Knows) cannot both exist. SearchId: the confidential search during
-- which it was learnt; its Source is shown only to that search's team.
CREATE TABLE Relationships (
    FromPersonId  TEXT    NOT NULL REFERENCES People (Id),
    ToPersonId    TEXT    NOT NULL REFERENCES People (Id),
    Kind          TEXT    NOT NULL CHECK (Kind IN ('WorkedWith', 'ReportedTo', 'Mentor', 'BoardTogether', 'Knows')),
    Strength      INTEGER NOT NULL CHECK (Strength BETWEEN 1 AND 5),
    Id            TEXT    NOT NULL,
    Source        TEXT    NULL,
    Since         TEXT    NULL,
    SearchId      TEXT    NULL REFERENCES Searches (Id),
    CreatedAt     TEXT    NOT NULL,
    UpdatedAt     TEXT    NOT NULL,
    PRIMARY KEY (FromPersonId, ToPersonId, Kind),
    CHECK (FromPersonId <> ToPersonId),
    CHECK (Kind NOT IN ('WorkedWith', 'BoardTogether', 'Knows') OR FromPersonId < ToPersonId)
) WITHOUT ROWID;
CREATE INDEX IX_Relationships_To ON Relationships (ToPersonId, FromPersonId, Kind, Strength);
CREATE INDEX IX_Relationships_SearchId ON Relationships (SearchId) WHERE SearchId IS NOT NULL;

-- Who suggested whom for which search; the outcome columns are set by the pipeline
-- (ReferralOutcomes.RecordAsync) when the candidacy is presented or placed.
CREATE TABLE Referrals (
    Id                TEXT NOT NULL PRIMARY KEY,
    ReferrerPersonId  TEXT NOT NULL REFERENCES People (Id),
    CandidateId       TEXT NOT NULL,
    SearchId          TEXT NOT NULL REFERENCES Searches (Id),
    Note              TEXT NULL,
    RecordedByUserId  TEXT NOT NULL REFERENCES Users (Id),
    CreatedAt         TEXT NOT NULL,
    PresentedAt       TEXT NULL,
    PlacedAt          TEXT NULL
);
CREATE UNIQUE INDEX UX_Referrals_Search_Candidate_Referrer ON Referrals (SearchId, CandidateId, ReferrerPersonId);
CREATE INDEX IX_Referrals_ReferrerPersonId ON Referrals (ReferrerPersonId);
CREATE INDEX IX_Referrals_CandidateId ON Referrals (CandidateId, SearchId);
