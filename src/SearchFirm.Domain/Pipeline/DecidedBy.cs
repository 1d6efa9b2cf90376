namespace SearchFirm.Domain.Pipeline;

/// <summary>Who ended a candidacy: every exit records it.</summary>
public enum DecidedBy
{
    Firm,
    Client,
    Candidate,
}
