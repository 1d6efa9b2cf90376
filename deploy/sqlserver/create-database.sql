-- Run once as a sysadmin before the first migration (deploy/README.md). Two logins: the
-- application's, which reads and writes data only, and the migrator's, which owns the schema.
-- Replace the passwords; keep them out of source control.

CREATE DATABASE SearchFirm COLLATE SQL_Latin1_General_CP1_CI_AS;   -- case-insensitive: e-mails, names, code names
GO

-- Readers see the last committed version instead of waiting on writers: the network graph's
-- start-up scan and the pipeline's reads do not block imports and moves, nor the reverse.
ALTER DATABASE SearchFirm SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;
ALTER DATABASE SearchFirm SET ALLOW_SNAPSHOT_ISOLATION ON;
GO

CREATE LOGIN searchfirm_migrator WITH PASSWORD = 'CHANGE-ME-migrator', CHECK_POLICY = ON;
CREATE LOGIN searchfirm_app WITH PASSWORD = 'CHANGE-ME-app', CHECK_POLICY = ON;
GO

USE SearchFirm;
GO

CREATE USER searchfirm_migrator FOR LOGIN searchfirm_migrator;
ALTER ROLE db_owner ADD MEMBER searchfirm_migrator;

-- The application: data, not schema. Hangfire creates its own schema (HangFire) on first start
-- unless it exists, so the first start runs once with the migrator's connection string, or
-- grant the app CREATE TABLE on that schema only.
CREATE USER searchfirm_app FOR LOGIN searchfirm_app;
ALTER ROLE db_datareader ADD MEMBER searchfirm_app;
ALTER ROLE db_datawriter ADD MEMBER searchfirm_app;
GRANT EXECUTE TO searchfirm_app;
GO
