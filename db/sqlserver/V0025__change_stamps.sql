-- Change stamps: a counter per family of tables, bumped by triggers on every change, so that a
-- process can keep a copy of small, often-read, rarely-changed data (the firm's clients, live
-- searches and off-limits rules, which every conflict check reads) and know with one point read
-- whether its copy is still current, whichever API instance or worker changed the data.

CREATE TABLE dbo.ChangeStamps (
    Name    NVARCHAR(100) NOT NULL CONSTRAINT PK_ChangeStamps PRIMARY KEY,
    Version BIGINT        NOT NULL
);

INSERT INTO dbo.ChangeStamps (Name, Version) VALUES (N'OffLimitsFacts', 0);
GO

CREATE TRIGGER dbo.TR_Clients_Stamp ON dbo.Clients AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE dbo.ChangeStamps SET Version = Version + 1 WHERE Name = N'OffLimitsFacts';
END;
GO

CREATE TRIGGER dbo.TR_Searches_Stamp ON dbo.Searches AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE dbo.ChangeStamps SET Version = Version + 1 WHERE Name = N'OffLimitsFacts';
END;
GO

CREATE TRIGGER dbo.TR_OffLimitsRules_Stamp ON dbo.OffLimitsRules AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE dbo.ChangeStamps SET Version = Version + 1 WHERE Name = N'OffLimitsFacts';
END;
GO
