-- The recruiter's core: candidates with their profile, documents, consent, candidacies and their
-- history, manual off-limits rules, and the append-only audit trail.

CREATE TABLE dbo.Candidates (
    Id                       UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Candidates PRIMARY KEY,
    FirstName                NVARCHAR(100)     NOT NULL,
    LastName                 NVARCHAR(100)     NOT NULL,
    Email                    NVARCHAR(320)     NULL,
    Phone                    NVARCHAR(50)      NULL,
    Location                 NVARCHAR(200)     NULL,
    CurrentTitle             NVARCHAR(200)     NULL,
    CurrentEmployer          NVARCHAR(200)     NULL,
    CurrentEmployerClientId  UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Candidates_Clients REFERENCES dbo.Clients (Id),
    Summary                  NVARCHAR(4000)    NULL,
    ProfileJson              NVARCHAR(MAX)     NOT NULL,
    CompensationJson         NVARCHAR(MAX)     NULL,
    ClinicalYears            INT               NOT NULL,
    HighestRoleLevel         NVARCHAR(40)      NULL,
    Version                  INT               NOT NULL,
    CreatedBy                UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Candidates_Users REFERENCES dbo.Users (Id),
    CreatedAt                DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt                DATETIMEOFFSET(7) NOT NULL,
    ErasedAt                 DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_Candidates_Email ON dbo.Candidates (Email) WHERE Email IS NOT NULL;
CREATE INDEX IX_Candidates_CurrentEmployer ON dbo.Candidates (CurrentEmployer);
CREATE INDEX IX_Candidates_CurrentEmployerClientId ON dbo.Candidates (CurrentEmployerClientId);
CREATE INDEX IX_Candidates_ClinicalYears ON dbo.Candidates (ClinicalYears);

CREATE TABLE dbo.CandidateFacets (
    CandidateId  UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_CandidateFacets_Candidates REFERENCES dbo.Candidates (Id),
    Facet        NVARCHAR(20)     NOT NULL,
    Value        NVARCHAR(100)    NOT NULL,
    CONSTRAINT PK_CandidateFacets PRIMARY KEY (CandidateId, Facet, Value)
);
CREATE INDEX IX_CandidateFacets_Value ON dbo.CandidateFacets (Facet, Value, CandidateId);

CREATE TABLE dbo.CandidateDocuments (
    Id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CandidateDocuments PRIMARY KEY,
    CandidateId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CandidateDocuments_Candidates REFERENCES dbo.Candidates (Id),
    Kind         NVARCHAR(20)      NOT NULL CONSTRAINT CK_CandidateDocuments_Kind CHECK (Kind IN (N'Cv', N'CoverLetter', N'References', N'Credential', N'Other')),
    FileName     NVARCHAR(255)     NOT NULL,
    ContentType  NVARCHAR(100)     NOT NULL,
    SizeBytes    BIGINT            NOT NULL,
    Sha256       CHAR(64)          NOT NULL,
    StorageKey   NVARCHAR(200)     NOT NULL,
    UploadedBy   UNIQUEIDENTIFIER  NULL CONSTRAINT FK_CandidateDocuments_Users REFERENCES dbo.Users (Id),
    UploadedAt   DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX IX_CandidateDocuments_CandidateId ON dbo.CandidateDocuments (CandidateId);

CREATE TABLE dbo.Consents (
    Id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Consents PRIMARY KEY,
    CandidateId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Consents_Candidates REFERENCES dbo.Candidates (Id),
    Kind         NVARCHAR(20)      NOT NULL CONSTRAINT CK_Consents_Kind CHECK (Kind IN (N'Processing', N'PresentToClient')),
    SearchId     UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Consents_Searches REFERENCES dbo.Searches (Id),
    Source       NVARCHAR(200)     NOT NULL,
    RecordedBy   UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Consents_Users REFERENCES dbo.Users (Id),
    GivenAt      DATETIMEOFFSET(7) NOT NULL,
    WithdrawnAt  DATETIMEOFFSET(7) NULL
);
CREATE INDEX IX_Consents_CandidateId ON dbo.Consents (CandidateId, Kind);

CREATE TABLE dbo.Candidacies (
    Id              UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Candidacies PRIMARY KEY,
    SearchId        UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Candidacies_Searches REFERENCES dbo.Searches (Id),
    CandidateId     UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Candidacies_Candidates REFERENCES dbo.Candidates (Id),
    Stage           NVARCHAR(30)      NOT NULL,
    Version         INT               NOT NULL,
    StageEnteredAt  DATETIMEOFFSET(7) NOT NULL,
    ExitReasonCode  NVARCHAR(60)      NULL,
    DecidedBy       NVARCHAR(20)      NULL,
    AddedBy         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Candidacies_Users REFERENCES dbo.Users (Id),
    CreatedAt       DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt       DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX UX_Candidacies_SearchCandidate ON dbo.Candidacies (SearchId, CandidateId);
CREATE INDEX IX_Candidacies_CandidateId ON dbo.Candidacies (CandidateId, Stage);

CREATE TABLE dbo.CandidacyTransitions (
    Id            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CandidacyTransitions PRIMARY KEY,
    CandidacyId   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CandidacyTransitions_Candidacies REFERENCES dbo.Candidacies (Id),
    FromStage     NVARCHAR(30)      NULL,
    ToStage       NVARCHAR(30)      NOT NULL,
    Reason        NVARCHAR(1000)    NULL,
    ReasonCode    NVARCHAR(60)      NULL,
    DecidedBy     NVARCHAR(20)      NULL,
    OverrideUsed  BIT               NOT NULL,
    ActorId       UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CandidacyTransitions_Users REFERENCES dbo.Users (Id),
    OccurredAt    DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX IX_CandidacyTransitions_CandidacyId ON dbo.CandidacyTransitions (CandidacyId, OccurredAt);

CREATE TABLE dbo.OffLimitsRules (
    Id         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_OffLimitsRules PRIMARY KEY,
    ClientId   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_OffLimitsRules_Clients REFERENCES dbo.Clients (Id),
    Until      DATETIMEOFFSET(7) NOT NULL,
    Reason     NVARCHAR(1000)    NOT NULL,
    CreatedBy  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_OffLimitsRules_Users REFERENCES dbo.Users (Id),
    CreatedAt  DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX IX_OffLimitsRules_ClientId ON dbo.OffLimitsRules (ClientId, Until);

CREATE TABLE dbo.AuditEvents (
    Id          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_AuditEvents PRIMARY KEY,
    OccurredAt  DATETIMEOFFSET(7) NOT NULL,
    ActorId     UNIQUEIDENTIFIER  NULL,
    ActorKind   NVARCHAR(20)      NOT NULL,
    Action      NVARCHAR(100)     NOT NULL,
    EntityType  NVARCHAR(40)      NULL,
    EntityId    UNIQUEIDENTIFIER  NULL,
    SearchId    UNIQUEIDENTIFIER  NULL,
    SourceIp    NVARCHAR(45)      NULL
);
CREATE INDEX IX_AuditEvents_OccurredAt ON dbo.AuditEvents (OccurredAt);
CREATE INDEX IX_AuditEvents_EntityId ON dbo.AuditEvents (EntityId, OccurredAt);
CREATE INDEX IX_AuditEvents_ActorId ON dbo.AuditEvents (ActorId, OccurredAt);
GO

-- Append-only: refuse every UPDATE and DELETE, whoever sends it.
CREATE TRIGGER dbo.TR_AuditEvents_AppendOnly ON dbo.AuditEvents
INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 51000, 'AuditEvents is append-only', 1;
END;
