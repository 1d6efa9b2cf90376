-- Foundation: staff, sign-in tokens, clients, searches and their teams and specifications.
-- GUIDs, times (UTC, sortable ISO-8601) and decimals are TEXT; see SearchFirm.Data/TypeHandlers.cs.

CREATE TABLE Users (
    Id            TEXT    NOT NULL PRIMARY KEY,
    Email         TEXT    NOT NULL COLLATE NOCASE,
    DisplayName   TEXT    NOT NULL,
    Role          TEXT    NOT NULL CHECK (Role IN ('Admin', 'Partner', 'Recruiter')),
    PasswordHash  TEXT    NOT NULL,
    IsEnabled     INTEGER NOT NULL DEFAULT 1,
    CreatedAt     TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_Users_Email ON Users (Email COLLATE NOCASE);

CREATE TABLE AccessTokens (
    Id          TEXT NOT NULL PRIMARY KEY,
    UserId      TEXT NOT NULL REFERENCES Users (Id),
    TokenHash   TEXT NOT NULL,
    CreatedAt   TEXT NOT NULL,
    ExpiresAt   TEXT NOT NULL,
    RevokedAt   TEXT NULL
);
CREATE UNIQUE INDEX UX_AccessTokens_TokenHash ON AccessTokens (TokenHash);
CREATE INDEX IX_AccessTokens_UserId ON AccessTokens (UserId);

CREATE TABLE Clients (
    Id              TEXT NOT NULL PRIMARY KEY,
    Name            TEXT NOT NULL COLLATE NOCASE,
    Kind            TEXT NOT NULL CHECK (Kind IN ('HospitalOrHealthSystem', 'Payer', 'PharmaOrBiotech', 'Other')),
    ParentClientId  TEXT NULL REFERENCES Clients (Id),
    CreatedAt       TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_Clients_Name ON Clients (Name COLLATE NOCASE);
CREATE INDEX IX_Clients_ParentClientId ON Clients (ParentClientId);

CREATE TABLE Searches (
    Id             TEXT    NOT NULL PRIMARY KEY,
    ClientId       TEXT    NOT NULL REFERENCES Clients (Id),
    Title          TEXT    NOT NULL,
    CodeName       TEXT    NOT NULL COLLATE NOCASE,
    Status         TEXT    NOT NULL CHECK (Status IN ('Draft', 'Open', 'OnHold', 'Filled', 'Cancelled')),
    LeadPartnerId  TEXT    NOT NULL REFERENCES Users (Id),
    Version        INTEGER NOT NULL,
    CreatedAt      TEXT    NOT NULL,
    UpdatedAt      TEXT    NOT NULL,
    ClosedAt       TEXT    NULL
);
CREATE UNIQUE INDEX UX_Searches_CodeName ON Searches (CodeName COLLATE NOCASE);
CREATE INDEX IX_Searches_ClientId ON Searches (ClientId);

CREATE TABLE SearchTeamMembers (
    SearchId  TEXT NOT NULL REFERENCES Searches (Id),
    UserId    TEXT NOT NULL REFERENCES Users (Id),
    AddedAt   TEXT NOT NULL,
    PRIMARY KEY (SearchId, UserId)
);
CREATE INDEX IX_SearchTeamMembers_UserId ON SearchTeamMembers (UserId);

CREATE TABLE SearchCriteria (
    SearchId  TEXT    NOT NULL REFERENCES Searches (Id),
    Position  INTEGER NOT NULL,
    CriterionKey TEXT NOT NULL,
    Label     TEXT    NOT NULL,
    Weight    INTEGER NOT NULL,
    Required  INTEGER NOT NULL,
    PRIMARY KEY (SearchId, Position)
);
CREATE UNIQUE INDEX UX_SearchCriteria_Key ON SearchCriteria (SearchId, CriterionKey);
