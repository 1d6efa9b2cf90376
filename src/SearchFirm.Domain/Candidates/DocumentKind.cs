namespace SearchFirm.Domain.Candidates;

/// <summary>What a candidate's document is (the kind of POST /api/candidates/{id}/documents).</summary>
public enum DocumentKind
{
    Cv,
    CoverLetter,
    References,
    Credential,
    Other,
}
