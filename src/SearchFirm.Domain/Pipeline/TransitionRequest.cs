namespace SearchFirm.Domain.Pipeline;

/// <summary>
/// Everything the pipeline rules need to judge one move, gathered by the caller: the actor's
/// role on the search, a fresh conflict check, and whether the candidate has consented to be
/// presented to this search's client.
/// </summary>
/// <param name="Reason">Free text; required for backward moves, reopening, leaving Placed and conflict overrides.</param>
/// <param name="ReasonCode">The exit reason code; required when moving to a closed outcome.</param>
/// <param name="DecidedBy">Who decided an exit; required when moving to a closed outcome.</param>
/// <param name="Override">The actor asks to proceed despite a conflict; only a partner or admin may.</param>
/// <param name="ClearToPresent">
/// The check found no presentation to another client: what the PresentedToClient gate asks (every
/// other conflict was settled at Contacted, cleanly or by override). Unset: the whole check decides.
/// </param>
public sealed record TransitionRequest(
    Stage From,
    Stage To,
    string? Reason,
    string? ReasonCode,
    DecidedBy? DecidedBy,
    bool ActorIsPartner,
    bool ActorIsAdmin,
    bool Override,
    bool ConflictCheckClean,
    bool HasConsentToPresent,
    bool? ClearToPresent = null)
{
    public bool ActorMayOverride => ActorIsPartner || ActorIsAdmin;

    public bool HasReason => !string.IsNullOrWhiteSpace(Reason);
}
