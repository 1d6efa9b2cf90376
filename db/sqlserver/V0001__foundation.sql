-- Foundation: staff, sign-in tokens, clients, searches and their teams and specifications.
-- The database's default collation is expected to be case-insensitive (e.g. SQL_Latin1_General_CP1_CI_AS),
-- which is what makes e-mails, names and code names compare case-insensitively here.

CREATE TABLE dbo.Users (
    Id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Users PRIMARY KEY,
    Email         NVARCHAR(320)    NOT NULL,
    DisplayName   NVARCHAR(200)    NOT NULL,
    Role          NVARCHAR(20)     NOT NULL CONSTRAINT CK_Users_Role CHECK (Role IN (N'Admin', N'Partner', N'Recruiter')),
    PasswordHash  NVARCHAR(400)    NOT NULL,
    IsEnabled     BIT              NOT NULL CONSTRAINT DF_Users_IsEnabled DEFAULT 1,
    CreatedAt     DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX UX_Users_Email ON dbo.Users (Email);

CREATE TABLE dbo.AccessTokens (
    Id          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_AccessTokens PRIMARY KEY,
    UserId      UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_AccessTokens_Users REFERENCES dbo.Users (Id),
    TokenHash   CHAR(64)          NOT NULL,
    CreatedAt   DATETIMEOFFSET(7) NOT NULL,
    ExpiresAt   DATETIMEOFFSET(7) NOT NULL,
    RevokedAt   DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_AccessTokens_TokenHash ON dbo.AccessTokens (TokenHash);
CREATE INDEX IX_AccessTokens_UserId ON dbo.AccessTokens (UserId);

CREATE TABLE dbo.Clients (
    Id              UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Clients PRIMARY KEY,
    Name            NVARCHAR(200)     NOT NULL,
    Kind            NVARCHAR(30)      NOT NULL CONSTRAINT CK_Clients_Kind CHECK (Kind IN (N'HospitalOrHealthSystem', N'Payer', N'PharmaOrBiotech', N'Other')),
    ParentClientId  UNIQUEIDENTIFIER  NULL CONSTRAINT FK_Clients_Parent REFERENCES dbo.Clients (Id),
    CreatedAt       DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX UX_Clients_Name ON dbo.Clients (Name);
CREATE INDEX IX_Clients_ParentClientId ON dbo.Clients (ParentClientId);

CREATE TABLE dbo.Searches (
    Id             UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_Searches PRIMARY KEY,
    ClientId       UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Searches_Clients REFERENCES dbo.Clients (Id),
    Title          NVARCHAR(200)     NOT NULL,
    CodeName       NVARCHAR(100)     NOT NULL,
    Status         NVARCHAR(20)      NOT NULL CONSTRAINT CK_Searches_Status CHECK (Status IN (N'Draft', N'Open', N'OnHold', N'Filled', N'Cancelled')),
    LeadPartnerId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_Searches_Users REFERENCES dbo.Users (Id),
    Version        INT               NOT NULL,
    CreatedAt      DATETIMEOFFSET(7) NOT NULL,
    UpdatedAt      DATETIMEOFFSET(7) NOT NULL,
    ClosedAt       DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX UX_Searches_CodeName ON dbo.Searches (CodeName);
CREATE INDEX IX_Searches_ClientId ON dbo.Searches (ClientId);

CREATE TABLE dbo.SearchTeamMembers (
    SearchId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_SearchTeamMembers_Searches REFERENCES dbo.Searches (Id),
    UserId    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_SearchTeamMembers_Users REFERENCES dbo.Users (Id),
    AddedAt   DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_SearchTeamMembers PRIMARY KEY (SearchId, UserId)
);
CREATE INDEX IX_SearchTeamMembers_UserId ON dbo.SearchTeamMembers (UserId);

CREATE TABLE dbo.SearchCriteria (
    SearchId      UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_SearchCriteria_Searches REFERENCES dbo.Searches (Id),
    Position      INT              NOT NULL,
    CriterionKey  NVARCHAR(64)     NOT NULL,
    Label         NVARCHAR(200)    NOT NULL,
    Weight        INT              NOT NULL,
    Required      BIT              NOT NULL,
    CONSTRAINT PK_SearchCriteria PRIMARY KEY (SearchId, Position)
);
CREATE UNIQUE INDEX UX_SearchCriteria_Key ON dbo.SearchCriteria (SearchId, CriterionKey);
