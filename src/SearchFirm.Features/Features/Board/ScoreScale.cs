namespace SearchFirm.Features.Board;

/// <summary>
/// What each score means, in the words every member reads beside the buttons, so that a 4 from a
/// trustee and a 4 from a physician mean the same thing.
/// </summary>
public static class ScoreScale
{
    public static readonly IReadOnlyList<(int Score, string Words)> Criterion =
    [
        (1, "Does not meet"), (2, "Partly meets"), (3, "Meets"), (4, "Exceeds"), (5, "Far exceeds"),
    ];

    public static readonly IReadOnlyList<(int Score, string Words)> Overall =
    [
        (1, "Not suitable"), (2, "Weak"), (3, "Acceptable"), (4, "Strong"), (5, "Exceptional"),
    ];

    public static string Words(Recommendation recommendation) => recommendation switch
    {
        Recommendation.Advance => "Advance: take this candidate to the next round",
        Recommendation.Hold => "Hold: undecided for now",
        _ => "Decline: do not pursue",
    };

    public static string Short(Recommendation recommendation) => recommendation switch
    {
        Recommendation.Advance => "Advance",
        Recommendation.Hold => "Hold",
        _ => "Decline",
    };
}
