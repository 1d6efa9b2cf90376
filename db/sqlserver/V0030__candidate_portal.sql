-- The candidate portal (sign-in by one-time link, sessions), disclosure of the client to one
-- candidate, and pipeline moves decided by the candidate themselves.

-- One-time sign-in links sent to a candidate (hashed); re-inviting voids the unused ones.
CREATE TABLE dbo.CandidatePortalLinks (
    Id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CandidatePortalLinks PRIMARY KEY,
    CandidateId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CandidatePortalLinks_Candidates REFERENCES dbo.Candidates (Id),
    TokenHash    CHAR(64)          NOT NULL,
    InvitedBy    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CandidatePortalLinks_Users REFERENCES dbo.Users (Id),
    CreatedAt    DATETIMEOFFSET(7) NOT NULL,
    ExpiresAt    DATETIMEOFFSET(7) NOT NULL,
    UsedAt       DATETIMEOFFSET(7) NULL,
    RevokedAt    DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_CandidatePortalLinks_TokenHash ON dbo.CandidatePortalLinks (TokenHash);
CREATE INDEX IX_CandidatePortalLinks_CandidateId ON dbo.CandidatePortalLinks (CandidateId);

-- Sessions a link opens (hashed tokens), for that candidate only.
CREATE TABLE dbo.CandidateSessions (
    Id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CandidateSessions PRIMARY KEY,
    CandidateId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CandidateSessions_Candidates REFERENCES dbo.Candidates (Id),
    TokenHash    CHAR(64)          NOT NULL,
    CreatedAt    DATETIMEOFFSET(7) NOT NULL,
    ExpiresAt    DATETIMEOFFSET(7) NOT NULL,
    RevokedAt    DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_CandidateSessions_TokenHash ON dbo.CandidateSessions (TokenHash);
CREATE INDEX IX_CandidateSessions_CandidateId ON dbo.CandidateSessions (CandidateId);

-- The search's client is named to this candidate (by the team) from this moment; the code name until then.
ALTER TABLE dbo.Candidacies ADD ClientDisclosedAt DATETIMEOFFSET(7) NULL;

-- A candidate withdrawing in the portal moves their candidacy themselves: the history's actor is
-- then the candidate (ActorKind), not a member of staff. The foreign key is dropped and re-added
-- because a column in a FOREIGN KEY constraint cannot be altered.
ALTER TABLE dbo.CandidacyTransitions DROP CONSTRAINT FK_CandidacyTransitions_Users;
ALTER TABLE dbo.CandidacyTransitions ALTER COLUMN ActorId UNIQUEIDENTIFIER NULL;
ALTER TABLE dbo.CandidacyTransitions ADD CONSTRAINT FK_CandidacyTransitions_Users FOREIGN KEY (ActorId) REFERENCES dbo.Users (Id);
ALTER TABLE dbo.CandidacyTransitions ADD ActorKind NVARCHAR(20) NOT NULL
    CONSTRAINT DF_CandidacyTransitions_ActorKind DEFAULT N'Staff'
    CONSTRAINT CK_CandidacyTransitions_ActorKind CHECK (ActorKind IN (N'Staff', N'Candidate'));
GO
-- Staff moves name their actor; only the candidate's own moves may leave it empty.
ALTER TABLE dbo.CandidacyTransitions ADD CONSTRAINT CK_CandidacyTransitions_Actor CHECK (ActorKind = N'Candidate' OR ActorId IS NOT NULL);
