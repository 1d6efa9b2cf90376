namespace SearchFirm.Domain.Pipeline;

/// <summary>Who ended a candidacy: every exit records it (PRODUCT.md "Pipeline").</summary>
public enum DecidedBy
{
    Firm,
    Client,
    Candidate,
}
