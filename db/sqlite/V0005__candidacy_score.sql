-- The readiness score of each candidacy, kept with it so that the pipeline board of a search with
-- a thousand candidacies reads one column instead of scoring a thousand profiles. Recomputed when
-- the candidacy is added, the candidate's profile changes, or the search's specification changes.
ALTER TABLE Candidacies ADD COLUMN Score TEXT NULL;
