namespace SearchFirm.Domain.Pipeline;

/// <summary>
/// The pipeline's state machine: which moves are allowed and which gates each must pass. The rules:
/// <list type="bullet">
/// <item>A forward move may skip stages (a referral can arrive already interested), but every
/// gate on the way applies as if each stage had been entered: skipping is never a way round a gate.</item>
/// <item>The conflict gate guards Contacted and also PresentedToClient, because the off-limits
/// rule "not presented to a second client at the same time" can only bite there; the caller
/// passes a fresh check. At PresentedToClient only that rule is asked again: a conflict a
/// partner overrode at Contacted does not need a second override. A partner or admin may
/// override either gate with a reason.</item>
/// <item>Consent to be presented has no override: a brief never leaves without it.</item>
/// <item>Reopening a closed outcome re-enters the pipeline, so every gate up to the target stage
/// applies again; time has passed and conflicts or consent may have changed.</item>
/// <item>Placed is final like a closed outcome: it filled the search, so only a partner or admin
/// may move it, with a reason (to correct a mistake).</item>
/// </list>
/// </summary>
public static class PipelineRules
{
    private static readonly Stage[] ConflictGates = [Stage.Contacted, Stage.PresentedToClient];

    public static TransitionDecision Decide(TransitionRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!Enum.IsDefined(r.From) || !Enum.IsDefined(r.To))
        {
            throw new ArgumentOutOfRangeException(nameof(r), "Unknown stage.");
        }

        if (r.From == r.To)
        {
            return TransitionDecision.Refuse(RuleCodes.SameStage, "The candidacy is already at this stage.");
        }

        if (Stages.IsClosed(r.From))
        {
            return Reopen(r);
        }

        if (r.From == Stage.Placed)
        {
            return LeavePlaced(r);
        }

        if (Stages.IsClosed(r.To))
        {
            return Exit(r);
        }

        var from = Stages.Order(r.From);
        if (Stages.Order(r.To) < from)
        {
            return r.HasReason
                ? TransitionDecision.Allow(isBackward: true)
                : TransitionDecision.Refuse(RuleCodes.ReasonRequired, "Moving a candidacy back to an earlier stage needs a reason.");
        }

        return Forward(r, from, isReopen: false);
    }

    private static TransitionDecision Reopen(TransitionRequest r)
    {
        if (Stages.IsClosed(r.To))
        {
            return TransitionDecision.Refuse(RuleCodes.ClosedIsFinal,
                "A closed candidacy cannot change its outcome; a partner can reopen it to an active stage first.");
        }

        if (!r.ActorMayOverride)
        {
            return TransitionDecision.Refuse(RuleCodes.ClosedIsFinal, "A closed candidacy is final; only a partner or an admin can reopen it.");
        }

        if (!r.HasReason)
        {
            return TransitionDecision.Refuse(RuleCodes.ReasonRequired, "Reopening a closed candidacy needs a reason.");
        }

        // -1: a reopened candidacy has passed no gate yet.
        return Forward(r, from: -1, isReopen: true);
    }

    private static TransitionDecision LeavePlaced(TransitionRequest r)
    {
        if (!r.ActorMayOverride)
        {
            return TransitionDecision.Refuse(RuleCodes.PlacedIsFinal, "A placed candidacy is final; only a partner or an admin can move it.");
        }

        if (!r.HasReason)
        {
            return TransitionDecision.Refuse(RuleCodes.ReasonRequired, "Moving a candidacy out of Placed needs a reason.");
        }

        return Stages.IsClosed(r.To) ? Exit(r) : TransitionDecision.Allow(isBackward: true);
    }

    private static TransitionDecision Exit(TransitionRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.ReasonCode) || r.DecidedBy is null)
        {
            return TransitionDecision.Refuse(RuleCodes.ExitReasonRequired,
                "Closing a candidacy needs a reason code and who decided: the firm, the client or the candidate.");
        }

        // The outcome names say who ended it; a mismatch would make the exit statistics lie.
        if (r.To == Stage.Declined && r.DecidedBy != DecidedBy.Candidate)
        {
            return TransitionDecision.Refuse(RuleCodes.DecidedByMismatch,
                "Only the candidate declines; record a firm or client decision as Withdrawn or Not selected.");
        }

        if (r.To == Stage.NotSelected && r.DecidedBy == DecidedBy.Candidate)
        {
            return TransitionDecision.Refuse(RuleCodes.DecidedByMismatch,
                "Not selected is a firm or client decision; a candidate who steps back has declined or withdrawn.");
        }

        return TransitionDecision.Allow();
    }

    private static TransitionDecision Forward(TransitionRequest r, int from, bool isReopen)
    {
        if (r.To == Stage.Placed && r.From != Stage.Offer)
        {
            return TransitionDecision.Refuse(RuleCodes.PlacedOnlyFromOffer, "A candidate can be placed only from the Offer stage.");
        }

        var to = Stages.Order(r.To);
        var overrideUsed = false;
        foreach (var gate in Stages.Active.Where(s => from < Stages.Order(s) && Stages.Order(s) <= to))
        {
            var clean = gate == Stage.PresentedToClient ? r.ClearToPresent ?? r.ConflictCheckClean : r.ConflictCheckClean;
            if (ConflictGates.Contains(gate) && !clean)
            {
                if (!r.Override)
                {
                    return TransitionDecision.Refuse(RuleCodes.ConflictCheck,
                        "The conflict check is not clean; a partner or an admin can override it with a reason.");
                }

                if (!r.ActorMayOverride)
                {
                    return TransitionDecision.Refuse(RuleCodes.OverrideNeedsPartner, "Only a partner or an admin can override a conflict check.");
                }

                if (!r.HasReason)
                {
                    return TransitionDecision.Refuse(RuleCodes.ReasonRequired, "Overriding a conflict check needs a reason.");
                }

                overrideUsed = true;
            }

            if (gate == Stage.PresentedToClient && !r.HasConsentToPresent)
            {
                return TransitionDecision.Refuse(RuleCodes.ConsentRequired,
                    "The candidate has not consented to be presented to this client; consent cannot be overridden.");
            }
        }

        return TransitionDecision.Allow(overrideUsed: overrideUsed, isReopen: isReopen);
    }
}
