-- The candidate portal (sign-in by one-time link, sessions), disclosure of the client to one
-- candidate, and pipeline moves decided by the candidate themselves.

-- One-time sign-in links sent to a candidate (hashed); re-inviting voids the unused ones.
CREATE TABLE CandidatePortalLinks (
    Id           TEXT NOT NULL PRIMARY KEY,
    CandidateId  TEXT NOT NULL REFERENCES Candidates (Id),
    TokenHash    TEXT NOT NULL,
    InvitedBy    TEXT NOT NULL REFERENCES Users (Id),
    CreatedAt    TEXT NOT NULL,
    ExpiresAt    TEXT NOT NULL,
    UsedAt       TEXT NULL,
    RevokedAt    TEXT NULL
);
CREATE UNIQUE INDEX UX_CandidatePortalLinks_TokenHash ON CandidatePortalLinks (TokenHash);
CREATE INDEX IX_CandidatePortalLinks_CandidateId ON CandidatePortalLinks (CandidateId);

-- Sessions a link opens (hashed tokens), for that candidate only.
CREATE TABLE CandidateSessions (
    Id           TEXT NOT NULL PRIMARY KEY,
    CandidateId  TEXT NOT NULL REFERENCES Candidates (Id),
    TokenHash    TEXT NOT NULL,
    CreatedAt    TEXT NOT NULL,
    ExpiresAt    TEXT NOT NULL,
    RevokedAt    TEXT NULL
);
CREATE UNIQUE INDEX UX_CandidateSessions_TokenHash ON CandidateSessions (TokenHash);
CREATE INDEX IX_CandidateSessions_CandidateId ON CandidateSessions (CandidateId);

-- The search's client is named to this candidate (by the team) from this moment; the code name until then.
ALTER TABLE Candidacies ADD COLUMN ClientDisclosedAt TEXT NULL;

-- A candidate withdrawing in the portal moves their candidacy themselves: the history's actor is
-- then the candidate (ActorKind), not a member of staff. SQLite cannot drop NOT NULL in place, so
-- the table is rebuilt; nothing references it.
CREATE TABLE CandidacyTransitions_new (
    Id            TEXT    NOT NULL PRIMARY KEY,
    CandidacyId   TEXT    NOT NULL REFERENCES Candidacies (Id),
    FromStage     TEXT    NULL,
    ToStage       TEXT    NOT NULL,
    Reason        TEXT    NULL,
    ReasonCode    TEXT    NULL,
    DecidedBy     TEXT    NULL,
    OverrideUsed  INTEGER NOT NULL,
    ActorId       TEXT    NULL REFERENCES Users (Id),
    OccurredAt    TEXT    NOT NULL,
    ActorKind     TEXT    NOT NULL DEFAULT 'Staff' CHECK (ActorKind IN ('Staff', 'Candidate')),
    CHECK (ActorKind = 'Candidate' OR ActorId IS NOT NULL)
);
INSERT INTO CandidacyTransitions_new (Id, CandidacyId, FromStage, ToStage, Reason, ReasonCode, DecidedBy, OverrideUsed, ActorId, OccurredAt, ActorKind)
SELECT Id, CandidacyId, FromStage, ToStage, Reason, ReasonCode, DecidedBy, OverrideUsed, ActorId, OccurredAt, 'Staff' FROM CandidacyTransitions;
DROP TABLE CandidacyTransitions;
ALTER TABLE CandidacyTransitions_new RENAME TO CandidacyTransitions;
CREATE INDEX IX_CandidacyTransitions_CandidacyId ON CandidacyTransitions (CandidacyId, OccurredAt);
