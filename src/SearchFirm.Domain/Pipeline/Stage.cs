namespace SearchFirm.Domain.Pipeline;

/// <summary>
/// Where a candidacy stands. The first eleven are the active stages in order; the last three
/// are the closed outcomes. The numeric values are not an order:
/// use <see cref="Stages.Order"/>.
/// </summary>
public enum Stage
{
    Identified,
    Contacted,
    Interested,
    FirmInterview,
    Shortlisted,
    PresentedToClient,
    ClientInterview,
    Finalist,
    References,
    Offer,
    Placed,
    Declined,
    Withdrawn,
    NotSelected,
}
