-- SQLite's V0055 rewrites Relationships' CHECK constraints (IN lists as comparisons) because SQLite
-- builds a temporary index of an IN list each time a single-row INSERT runs. SQL Server compiles an
-- IN list of constants into plain comparisons once per plan, so its constraints stay as V0010 wrote
-- them. This file keeps the two dialects' migration versions in step.
SET NOCOUNT ON;
