-- The committee as a decision tool (PRODUCT.md, "The committee"): how results show to members
-- once they have scored, a decision deadline, voting and advisory members, and conflicts of
-- interest declared per candidate (a member who declared one does not score that candidate).

ALTER TABLE Searches ADD COLUMN CommitteeResultsDisplay TEXT NOT NULL DEFAULT 'PerMemberWithMean'
    CHECK (CommitteeResultsDisplay IN ('PerMemberWithMean', 'TotalsOnly', 'UnrankedFinalists'));
ALTER TABLE Searches ADD COLUMN DecisionDeadline TEXT NULL;

ALTER TABLE CommitteeMembers ADD COLUMN Role TEXT NOT NULL DEFAULT 'Voting' CHECK (Role IN ('Voting', 'Advisory'));

CREATE TABLE CommitteeConflicts (
    Id           TEXT NOT NULL PRIMARY KEY,
    MemberId     TEXT NOT NULL REFERENCES CommitteeMembers (Id),
    CandidacyId  TEXT NOT NULL REFERENCES Candidacies (Id),
    SearchId     TEXT NOT NULL REFERENCES Searches (Id),
    Description  TEXT NOT NULL,
    DeclaredAt   TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_CommitteeConflicts_MemberCandidacy ON CommitteeConflicts (MemberId, CandidacyId);
CREATE INDEX IX_CommitteeConflicts_SearchId ON CommitteeConflicts (SearchId);
