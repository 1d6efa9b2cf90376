-- The committee as a decision tool (PRODUCT.md, "The committee"): how results show to members
-- once they have scored, a decision deadline, voting and advisory members, and conflicts of
-- interest declared per candidate (a member who declared one does not score that candidate).

ALTER TABLE dbo.Searches ADD CommitteeResultsDisplay NVARCHAR(20) NOT NULL
    CONSTRAINT DF_Searches_CommitteeResultsDisplay DEFAULT N'PerMemberWithMean'
    CONSTRAINT CK_Searches_CommitteeResultsDisplay CHECK (CommitteeResultsDisplay IN (N'PerMemberWithMean', N'TotalsOnly', N'UnrankedFinalists'));
ALTER TABLE dbo.Searches ADD DecisionDeadline DATETIMEOFFSET(7) NULL;

ALTER TABLE dbo.CommitteeMembers ADD Role NVARCHAR(20) NOT NULL
    CONSTRAINT DF_CommitteeMembers_Role DEFAULT N'Voting'
    CONSTRAINT CK_CommitteeMembers_Role CHECK (Role IN (N'Voting', N'Advisory'));

CREATE TABLE dbo.CommitteeConflicts (
    Id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT PK_CommitteeConflicts PRIMARY KEY,
    MemberId     UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeConflicts_Members REFERENCES dbo.CommitteeMembers (Id),
    CandidacyId  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeConflicts_Candidacies REFERENCES dbo.Candidacies (Id),
    SearchId     UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_CommitteeConflicts_Searches REFERENCES dbo.Searches (Id),
    Description  NVARCHAR(2000)    NOT NULL,
    DeclaredAt   DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX UX_CommitteeConflicts_MemberCandidacy ON dbo.CommitteeConflicts (MemberId, CandidacyId);
CREATE INDEX IX_CommitteeConflicts_SearchId ON dbo.CommitteeConflicts (SearchId);
