-- Change stamps: a counter per family of tables, bumped by triggers on every change, so that a
-- process can keep a copy of small, often-read, rarely-changed data (the firm's clients, live
-- searches and off-limits rules, which every conflict check reads) and know with one point read
-- whether its copy is still current, whichever process or instance changed the data.

CREATE TABLE ChangeStamps (
    Name    TEXT    NOT NULL PRIMARY KEY,
    Version INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO ChangeStamps (Name, Version) VALUES ('OffLimitsFacts', 0);

CREATE TRIGGER TR_Clients_StampInsert AFTER INSERT ON Clients
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
CREATE TRIGGER TR_Clients_StampUpdate AFTER UPDATE ON Clients
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
CREATE TRIGGER TR_Clients_StampDelete AFTER DELETE ON Clients
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;

CREATE TRIGGER TR_Searches_StampInsert AFTER INSERT ON Searches
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
CREATE TRIGGER TR_Searches_StampUpdate AFTER UPDATE ON Searches
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
CREATE TRIGGER TR_Searches_StampDelete AFTER DELETE ON Searches
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;

CREATE TRIGGER TR_OffLimitsRules_StampInsert AFTER INSERT ON OffLimitsRules
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
CREATE TRIGGER TR_OffLimitsRules_StampUpdate AFTER UPDATE ON OffLimitsRules
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
CREATE TRIGGER TR_OffLimitsRules_StampDelete AFTER DELETE ON OffLimitsRules
BEGIN UPDATE ChangeStamps SET Version = Version + 1 WHERE Name = 'OffLimitsFacts'; END;
