-- Relationships name their two people by number instead of by GUID (issue 5): a key of two INTs
-- and a kind instead of two UNIQUEIDENTIFIERs and a kind, in the clustered index and again in
-- IX_Relationships_To, and ever-increasing person numbers instead of random GUIDs (fewer page
-- splits as the network grows). People keep their GUID primary key; every query goes from Id to
-- Number through UQ_People_Number or PK_People. Symmetric kinds are stored once with the lower
-- number first (they were: the lower GUID in SQL Server's order). SQLite's V0060 does the same.
ALTER TABLE dbo.People ADD Number INT IDENTITY(1, 1) NOT NULL CONSTRAINT UQ_People_Number UNIQUE;
ALTER TABLE dbo.Relationships ADD FromPersonNumber INT NULL, ToPersonNumber INT NULL;
GO
UPDATE r
SET FromPersonNumber = CASE WHEN r.Kind IN (N'WorkedWith', N'BoardTogether', N'Knows') AND t.Number < f.Number THEN t.Number ELSE f.Number END,
    ToPersonNumber   = CASE WHEN r.Kind IN (N'WorkedWith', N'BoardTogether', N'Knows') AND t.Number < f.Number THEN f.Number ELSE t.Number END
FROM dbo.Relationships r
JOIN dbo.People f ON f.Id = r.FromPersonId
JOIN dbo.People t ON t.Id = r.ToPersonId;

DROP INDEX IX_Relationships_To ON dbo.Relationships;
ALTER TABLE dbo.Relationships DROP CONSTRAINT PK_Relationships, CK_Relationships_NotSelf, CK_Relationships_Canonical, FK_Relationships_From, FK_Relationships_To;
ALTER TABLE dbo.Relationships DROP COLUMN FromPersonId, COLUMN ToPersonId;
ALTER TABLE dbo.Relationships ALTER COLUMN FromPersonNumber INT NOT NULL;
ALTER TABLE dbo.Relationships ALTER COLUMN ToPersonNumber INT NOT NULL;
GO
ALTER TABLE dbo.Relationships ADD
    CONSTRAINT PK_Relationships PRIMARY KEY CLUSTERED (FromPersonNumber, ToPersonNumber, Kind),
    CONSTRAINT FK_Relationships_From FOREIGN KEY (FromPersonNumber) REFERENCES dbo.People (Number),
    CONSTRAINT FK_Relationships_To FOREIGN KEY (ToPersonNumber) REFERENCES dbo.People (Number),
    CONSTRAINT CK_Relationships_NotSelf CHECK (FromPersonNumber <> ToPersonNumber),
    CONSTRAINT CK_Relationships_Canonical CHECK (Kind NOT IN (N'WorkedWith', N'BoardTogether', N'Knows') OR FromPersonNumber < ToPersonNumber);
CREATE INDEX IX_Relationships_To ON dbo.Relationships (ToPersonNumber, FromPersonNumber, Kind) INCLUDE (Strength);
