namespace SearchFirm.Domain.Pipeline;

public static class Stages
{
    /// <summary>The active stages in pipeline order; Placed is the last active stage.</summary>
    public static IReadOnlyList<Stage> Active { get; } =
    [
        Stage.Identified,
        Stage.Contacted,
        Stage.Interested,
        Stage.FirmInterview,
        Stage.Shortlisted,
        Stage.PresentedToClient,
        Stage.ClientInterview,
        Stage.Finalist,
        Stage.References,
        Stage.Offer,
        Stage.Placed,
    ];

    /// <summary>The closed outcomes: every exit from the pipeline ends in one of these.</summary>
    public static IReadOnlyList<Stage> Closed { get; } = [Stage.Declined, Stage.Withdrawn, Stage.NotSelected];

    /// <summary>Every stage, active ones in order then closed ones: the column order of a pipeline board.</summary>
    public static IReadOnlyList<Stage> All { get; } = [.. Active, .. Closed];

    /// <summary>The stages that mean the candidate has been presented to the client: PresentedToClient and every active stage after it.</summary>
    public static IReadOnlyList<Stage> Presented { get; } = [.. Active.SkipWhile(s => s != Stage.PresentedToClient)];

    /// <summary>Shortlisted and every active stage after it: the team's own shortlist.</summary>
    public static IReadOnlyList<Stage> ShortlistedOrLater { get; } = [.. Active.SkipWhile(s => s != Stage.Shortlisted)];

    /// <summary>Finalist and every active stage after it: the client's own finalists.</summary>
    public static IReadOnlyList<Stage> FinalistOrLater { get; } = [.. Active.SkipWhile(s => s != Stage.Finalist)];

    public static bool IsActive(Stage stage) => Active.Contains(stage);

    /// <summary>Whether reaching this stage presents the candidate (a forward move may skip PresentedToClient itself).</summary>
    public static bool IsPresented(Stage stage) => Presented.Contains(stage);

    public static bool IsClosed(Stage stage) => Closed.Contains(stage);

    /// <summary>
    /// Placed is active (it is the end of the pipeline, not an exit) but, like a closed outcome,
    /// only a partner or admin may move a candidacy out of it: it has filled the search.
    /// </summary>
    public static bool IsFinal(Stage stage) => stage == Stage.Placed || IsClosed(stage);

    /// <summary>Position among the active stages, from 0 (Identified) to 10 (Placed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a closed outcome, which has no place in the order.</exception>
    public static int Order(Stage stage)
    {
        for (var i = 0; i < Active.Count; i++)
        {
            if (Active[i] == stage)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, "Only active stages have an order.");
    }
}
