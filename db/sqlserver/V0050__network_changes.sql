-- The log of changes to the referral network (issue 5). Each API instance holds the graph in
-- memory for warm paths; it loads it once and then reads this log from its high-water mark (Seq)
-- to stay current. A row names the two people whose ties changed: the instance re-reads their ties.
-- A row naming neither is a bulk change (an import batch): instances reload the whole graph.
-- Written in the same transaction as the change itself, so a committed change is always logged.
-- IDENTITY values are taken at insert and committed later, so a reader can see 12 before 11:
-- the reader re-reads below its mark for a while (NetworkChangeLog) instead of trusting it.
CREATE TABLE dbo.NetworkChanges (
    Seq           BIGINT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_NetworkChanges PRIMARY KEY,
    FromPersonId  UNIQUEIDENTIFIER  NULL,
    ToPersonId    UNIQUEIDENTIFIER  NULL,
    ChangedAt     DATETIMEOFFSET(7) NOT NULL
);

-- The people flagged off-limits by hand, read whole by each instance's in-memory warm-path search
-- (with the current staff of protected clients) instead of scanning a million people.
CREATE INDEX IX_People_OffLimits ON dbo.People (Id) WHERE IsOffLimits = 1;
