-- Board-ready briefs and the committee's review (issue 4).
-- A brief is one rendered PDF about one candidacy, or a shortlist book for a search. The data it
-- renders is kept with it (ModelJson) so that the PDF matches the hash it was deduplicated by.

-- Whether documents may name the client (otherwise the code name stands in), and whom briefs are
-- prepared for ("the Board Search Committee").
ALTER TABLE dbo.Searches ADD ClientDisclosed BIT NOT NULL CONSTRAINT DF_Searches_ClientDisclosed DEFAULT 0;
ALTER TABLE dbo.Searches ADD CommitteeName NVARCHAR(200) NULL;

-- What the team writes for a candidacy's brief: the recruiter's summary, areas to probe, references.
CREATE TABLE dbo.BriefNotes (
    CandidacyId        UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_BriefNotes PRIMARY KEY
                                         CONSTRAINT FK_BriefNotes_Candidacies REFERENCES dbo.Candidacies (Id),
    Summary            NVARCHAR(4000)    NULL,
    AreasToProbeJson   NVARCHAR(MAX)     NOT NULL,
    ReferencesSummary  NVARCHAR(4000)    NULL,
    Version            INT               NOT NULL,
    UpdatedBy          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_BriefNotes_Users REFERENCES dbo.Users (Id),
    UpdatedAt          DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE dbo.Briefs (
    Id               UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Briefs PRIMARY KEY,
    SearchId         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Briefs_Searches REFERENCES dbo.Searches (Id),
    CandidacyId      UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Briefs_Candidacies REFERENCES dbo.Candidacies (Id),
    Kind             NVARCHAR(20)      NOT NULL CONSTRAINT CK_Briefs_Kind CHECK (Kind IN (N'Candidate', N'ShortlistBook')),
    Audience         NVARCHAR(20)      NOT NULL CONSTRAINT CK_Briefs_Audience CHECK (Audience IN (N'Committee', N'Internal')),
    InputHash        CHAR(64)          NOT NULL,
    TemplateVersion  NVARCHAR(20)      NOT NULL,
    ModelJson        NVARCHAR(MAX)     NOT NULL,
    Status           NVARCHAR(20)      NOT NULL CONSTRAINT CK_Briefs_Status CHECK (Status IN (N'Requested', N'Rendering', N'Ready', N'Failed')),
    Attempts         INT               NOT NULL,
    Error            NVARCHAR(400)     NULL,
    LeaseOwner       UNIQUEIDENTIFIER  NULL,
    LeaseUntil       DATETIMEOFFSET(7) NULL,
    StorageKey       NVARCHAR(200)     NULL,
    Sha256           CHAR(64)          NULL,
    SizeBytes        BIGINT            NULL,
    PageCount        INT               NULL,
    RequestedBy      UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Briefs_Users REFERENCES dbo.Users (Id),
    RequestedAt      DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt        DATETIMEOFFSET(7) NOT NULL,
    ReadyAt          DATETIMEOFFSET(7) NULL
);
-- Same inputs, same brief: the hash covers the data rendered and the template version.
CREATE UNIQUE INDEX UX_Briefs_InputHash ON dbo.Briefs (SearchId, InputHash);
CREATE INDEX IX_Briefs_Status ON dbo.Briefs (Status, UpdatedAt);
CREATE INDEX IX_Briefs_CandidacyId ON dbo.Briefs (CandidacyId);

-- The client's board members invited to review a search's shortlist.
CREATE TABLE dbo.CommitteeMembers (
    Id            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CommitteeMembers PRIMARY KEY,
    SearchId      UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeMembers_Searches REFERENCES dbo.Searches (Id),
    Email         NVARCHAR(320)     NOT NULL,
    Name          NVARCHAR(200)     NOT NULL,
    InvitedBy     UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeMembers_Users REFERENCES dbo.Users (Id),
    InvitedAt     DATETIMEOFFSET(7) NOT NULL,
    LastSignInAt  DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_CommitteeMembers_Email ON dbo.CommitteeMembers (SearchId, Email);

-- One-time sign-in links (hashed), and the sessions they open: scoped to one search.
CREATE TABLE dbo.BoardSignInLinks (
    Id         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_BoardSignInLinks PRIMARY KEY,
    MemberId   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_BoardSignInLinks_Members REFERENCES dbo.CommitteeMembers (Id),
    TokenHash  CHAR(64)          NOT NULL,
    CreatedAt  DATETIMEOFFSET(7) NOT NULL,
    ExpiresAt  DATETIMEOFFSET(7) NOT NULL,
    UsedAt     DATETIMEOFFSET(7) NULL,
    RevokedAt  DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_BoardSignInLinks_TokenHash ON dbo.BoardSignInLinks (TokenHash);
CREATE INDEX IX_BoardSignInLinks_MemberId ON dbo.BoardSignInLinks (MemberId);

CREATE TABLE dbo.BoardSessions (
    Id         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_BoardSessions PRIMARY KEY,
    MemberId   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_BoardSessions_Members REFERENCES dbo.CommitteeMembers (Id),
    SearchId   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_BoardSessions_Searches REFERENCES dbo.Searches (Id),
    TokenHash  CHAR(64)          NOT NULL,
    CreatedAt  DATETIMEOFFSET(7) NOT NULL,
    ExpiresAt  DATETIMEOFFSET(7) NOT NULL,
    RevokedAt  DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_BoardSessions_TokenHash ON dbo.BoardSessions (TokenHash);

-- A member's scores of a presented candidate: one row per member and candidacy, one score per criterion.
CREATE TABLE dbo.CommitteeFeedback (
    Id              UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CommitteeFeedback PRIMARY KEY,
    MemberId        UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeFeedback_Members REFERENCES dbo.CommitteeMembers (Id),
    CandidacyId     UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeFeedback_Candidacies REFERENCES dbo.Candidacies (Id),
    SearchId        UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeFeedback_Searches REFERENCES dbo.Searches (Id),
    Rating          INT               NOT NULL CONSTRAINT CK_CommitteeFeedback_Rating CHECK (Rating BETWEEN 1 AND 5),
    Recommendation  NVARCHAR(20)      NOT NULL CONSTRAINT CK_CommitteeFeedback_Recommendation CHECK (Recommendation IN (N'Advance', N'Hold', N'Decline')),
    Comment         NVARCHAR(2000)    NULL,
    SubmittedAt     DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt       DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX UX_CommitteeFeedback_MemberCandidacy ON dbo.CommitteeFeedback (MemberId, CandidacyId);
CREATE INDEX IX_CommitteeFeedback_SearchId ON dbo.CommitteeFeedback (SearchId);

CREATE TABLE dbo.CommitteeScores (
    FeedbackId    UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_CommitteeScores_Feedback REFERENCES dbo.CommitteeFeedback (Id),
    CriterionKey  NVARCHAR(64)     NOT NULL,
    Score         INT              NOT NULL CONSTRAINT CK_CommitteeScores_Score CHECK (Score BETWEEN 1 AND 5),
    CONSTRAINT PK_CommitteeScores PRIMARY KEY (FeedbackId, CriterionKey)
);
