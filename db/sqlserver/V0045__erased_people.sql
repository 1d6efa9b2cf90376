-- A candidate's person in the referral network is erased with them (forget me): the row stays,
-- blank, so that referrals they made keep their referrer, and every read of people skips it.
ALTER TABLE dbo.People ADD ErasedAt DATETIMEOFFSET(7) NULL;
GO
-- People of candidates erased before this column existed (a new batch: the column must exist to compile).
UPDATE p SET ErasedAt = c.ErasedAt
FROM dbo.People p JOIN dbo.Candidates c ON c.Id = p.CandidateId
WHERE c.ErasedAt IS NOT NULL;
