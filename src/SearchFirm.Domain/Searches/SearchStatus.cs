namespace SearchFirm.Domain.Searches;

public enum SearchStatus
{
    Draft,
    Open,
    OnHold,
    Filled,
    Cancelled,
}

public static class SearchStatusRules
{
    /// <summary>
    /// The moves a lead partner may make by hand. Filled is reached only by placing a candidate,
    /// and Filled and Cancelled searches are closed for good.
    /// </summary>
    public static bool CanMoveByHand(SearchStatus from, SearchStatus to) => (from, to) switch
    {
        (SearchStatus.Draft, SearchStatus.Open) => true,
        (SearchStatus.Draft, SearchStatus.Cancelled) => true,
        (SearchStatus.Open, SearchStatus.OnHold) => true,
        (SearchStatus.Open, SearchStatus.Cancelled) => true,
        (SearchStatus.OnHold, SearchStatus.Open) => true,
        (SearchStatus.OnHold, SearchStatus.Cancelled) => true,
        _ => false,
    };

    public static bool IsClosed(SearchStatus status) => status is SearchStatus.Filled or SearchStatus.Cancelled;
}
