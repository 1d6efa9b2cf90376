namespace SearchFirm.Domain.Network;

/// <summary>How two people know each other in the referral network.</summary>
public enum RelationshipKind
{
    WorkedWith,
    ReportedTo,
    Mentor,
    BoardTogether,
    Knows,
}

public static class RelationshipKinds
{
    /// <summary>
    /// Symmetric kinds read the same both ways (A worked with B = B worked with A) and are stored
    /// once; ReportedTo and Mentor have a direction (From reported to To, From mentored To).
    /// Every kind can carry an introduction either way.
    /// </summary>
    public static bool IsSymmetric(RelationshipKind kind) =>
        kind is RelationshipKind.WorkedWith or RelationshipKind.BoardTogether or RelationshipKind.Knows;

    /// <summary>The relationship in words, in its stored direction: "Ann Lee reported to Bo Chu".</summary>
    public static string Describe(RelationshipKind kind, string from, string to) => kind switch
    {
        RelationshipKind.WorkedWith => $"{from} worked with {to}",
        RelationshipKind.ReportedTo => $"{from} reported to {to}",
        RelationshipKind.Mentor => $"{from} mentored {to}",
        RelationshipKind.BoardTogether => $"{from} served on a board with {to}",
        RelationshipKind.Knows => $"{from} knows {to}",
        _ => $"{from} is connected to {to}",
    };

    public const int MinStrength = 1;
    public const int MaxStrength = 5;
}
