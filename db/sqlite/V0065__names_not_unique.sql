-- Client names and search code names are labels, not identities: hospitals share names across
-- cities ("St Joseph's Hospital"), and a code name refused as taken told the caller that a search
-- they may not see exists. Clients keep an index on the name for listing and lookups.
DROP INDEX UX_Clients_Name;
CREATE INDEX IX_Clients_Name ON Clients (Name COLLATE NOCASE);
DROP INDEX UX_Searches_CodeName;
