namespace SearchFirm.Domain.Pipeline;

/// <summary>
/// The verdict on one move. A refusal names its rule with a stable <see cref="RuleCode"/> (the
/// API's 422 <c>code</c>) and a plain-English message that carries no personal data, so it can be
/// shown and logged as is.
/// </summary>
/// <param name="IsBackward">The move goes back to an earlier active stage.</param>
/// <param name="OverrideUsed">A partner's override let the move past a conflict; the caller must log it with the reason.</param>
public sealed record TransitionDecision(bool Allowed, string? RuleCode, string? Message, bool IsBackward, bool OverrideUsed)
{
    /// <summary>A closed outcome was reopened by a partner or admin; the caller should log it like an override.</summary>
    public bool IsReopen { get; init; }

    public static TransitionDecision Allow(bool isBackward = false, bool overrideUsed = false, bool isReopen = false) =>
        new(true, null, null, isBackward, overrideUsed) { IsReopen = isReopen };

    public static TransitionDecision Refuse(string code, string message) => new(false, code, message, false, false);
}
