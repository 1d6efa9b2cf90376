-- The referral network (issue 5): people, their employment, typed relationships between them and
-- referrals. Case-insensitive comparison comes from the database's default collation.

-- Everyone the firm knows. CandidateId points at the candidate record kept by the recruiter core
-- (no foreign key: that table ships in another migration; the application keeps the link).
-- UserId links a member of staff to their person: staff are where warm paths start.
CREATE TABLE dbo.People (
    Id                   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_People PRIMARY KEY,
    ExternalId           NVARCHAR(100)     NULL,
    FullName             NVARCHAR(200)     NOT NULL,
    Email                NVARCHAR(320)     NULL,
    CurrentTitle         NVARCHAR(200)     NULL,
    CurrentOrganisation  NVARCHAR(200)     NULL,
    CandidateId          UNIQUEIDENTIFIER  NULL,
    UserId               UNIQUEIDENTIFIER  NULL CONSTRAINT FK_People_Users REFERENCES dbo.Users (Id),
    IsOffLimits          BIT               NOT NULL CONSTRAINT DF_People_IsOffLimits DEFAULT 0,
    CreatedAt            DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt            DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX UX_People_ExternalId ON dbo.People (ExternalId) WHERE ExternalId IS NOT NULL;
CREATE UNIQUE INDEX UX_People_Email ON dbo.People (Email) WHERE Email IS NOT NULL;
CREATE UNIQUE INDEX UX_People_UserId ON dbo.People (UserId) WHERE UserId IS NOT NULL;
CREATE INDEX IX_People_CandidateId ON dbo.People (CandidateId) WHERE CandidateId IS NOT NULL;
CREATE INDEX IX_People_CurrentOrganisation ON dbo.People (CurrentOrganisation) WHERE CurrentOrganisation IS NOT NULL;

-- Employment history. A row without EndDate is a current position; ClientId marks an employer
-- that is one of the firm's clients (what makes its people off-limits while a search is live).
CREATE TABLE dbo.Employment (
    Id            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Employment PRIMARY KEY,
    PersonId      UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Employment_People REFERENCES dbo.People (Id),
    Organisation  NVARCHAR(200)     NOT NULL,
    ClientId      UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Employment_Clients REFERENCES dbo.Clients (Id),
    Title         NVARCHAR(200)     NULL,
    StartDate     DATETIMEOFFSET(7) NULL,
    EndDate       DATETIMEOFFSET(7) NULL
);
CREATE INDEX IX_Employment_PersonId ON dbo.Employment (PersonId);
CREATE INDEX IX_Employment_Current_Person ON dbo.Employment (PersonId, ClientId) WHERE EndDate IS NULL;
CREATE INDEX IX_Employment_Current_Client ON dbo.Employment (ClientId, PersonId) WHERE EndDate IS NULL AND ClientId IS NOT NULL;
CREATE INDEX IX_Employment_Current_Organisation ON dbo.Employment (Organisation, PersonId) WHERE EndDate IS NULL;

-- One row per relationship, clustered on its natural key (the clustered index is the From-side
-- index), plus a covering index on the To side, so a person's ties are two index range seeks
-- whichever end they are on. Symmetric kinds are stored once, From < To in this server's
-- UNIQUEIDENTIFIER order (the SQL decides the order, never C#). SearchId: the confidential search
-- during which it was learnt; its Source is shown only to that search's team.
CREATE TABLE dbo.Relationships (
    FromPersonId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Relationships_From REFERENCES dbo.People (Id),
    ToPersonId    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Relationships_To REFERENCES dbo.People (Id),
    Kind          NVARCHAR(20)      NOT NULL CONSTRAINT CK_Relationships_Kind CHECK (Kind IN (N'WorkedWith', N'ReportedTo', N'Mentor', N'BoardTogether', N'Knows')),
    Strength      TINYINT           NOT NULL CONSTRAINT CK_Relationships_Strength CHECK (Strength BETWEEN 1 AND 5),
    Id            UNIQUEIDENTIFIER  NOT NULL,
    Source        NVARCHAR(200)     NULL,
    Since         DATETIMEOFFSET(7) NULL,
    SearchId      UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Relationships_Searches REFERENCES dbo.Searches (Id),
    CreatedAt     DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt     DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_Relationships PRIMARY KEY CLUSTERED (FromPersonId, ToPersonId, Kind),
    CONSTRAINT CK_Relationships_NotSelf CHECK (FromPersonId <> ToPersonId),
    CONSTRAINT CK_Relationships_Canonical CHECK (Kind NOT IN (N'WorkedWith', N'BoardTogether', N'Knows') OR FromPersonId < ToPersonId)
);
CREATE INDEX IX_Relationships_To ON dbo.Relationships (ToPersonId, FromPersonId, Kind) INCLUDE (Strength);
CREATE INDEX IX_Relationships_SearchId ON dbo.Relationships (SearchId) WHERE SearchId IS NOT NULL;

-- Who suggested whom for which search; the outcome columns are set by the pipeline
-- (ReferralOutcomes.RecordAsync) when the candidacy is presented or placed.
CREATE TABLE dbo.Referrals (
    Id                UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Referrals PRIMARY KEY,
    ReferrerPersonId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Referrals_People REFERENCES dbo.People (Id),
    CandidateId       UNIQUEIDENTIFIER  NOT NULL,
    SearchId          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Referrals_Searches REFERENCES dbo.Searches (Id),
    Note              NVARCHAR(2000)    NULL,
    RecordedByUserId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Referrals_Users REFERENCES dbo.Users (Id),
    CreatedAt         DATETIMEOFFSET(7) NOT NULL,
    PresentedAt       DATETIMEOFFSET(7) NULL,
    PlacedAt          DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_Referrals_Search_Candidate_Referrer ON dbo.Referrals (SearchId, CandidateId, ReferrerPersonId);
CREATE INDEX IX_Referrals_ReferrerPersonId ON dbo.Referrals (ReferrerPersonId);
CREATE INDEX IX_Referrals_CandidateId ON dbo.Referrals (CandidateId, SearchId);
