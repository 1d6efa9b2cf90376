namespace SearchFirm.Domain.Candidates;

/// <summary>
/// What a candidate agreed to: the firm may process their data (Processing), or present them to
/// one search's client (PresentToClient, which names the search).
/// </summary>
public enum ConsentKind
{
    Processing,
    PresentToClient,
}
