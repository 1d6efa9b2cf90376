-- The daily digest of stale candidacies: one row per search lead and day, claimed before the
-- e-mail goes out, so that a second run of the job (a retry, two workers) sends nothing twice.

CREATE TABLE dbo.DigestsSent (
    LeadPartnerId UNIQUEIDENTIFIER  NOT NULL CONSTRAINT FK_DigestsSent_Users REFERENCES dbo.Users (Id),
    Day           DATE              NOT NULL,
    Candidacies   INT               NOT NULL,
    SentAt        DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_DigestsSent PRIMARY KEY (LeadPartnerId, Day)
);
