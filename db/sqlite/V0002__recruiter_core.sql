-- The recruiter's core: candidates with their profile, documents, consent, candidacies and their
-- history, manual off-limits rules, and the append-only audit trail.

CREATE TABLE Candidates (
    Id                       TEXT    NOT NULL PRIMARY KEY,
    FirstName                TEXT    NOT NULL,
    LastName                 TEXT    NOT NULL,
    Email                    TEXT    NULL COLLATE NOCASE,
    Phone                    TEXT    NULL,
    Location                 TEXT    NULL,
    CurrentTitle             TEXT    NULL,
    CurrentEmployer          TEXT    NULL COLLATE NOCASE,
    CurrentEmployerClientId  TEXT    NULL REFERENCES Clients (Id),
    Summary                  TEXT    NULL,
    ProfileJson              TEXT    NOT NULL,
    CompensationJson         TEXT    NULL,
    ClinicalYears            INTEGER NOT NULL,
    HighestRoleLevel         TEXT    NULL,
    Version                  INTEGER NOT NULL,
    CreatedBy                TEXT    NULL REFERENCES Users (Id),
    CreatedAt                TEXT    NOT NULL,
    UpdatedAt                TEXT    NOT NULL,
    ErasedAt                 TEXT    NULL
);
CREATE UNIQUE INDEX UX_Candidates_Email ON Candidates (Email COLLATE NOCASE) WHERE Email IS NOT NULL;
CREATE INDEX IX_Candidates_CurrentEmployer ON Candidates (CurrentEmployer COLLATE NOCASE);
CREATE INDEX IX_Candidates_CurrentEmployerClientId ON Candidates (CurrentEmployerClientId);
CREATE INDEX IX_Candidates_ClinicalYears ON Candidates (ClinicalYears);

-- Filterable facts of a profile (credential, degree, role level), one row each, for indexed filters.
CREATE TABLE CandidateFacets (
    CandidateId  TEXT NOT NULL REFERENCES Candidates (Id),
    Facet        TEXT NOT NULL,
    Value        TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (CandidateId, Facet, Value)
);
CREATE INDEX IX_CandidateFacets_Value ON CandidateFacets (Facet, Value COLLATE NOCASE, CandidateId);

CREATE TABLE CandidateDocuments (
    Id           TEXT    NOT NULL PRIMARY KEY,
    CandidateId  TEXT    NOT NULL REFERENCES Candidates (Id),
    Kind         TEXT    NOT NULL CHECK (Kind IN ('Cv', 'CoverLetter', 'References', 'Credential', 'Other')),
    FileName     TEXT    NOT NULL,
    ContentType  TEXT    NOT NULL,
    SizeBytes    INTEGER NOT NULL,
    Sha256       TEXT    NOT NULL,
    StorageKey   TEXT    NOT NULL,
    UploadedBy   TEXT    NULL REFERENCES Users (Id),
    UploadedAt   TEXT    NOT NULL
);
CREATE INDEX IX_CandidateDocuments_CandidateId ON CandidateDocuments (CandidateId);

CREATE TABLE Consents (
    Id           TEXT NOT NULL PRIMARY KEY,
    CandidateId  TEXT NOT NULL REFERENCES Candidates (Id),
    Kind         TEXT NOT NULL CHECK (Kind IN ('Processing', 'PresentToClient')),
    SearchId     TEXT NULL REFERENCES Searches (Id),
    Source       TEXT NOT NULL,
    RecordedBy   TEXT NULL REFERENCES Users (Id),
    GivenAt      TEXT NOT NULL,
    WithdrawnAt  TEXT NULL
);
CREATE INDEX IX_Consents_CandidateId ON Consents (CandidateId, Kind);

CREATE TABLE Candidacies (
    Id              TEXT    NOT NULL PRIMARY KEY,
    SearchId        TEXT    NOT NULL REFERENCES Searches (Id),
    CandidateId     TEXT    NOT NULL REFERENCES Candidates (Id),
    Stage           TEXT    NOT NULL,
    Version         INTEGER NOT NULL,
    StageEnteredAt  TEXT    NOT NULL,
    ExitReasonCode  TEXT    NULL,
    DecidedBy       TEXT    NULL,
    AddedBy         TEXT    NOT NULL REFERENCES Users (Id),
    CreatedAt       TEXT    NOT NULL,
    UpdatedAt       TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_Candidacies_SearchCandidate ON Candidacies (SearchId, CandidateId);
CREATE INDEX IX_Candidacies_CandidateId ON Candidacies (CandidateId, Stage);

CREATE TABLE CandidacyTransitions (
    Id            TEXT    NOT NULL PRIMARY KEY,
    CandidacyId   TEXT    NOT NULL REFERENCES Candidacies (Id),
    FromStage     TEXT    NULL,
    ToStage       TEXT    NOT NULL,
    Reason        TEXT    NULL,
    ReasonCode    TEXT    NULL,
    DecidedBy     TEXT    NULL,
    OverrideUsed  INTEGER NOT NULL,
    ActorId       TEXT    NOT NULL REFERENCES Users (Id),
    OccurredAt    TEXT    NOT NULL
);
CREATE INDEX IX_CandidacyTransitions_CandidacyId ON CandidacyTransitions (CandidacyId, OccurredAt);

CREATE TABLE OffLimitsRules (
    Id         TEXT NOT NULL PRIMARY KEY,
    ClientId   TEXT NOT NULL REFERENCES Clients (Id),
    Until      TEXT NOT NULL,
    Reason     TEXT NOT NULL,
    CreatedBy  TEXT NOT NULL REFERENCES Users (Id),
    CreatedAt  TEXT NOT NULL
);
CREATE INDEX IX_OffLimitsRules_ClientId ON OffLimitsRules (ClientId, Until);

-- Who did or read what, when, from where. Ids only, never personal data, so that erasing a
-- candidate leaves the trail intact. Append-only: the triggers refuse changes.
CREATE TABLE AuditEvents (
    Id          TEXT NOT NULL PRIMARY KEY,
    OccurredAt  TEXT NOT NULL,
    ActorId     TEXT NULL,
    ActorKind   TEXT NOT NULL,
    Action      TEXT NOT NULL,
    EntityType  TEXT NULL,
    EntityId    TEXT NULL,
    SearchId    TEXT NULL,
    SourceIp    TEXT NULL
);
CREATE INDEX IX_AuditEvents_OccurredAt ON AuditEvents (OccurredAt);
CREATE INDEX IX_AuditEvents_EntityId ON AuditEvents (EntityId, OccurredAt);
CREATE INDEX IX_AuditEvents_ActorId ON AuditEvents (ActorId, OccurredAt);

CREATE TRIGGER TR_AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents
BEGIN
    SELECT RAISE(ABORT, 'AuditEvents is append-only');
END;

CREATE TRIGGER TR_AuditEvents_NoDelete BEFORE DELETE ON AuditEvents
BEGIN
    SELECT RAISE(ABORT, 'AuditEvents is append-only');
END;
