-- SQLite's twin (V0070) makes erasure erase in its full-text index and free space. SQL Server
-- removes a deleted row from its full-text index when the index is populated and reuses ghost
-- records' space; nothing to change here. The file exists so both dialects keep one version list.
SELECT 1 AS NothingToMigrate;
