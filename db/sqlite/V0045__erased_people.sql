-- A candidate's person in the referral network is erased with them (forget me): the row stays,
-- blank, so that referrals they made keep their referrer, and every read of people skips it.
ALTER TABLE People ADD COLUMN ErasedAt TEXT NULL;

-- People of candidates erased before this column existed.
UPDATE People SET ErasedAt = (SELECT c.ErasedAt FROM Candidates c WHERE c.Id = People.CandidateId)
WHERE CandidateId IS NOT NULL
  AND EXISTS (SELECT 1 FROM Candidates c WHERE c.Id = People.CandidateId AND c.ErasedAt IS NOT NULL);
