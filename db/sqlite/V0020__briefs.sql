-- Board-ready briefs and the committee's review (issue 4).
-- A brief is one rendered PDF about one candidacy, or a shortlist book for a search. The data it
-- renders is kept with it (ModelJson) so that the PDF matches the hash it was deduplicated by.

-- Whether documents may name the client (otherwise the code name stands in), and whom briefs are
-- prepared for ("the Board Search Committee").
ALTER TABLE Searches ADD COLUMN ClientDisclosed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE Searches ADD COLUMN CommitteeName TEXT NULL;

-- What the team writes for a candidacy's brief: the recruiter's summary, areas to probe, references.
CREATE TABLE BriefNotes (
    CandidacyId        TEXT    NOT NULL PRIMARY KEY REFERENCES Candidacies (Id),
    Summary            TEXT    NULL,
    AreasToProbeJson   TEXT    NOT NULL,
    ReferencesSummary  TEXT    NULL,
    Version            INTEGER NOT NULL,
    UpdatedBy          TEXT    NOT NULL REFERENCES Users (Id),
    UpdatedAt          TEXT    NOT NULL
);

CREATE TABLE Briefs (
    Id               TEXT    NOT NULL PRIMARY KEY,
    SearchId         TEXT    NOT NULL REFERENCES Searches (Id),
    CandidacyId      TEXT    NULL REFERENCES Candidacies (Id),
    Kind             TEXT    NOT NULL CHECK (Kind IN ('Candidate', 'ShortlistBook')),
    Audience         TEXT    NOT NULL CHECK (Audience IN ('Committee', 'Internal')),
    InputHash        TEXT    NOT NULL,
    TemplateVersion  TEXT    NOT NULL,
    ModelJson        TEXT    NOT NULL,
    Status           TEXT    NOT NULL CHECK (Status IN ('Requested', 'Rendering', 'Ready', 'Failed')),
    Attempts         INTEGER NOT NULL,
    Error            TEXT    NULL,
    LeaseOwner       TEXT    NULL,
    LeaseUntil       TEXT    NULL,
    StorageKey       TEXT    NULL,
    Sha256           TEXT    NULL,
    SizeBytes        INTEGER NULL,
    PageCount        INTEGER NULL,
    RequestedBy      TEXT    NOT NULL REFERENCES Users (Id),
    RequestedAt      TEXT    NOT NULL,
    UpdatedAt        TEXT    NOT NULL,
    ReadyAt          TEXT    NULL
);
-- Same inputs, same brief: the hash covers the data rendered and the template version.
CREATE UNIQUE INDEX UX_Briefs_InputHash ON Briefs (SearchId, InputHash);
CREATE INDEX IX_Briefs_Status ON Briefs (Status, UpdatedAt);
CREATE INDEX IX_Briefs_CandidacyId ON Briefs (CandidacyId);

-- The client's board members invited to review a search's shortlist.
CREATE TABLE CommitteeMembers (
    Id            TEXT NOT NULL PRIMARY KEY,
    SearchId      TEXT NOT NULL REFERENCES Searches (Id),
    Email         TEXT NOT NULL COLLATE NOCASE,
    Name          TEXT NOT NULL,
    InvitedBy     TEXT NOT NULL REFERENCES Users (Id),
    InvitedAt     TEXT NOT NULL,
    LastSignInAt  TEXT NULL
);
CREATE UNIQUE INDEX UX_CommitteeMembers_Email ON CommitteeMembers (SearchId, Email COLLATE NOCASE);

-- One-time sign-in links (hashed), and the sessions they open: scoped to one search.
CREATE TABLE BoardSignInLinks (
    Id         TEXT NOT NULL PRIMARY KEY,
    MemberId   TEXT NOT NULL REFERENCES CommitteeMembers (Id),
    TokenHash  TEXT NOT NULL,
    CreatedAt  TEXT NOT NULL,
    ExpiresAt  TEXT NOT NULL,
    UsedAt     TEXT NULL,
    RevokedAt  TEXT NULL
);
CREATE UNIQUE INDEX UX_BoardSignInLinks_TokenHash ON BoardSignInLinks (TokenHash);
CREATE INDEX IX_BoardSignInLinks_MemberId ON BoardSignInLinks (MemberId);

CREATE TABLE BoardSessions (
    Id         TEXT NOT NULL PRIMARY KEY,
    MemberId   TEXT NOT NULL REFERENCES CommitteeMembers (Id),
    SearchId   TEXT NOT NULL REFERENCES Searches (Id),
    TokenHash  TEXT NOT NULL,
    CreatedAt  TEXT NOT NULL,
    ExpiresAt  TEXT NOT NULL,
    RevokedAt  TEXT NULL
);
CREATE UNIQUE INDEX UX_BoardSessions_TokenHash ON BoardSessions (TokenHash);

-- A member's scores of a presented candidate: one row per member and candidacy, one score per criterion.
CREATE TABLE CommitteeFeedback (
    Id              TEXT    NOT NULL PRIMARY KEY,
    MemberId        TEXT    NOT NULL REFERENCES CommitteeMembers (Id),
    CandidacyId     TEXT    NOT NULL REFERENCES Candidacies (Id),
    SearchId        TEXT    NOT NULL REFERENCES Searches (Id),
    Rating          INTEGER NOT NULL CHECK (Rating BETWEEN 1 AND 5),
    Recommendation  TEXT    NOT NULL CHECK (Recommendation IN ('Advance', 'Hold', 'Decline')),
    Comment         TEXT    NULL,
    SubmittedAt     TEXT    NOT NULL,
    UpdatedAt       TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_CommitteeFeedback_MemberCandidacy ON CommitteeFeedback (MemberId, CandidacyId);
CREATE INDEX IX_CommitteeFeedback_SearchId ON CommitteeFeedback (SearchId);

CREATE TABLE CommitteeScores (
    FeedbackId    TEXT    NOT NULL REFERENCES CommitteeFeedback (Id),
    CriterionKey  TEXT    NOT NULL,
    Score         INTEGER NOT NULL CHECK (Score BETWEEN 1 AND 5),
    PRIMARY KEY (FeedbackId, CriterionKey)
);
