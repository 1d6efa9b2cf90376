using SearchFirm.Domain.Pipeline;

namespace SearchFirm.Domain.Tests.Pipeline;

public sealed class PipelineRulesTests
{
    // A recruiter's move with every gate satisfied; each test spoils one thing.
    private static TransitionRequest Move(Stage from, Stage to) =>
        new(from, to, Reason: null, ReasonCode: null, DecidedBy: null, ActorIsPartner: false, ActorIsAdmin: false,
            Override: false, ConflictCheckClean: true, HasConsentToPresent: true);

    private static void AssertRefused(TransitionDecision decision, string code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.False);
            Assert.That(decision.RuleCode, Is.EqualTo(code));
            Assert.That(decision.Message, Is.Not.Empty);
        });
    }

    [Test]
    public void Moving_forward_one_stage_is_allowed()
    {
        var decision = PipelineRules.Decide(Move(Stage.Interested, Stage.FirmInterview));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.RuleCode, Is.Null);
            Assert.That(decision.IsBackward, Is.False);
            Assert.That(decision.OverrideUsed, Is.False);
            Assert.That(decision.IsReopen, Is.False);
        });
    }

    [Test]
    public void Moving_forward_several_stages_is_allowed_when_every_gate_on_the_way_is_satisfied()
    {
        Assert.That(PipelineRules.Decide(Move(Stage.Identified, Stage.ClientInterview)).Allowed, Is.True);
    }

    [Test]
    public void Moving_to_the_same_stage_is_refused()
    {
        AssertRefused(PipelineRules.Decide(Move(Stage.Shortlisted, Stage.Shortlisted)), RuleCodes.SameStage);
    }

    [Test]
    public void Contacting_without_a_clean_conflict_check_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with { ConflictCheckClean = false });

        AssertRefused(decision, RuleCodes.ConflictCheck);
    }

    [Test]
    public void Skipping_past_contacted_does_not_skip_the_conflict_check()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.FirmInterview) with { ConflictCheckClean = false });

        AssertRefused(decision, RuleCodes.ConflictCheck);
    }

    [Test]
    public void A_partner_may_override_a_conflict_with_a_reason_and_the_override_is_reported()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with
        {
            ConflictCheckClean = false, Override = true, ActorIsPartner = true, Reason = "Client waived protection in writing",
        });

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.OverrideUsed, Is.True);
        });
    }

    [Test]
    public void An_admin_may_override_a_conflict_with_a_reason()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with
        {
            ConflictCheckClean = false, Override = true, ActorIsAdmin = true, Reason = "Protection period ended last week",
        });

        Assert.That(decision.OverrideUsed, Is.True);
    }

    [Test]
    public void A_recruiter_cannot_override_a_conflict()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with
        {
            ConflictCheckClean = false, Override = true, Reason = "I think it is fine",
        });

        AssertRefused(decision, RuleCodes.OverrideNeedsPartner);
    }

    [Test]
    public void A_partners_override_without_a_reason_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with
        {
            ConflictCheckClean = false, Override = true, ActorIsPartner = true, Reason = "   ",
        });

        AssertRefused(decision, RuleCodes.ReasonRequired);
    }

    [Test]
    public void An_override_asked_for_on_a_clean_check_is_not_reported_as_used()
    {
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with { Override = true });

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.OverrideUsed, Is.False);
        });
    }

    [Test]
    public void Moves_that_pass_no_conflict_gate_do_not_need_a_clean_check()
    {
        var decision = PipelineRules.Decide(Move(Stage.Interested, Stage.Shortlisted) with { ConflictCheckClean = false });

        Assert.That(decision.Allowed, Is.True);
    }

    [Test]
    public void Presenting_with_a_conflict_is_refused_because_the_candidate_may_be_presented_elsewhere()
    {
        var decision = PipelineRules.Decide(Move(Stage.Shortlisted, Stage.PresentedToClient) with { ConflictCheckClean = false });

        AssertRefused(decision, RuleCodes.ConflictCheck);
    }

    [Test]
    public void Presenting_asks_again_only_whether_the_candidate_is_presented_elsewhere()
    {
        // A client-employee conflict a partner overrode at Contacted: no second override to present.
        var overridden = PipelineRules.Decide(Move(Stage.Shortlisted, Stage.PresentedToClient) with { ConflictCheckClean = false, ClearToPresent = true });
        var elsewhere = PipelineRules.Decide(Move(Stage.Shortlisted, Stage.PresentedToClient) with { ConflictCheckClean = false, ClearToPresent = false });
        var skippingContacted = PipelineRules.Decide(Move(Stage.Identified, Stage.PresentedToClient) with { ConflictCheckClean = false, ClearToPresent = true });

        Assert.That(overridden.Allowed, Is.True);
        AssertRefused(elsewhere, RuleCodes.ConflictCheck);
        AssertRefused(skippingContacted, RuleCodes.ConflictCheck);
    }

    [Test]
    public void Presenting_without_consent_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Shortlisted, Stage.PresentedToClient) with { HasConsentToPresent = false });

        AssertRefused(decision, RuleCodes.ConsentRequired);
    }

    [Test]
    public void Jumping_past_presentation_without_consent_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.FirmInterview, Stage.Finalist) with { HasConsentToPresent = false });

        AssertRefused(decision, RuleCodes.ConsentRequired);
    }

    [Test]
    public void A_partners_override_does_not_replace_consent()
    {
        var decision = PipelineRules.Decide(Move(Stage.Shortlisted, Stage.PresentedToClient) with
        {
            HasConsentToPresent = false, Override = true, ActorIsPartner = true, Reason = "Client is in a hurry",
        });

        AssertRefused(decision, RuleCodes.ConsentRequired);
    }

    [Test]
    public void Moves_after_presentation_do_not_ask_for_consent_again()
    {
        var decision = PipelineRules.Decide(Move(Stage.ClientInterview, Stage.Finalist) with { HasConsentToPresent = false });

        Assert.That(decision.Allowed, Is.True);
    }

    [Test]
    public void Placing_from_the_offer_stage_is_allowed()
    {
        Assert.That(PipelineRules.Decide(Move(Stage.Offer, Stage.Placed)).Allowed, Is.True);
    }

    [TestCase(Stage.References)]
    [TestCase(Stage.Finalist)]
    [TestCase(Stage.Identified)]
    public void Placing_from_any_stage_but_offer_is_refused(Stage from)
    {
        AssertRefused(PipelineRules.Decide(Move(from, Stage.Placed)), RuleCodes.PlacedOnlyFromOffer);
    }

    [Test]
    public void Moving_back_without_a_reason_is_refused()
    {
        AssertRefused(PipelineRules.Decide(Move(Stage.Finalist, Stage.ClientInterview)), RuleCodes.ReasonRequired);
    }

    [Test]
    public void Moving_back_with_a_reason_is_allowed_and_marked_backward()
    {
        var decision = PipelineRules.Decide(Move(Stage.Finalist, Stage.ClientInterview) with { Reason = "Committee asked for a second interview" });

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.IsBackward, Is.True);
        });
    }

    [Test]
    public void Moving_back_does_not_repeat_the_gates_already_passed()
    {
        var decision = PipelineRules.Decide(Move(Stage.ClientInterview, Stage.Contacted) with
        {
            Reason = "Entered too far by mistake", ConflictCheckClean = false, HasConsentToPresent = false,
        });

        Assert.That(decision.Allowed, Is.True);
    }

    [TestCase(Stage.Declined, DecidedBy.Candidate)]
    [TestCase(Stage.Withdrawn, DecidedBy.Candidate)]
    [TestCase(Stage.Withdrawn, DecidedBy.Firm)]
    [TestCase(Stage.NotSelected, DecidedBy.Client)]
    [TestCase(Stage.NotSelected, DecidedBy.Firm)]
    public void Closing_with_a_reason_code_and_who_decided_is_allowed(Stage outcome, DecidedBy decidedBy)
    {
        var decision = PipelineRules.Decide(Move(Stage.ClientInterview, outcome) with { ReasonCode = "compensation", DecidedBy = decidedBy });

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.IsBackward, Is.False);
        });
    }

    [Test]
    public void Closing_without_a_reason_code_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Interested, Stage.Withdrawn) with { DecidedBy = DecidedBy.Candidate, Reason = "Family reasons" });

        AssertRefused(decision, RuleCodes.ExitReasonRequired);
    }

    [Test]
    public void Closing_without_who_decided_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Interested, Stage.NotSelected) with { ReasonCode = "experience" });

        AssertRefused(decision, RuleCodes.ExitReasonRequired);
    }

    [TestCase(DecidedBy.Firm)]
    [TestCase(DecidedBy.Client)]
    public void A_decline_decided_by_anyone_but_the_candidate_is_refused(DecidedBy decidedBy)
    {
        var decision = PipelineRules.Decide(Move(Stage.Offer, Stage.Declined) with { ReasonCode = "compensation", DecidedBy = decidedBy });

        AssertRefused(decision, RuleCodes.DecidedByMismatch);
    }

    [Test]
    public void Not_selected_decided_by_the_candidate_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Offer, Stage.NotSelected) with { ReasonCode = "relocation", DecidedBy = DecidedBy.Candidate });

        AssertRefused(decision, RuleCodes.DecidedByMismatch);
    }

    [Test]
    public void A_recruiter_cannot_reopen_a_closed_candidacy()
    {
        var decision = PipelineRules.Decide(Move(Stage.Withdrawn, Stage.Interested) with { Reason = "Candidate changed their mind" });

        AssertRefused(decision, RuleCodes.ClosedIsFinal);
    }

    [Test]
    public void A_partner_reopens_a_closed_candidacy_with_a_reason()
    {
        var decision = PipelineRules.Decide(Move(Stage.Declined, Stage.Interested) with
        {
            ActorIsPartner = true, Reason = "Candidate changed their mind",
        });

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.IsReopen, Is.True);
        });
    }

    [Test]
    public void Reopening_without_a_reason_is_refused()
    {
        AssertRefused(PipelineRules.Decide(Move(Stage.NotSelected, Stage.Interested) with { ActorIsAdmin = true }), RuleCodes.ReasonRequired);
    }

    [Test]
    public void Reopening_applies_the_gates_up_to_the_target_stage_again()
    {
        var decision = PipelineRules.Decide(Move(Stage.Withdrawn, Stage.ClientInterview) with
        {
            ActorIsPartner = true, Reason = "Back in the process", HasConsentToPresent = false,
        });

        AssertRefused(decision, RuleCodes.ConsentRequired);
    }

    [Test]
    public void Reopening_straight_to_placed_is_refused()
    {
        var decision = PipelineRules.Decide(Move(Stage.Declined, Stage.Placed) with { ActorIsPartner = true, Reason = "Accepted after all" });

        AssertRefused(decision, RuleCodes.PlacedOnlyFromOffer);
    }

    [Test]
    public void A_closed_outcome_cannot_be_changed_into_another_closed_outcome()
    {
        var decision = PipelineRules.Decide(Move(Stage.Withdrawn, Stage.Declined) with
        {
            ActorIsPartner = true, Reason = "Recorded wrongly", ReasonCode = "compensation", DecidedBy = DecidedBy.Candidate,
        });

        AssertRefused(decision, RuleCodes.ClosedIsFinal);
    }

    [Test]
    public void A_recruiter_cannot_move_a_placed_candidacy()
    {
        var decision = PipelineRules.Decide(Move(Stage.Placed, Stage.Offer) with { Reason = "Start date moved" });

        AssertRefused(decision, RuleCodes.PlacedIsFinal);
    }

    [Test]
    public void A_partner_moves_a_placed_candidacy_back_with_a_reason()
    {
        var decision = PipelineRules.Decide(Move(Stage.Placed, Stage.Offer) with { ActorIsPartner = true, Reason = "Placed by mistake" });

        Assert.Multiple(() =>
        {
            Assert.That(decision.Allowed, Is.True);
            Assert.That(decision.IsBackward, Is.True);
        });
    }

    [Test]
    public void A_partner_closing_a_placed_candidacy_still_records_the_exit_reason()
    {
        var decision = PipelineRules.Decide(Move(Stage.Placed, Stage.Withdrawn) with { ActorIsPartner = true, Reason = "Offer rescinded" });

        AssertRefused(decision, RuleCodes.ExitReasonRequired);
    }

    [Test]
    public void Refusal_messages_are_plain_words_without_the_request_text()
    {
        const string reason = "Dr Jane Roe at Mercy Hospital";
        var decision = PipelineRules.Decide(Move(Stage.Identified, Stage.Contacted) with
        {
            ConflictCheckClean = false, Override = true, Reason = reason,
        });

        Assert.That(decision.Message, Does.Not.Contain("Jane").And.Not.Contain("Mercy"));
    }

    [Test]
    public void Every_rule_code_is_distinct()
    {
        var codes = typeof(RuleCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.That(codes, Is.Unique);
    }
}
