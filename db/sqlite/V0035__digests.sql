-- The daily digest of stale candidacies: one row per search lead and day, claimed before the
-- e-mail goes out, so that a second run of the job (a retry, two workers) sends nothing twice.

CREATE TABLE DigestsSent (
    LeadPartnerId TEXT    NOT NULL REFERENCES Users (Id),
    Day           TEXT    NOT NULL,
    Candidacies   INTEGER NOT NULL,
    SentAt        TEXT    NOT NULL,
    PRIMARY KEY (LeadPartnerId, Day)
) WITHOUT ROWID;
