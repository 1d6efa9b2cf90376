using Dapper;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Board;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Committees;

/// <summary>The committee as a decision tool: results display, voting and advisory members, conflicts of interest, the deadline.</summary>
public sealed partial class CommitteeTests
{
    private Task<CommitteeSettings> SettingsAsync(ResultsDisplay display, DateTimeOffset? deadline = null) =>
        SendAs(Partner, new ChangeCommitteeSettings { SearchId = SearchId, ResultsDisplay = display, DecisionDeadline = deadline });

    private async Task SubmitAsync(BoardActor member, Guid candidacy, int score, Recommendation recommendation) =>
        await SendAsBoard(member, new SubmitFeedback { CandidacyId = candidacy, Scores = await AllCriteria(score), Rating = score, Recommendation = recommendation, Comment = $"{member.Name} says {score}." });

    private async Task MakeFinalistAsync(Guid candidacy)
    {
        var state = await SendAs(Recruiter, new TransitionCandidacy { CandidacyId = candidacy, To = Stage.ClientInterview, ExpectedVersion = 3 });
        await SendAs(Recruiter, new TransitionCandidacy { CandidacyId = candidacy, To = Stage.Finalist, ExpectedVersion = state.Version });
    }

    [Test]
    public async Task The_partners_results_display_governs_what_a_member_sees_once_they_have_scored()
    {
        var okafor = await PresentedCandidacyAsync();
        var alvarez = await PresentedCandidacyAsync("Ben", "Alvarez");
        await PresentedCandidacyAsync("Cara", "Zhou");
        await MakeFinalistAsync(okafor);
        await MakeFinalistAsync(alvarez);
        var jane = await SignInAsync();
        var sam = await SignInAsync("sam@mercy.example", "Sam Reed");
        await SubmitAsync(jane, okafor, 5, Recommendation.Advance);

        var before = await SendAsBoard(sam, new GetBoardFeedback(okafor));
        await SubmitAsync(sam, okafor, 3, Recommendation.Hold);
        var perMember = await SendAsBoard(sam, new GetBoardFeedback(okafor));
        await SettingsAsync(ResultsDisplay.TotalsOnly);
        var totals = await SendAsBoard(sam, new GetBoardFeedback(okafor));
        await SettingsAsync(ResultsDisplay.UnrankedFinalists);
        var finalists = await SendAsBoard(sam, new GetBoardFeedback(okafor));

        Assert.Multiple(() =>
        {
            Assert.That((before.ColleaguesHidden, before.Colleagues, before.Totals, before.Finalists), Is.EqualTo((true, (IReadOnlyList<MemberFeedback>?)null, (BoardTotals?)null, (IReadOnlyList<BoardFinalist>?)null)),
                "nothing of colleagues before scoring, whatever the display");
            Assert.That(perMember.ResultsDisplay, Is.EqualTo(ResultsDisplay.PerMemberWithMean), "the default");
            Assert.That(perMember.Colleagues!.Select(c => c.MemberName), Is.EqualTo(new[] { "Jane Doe" }));
            Assert.That(perMember.Totals!.Mean!.Rating, Is.EqualTo(4.0));
            Assert.That((totals.Colleagues, totals.ColleaguesHidden), Is.EqualTo(((IReadOnlyList<MemberFeedback>?)null, true)), "no names, no one's scores");
            Assert.That((totals.Totals!.Responses, totals.Totals.Mean!.Weighted, totals.Totals.Recommendations["Advance"]), Is.EqualTo((2, (double?)80.0, 1)));
            Assert.That((finalists.Colleagues, finalists.Totals), Is.EqualTo(((IReadOnlyList<MemberFeedback>?)null, (BoardTotals?)null)), "no scores at all");
            Assert.That(finalists.Finalists!.Select(f => f.Name), Is.EqualTo(new[] { "Ben Alvarez", "Amara Okafor" }), "finalists only, by name, not by score");
            Assert.That(finalists.Mine!.Rating, Is.EqualTo(3), "a member always sees their own");
        });
    }

    [Test]
    public async Task Only_the_lead_partner_or_an_admin_changes_the_committee_settings_and_a_deadline_must_be_ahead()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(7);

        var changed = await SettingsAsync(ResultsDisplay.TotalsOnly, deadline);

        Assert.That((changed.ResultsDisplay, changed.DecisionDeadline), Is.EqualTo((ResultsDisplay.TotalsOnly, (DateTimeOffset?)deadline)));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(Recruiter, new ChangeCommitteeSettings { SearchId = SearchId, ResultsDisplay = ResultsDisplay.TotalsOnly }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new ChangeCommitteeSettings { SearchId = SearchId, ResultsDisplay = ResultsDisplay.TotalsOnly }));
        var invalid = Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAs(Partner, new ChangeCommitteeSettings
        {
            SearchId = SearchId, ResultsDisplay = (ResultsDisplay)7, DecisionDeadline = DateTimeOffset.UtcNow.AddHours(-1),
        }));
        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Is.SupersetOf(new[] { "resultsDisplay", "decisionDeadline" }).Or.SupersetOf(new[] { "ResultsDisplay", "DecisionDeadline" }));
        var report = await SendAs(Recruiter, new GetCommitteeFeedback(SearchId));
        Assert.That((report.ResultsDisplay, report.DecisionDeadline), Is.EqualTo((ResultsDisplay.TotalsOnly, (DateTimeOffset?)deadline)), "the refused change wrote nothing");
    }

    [Test]
    public async Task The_report_counts_voting_members_for_the_decision_and_shows_advisory_ones_apart()
    {
        var candidacy = await PresentedCandidacyAsync();
        var jane = await SignInAsync();
        var (nurse, _) = await InviteAsync("cno@mercy.example", "Pat Nurse");
        var (advisory, _) = await InviteAsync("cno@mercy.example", "Pat Nurse", CommitteeRole.Advisory);
        var pat = await SignInAsync("cno@mercy.example", "Pat Nurse");
        var sam = await SignInAsync("sam@mercy.example", "Sam Reed");
        await SubmitAsync(jane, candidacy, 5, Recommendation.Advance);
        await SubmitAsync(pat, candidacy, 1, Recommendation.Decline);
        await SubmitAsync(sam, candidacy, 3, Recommendation.Decline);

        var before = await SendAs(Recruiter, new GetCommitteeFeedback(SearchId));
        var changed = await SendAs(Recruiter, new ChangeCommitteeMemberRole { SearchId = SearchId, MemberId = sam.MemberId, Role = CommitteeRole.Advisory });
        var after = (await SendAs(Recruiter, new GetCommitteeFeedback(SearchId))).Candidates.Single();

        var counted = before.Candidates.Single();
        Assert.Multiple(() =>
        {
            Assert.That(nurse.Role, Is.EqualTo(CommitteeRole.Voting), "voting unless said");
            Assert.That(advisory.Role, Is.EqualTo(CommitteeRole.Advisory), "inviting again with a role changes it; without one, keeps it");
            Assert.That(before.Members.Single(m => m.Name == "Pat Nurse").Role, Is.EqualTo(CommitteeRole.Advisory));
            Assert.That((counted.Recommendations["Advance"], counted.Recommendations["Decline"]), Is.EqualTo((1, 1)), "Jane and Sam vote");
            Assert.That(counted.AdvisoryRecommendations["Decline"], Is.EqualTo(1), "Pat advises");
            Assert.That((counted.Mean!.Rating, counted.AdvisoryMean!.Rating), Is.EqualTo((4.0, 1.0)));
            Assert.That(counted.Feedback, Has.Count.EqualTo(3), "every member's feedback is still shown");
            Assert.That(changed.Role, Is.EqualTo(CommitteeRole.Advisory));
            Assert.That((after.Recommendations["Decline"], after.AdvisoryRecommendations["Decline"], after.Mean!.Rating), Is.EqualTo((0, 2, 5.0)));
        });
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new ChangeCommitteeMemberRole { SearchId = SearchId, MemberId = Guid.NewGuid(), Role = CommitteeRole.Voting }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new ChangeCommitteeMemberRole { SearchId = SearchId, MemberId = sam.MemberId, Role = CommitteeRole.Voting }));
        Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAs(Recruiter, new ChangeCommitteeMemberRole { SearchId = SearchId, MemberId = sam.MemberId }));
    }

    [Test]
    public async Task A_member_who_declared_a_conflict_cannot_score_that_candidate_and_the_team_sees_the_declaration()
    {
        var okafor = await PresentedCandidacyAsync();
        var alvarez = await PresentedCandidacyAsync("Ben", "Alvarez");
        var (notPresented, _) = await AddCandidateAsync(Amara("Cara", "Zhou"));
        var jane = await SignInAsync();
        await SubmitAsync(jane, okafor, 4, Recommendation.Advance);

        var declared = await SendAsBoard(jane, new DeclareConflictOfInterest { CandidacyId = okafor, Description = "  I trained with her at Northwestern.  " });
        var refused = Assert.ThrowsAsync<RuleViolationException>(() => SubmitAsync(jane, okafor, 5, Recommendation.Advance));
        await SubmitAsync(jane, alvarez, 3, Recommendation.Hold);
        var shortlist = await SendAsBoard(jane, new GetBoardShortlist(SearchId));
        var report = await SendAs(Recruiter, new GetCommitteeFeedback(SearchId));

        var candidate = report.Candidates.Single(c => c.CandidacyId == okafor);
        Assert.Multiple(() =>
        {
            Assert.That((declared.Description, declared.FeedbackWithdrawn), Is.EqualTo(("I trained with her at Northwestern.", true)));
            Assert.That(refused!.Code, Is.EqualTo("conflict-of-interest-declared"));
            Assert.That(candidate.Feedback, Is.Empty, "the feedback given before the declaration no longer counts");
            Assert.That(candidate.Conflicts.Select(k => (k.MemberName, k.Description)), Is.EqualTo(new[] { ("Jane Doe", "I trained with her at Northwestern.") }));
            Assert.That(shortlist.Candidates.Single(c => c.CandidacyId == okafor).ConflictDeclared, Is.True);
            Assert.That(shortlist.Candidates.Single(c => c.CandidacyId == alvarez).ConflictDeclared, Is.False);
            var member = report.Members.Single();
            Assert.That((member.Responded, member.Recused, member.Pending), Is.EqualTo((1, 1, 0)), "a recused member is not waited for");
        });
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(jane, new DeclareConflictOfInterest { CandidacyId = notPresented, Description = "Cousin." }));
        Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsBoard(jane, new DeclareConflictOfInterest { CandidacyId = alvarez, Description = " " }));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'DeclareConflictOfInterest' AND ActorKind = 'BoardMember'")), Is.EqualTo(1));
    }

    [Test]
    public async Task Feedback_after_the_deadline_is_refused_and_the_team_sees_who_answered_before_it()
    {
        var candidacy = await PresentedCandidacyAsync();
        var jane = await SignInAsync();
        var sam = await SignInAsync("sam@mercy.example", "Sam Reed");
        var deadline = DateTimeOffset.UtcNow.AddDays(3);
        await SettingsAsync(ResultsDisplay.PerMemberWithMean, deadline);
        await SubmitAsync(jane, candidacy, 4, Recommendation.Advance);

        var shortlist = await SendAsBoard(sam, new GetBoardShortlist(SearchId));
        // The deadline passes (as the clock would); Sam has not answered.
        await Db(c => c.ExecuteAsync("UPDATE Searches SET DecisionDeadline = @Past WHERE Id = @SearchId", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), SearchId }));
        var late = Assert.ThrowsAsync<RuleViolationException>(() => SubmitAsync(sam, candidacy, 3, Recommendation.Hold));
        var revised = Assert.ThrowsAsync<RuleViolationException>(() => SubmitAsync(jane, candidacy, 5, Recommendation.Advance));
        var closed = await SendAsBoard(sam, new GetBoardShortlist(SearchId));
        var report = await SendAs(Recruiter, new GetCommitteeFeedback(SearchId));

        Assert.Multiple(() =>
        {
            Assert.That((shortlist.DecisionDeadline, shortlist.DeadlinePassed, shortlist.YourRole), Is.EqualTo(((DateTimeOffset?)deadline, false, CommitteeRole.Voting)));
            Assert.That(closed.DeadlinePassed, Is.True);
            Assert.That(late!.Code, Is.EqualTo("deadline-passed"));
            Assert.That(revised!.Code, Is.EqualTo("deadline-passed"), "no changes after the deadline either");
            Assert.That(report.DeadlinePassed, Is.True);
            var byName = report.Members.ToDictionary(m => m.Name);
            Assert.That(byName["Jane Doe"].RespondedBeforeDeadline, Is.False, "she answered in time, but the deadline was then moved before her answer");
            Assert.That(byName["Sam Reed"].RespondedBeforeDeadline, Is.False);
            Assert.That(byName["Jane Doe"].MeanResponseHours, Is.Not.Null, "how long she took");
        });
    }

    [Test]
    public async Task Answering_every_candidate_by_the_deadline_counts_as_on_time_and_no_deadline_says_nothing()
    {
        var candidacy = await PresentedCandidacyAsync();
        var jane = await SignInAsync();
        await SubmitAsync(jane, candidacy, 4, Recommendation.Advance);
        var without = (await SendAs(Recruiter, new GetCommitteeFeedback(SearchId))).Members.Single();

        await SettingsAsync(ResultsDisplay.PerMemberWithMean, DateTimeOffset.UtcNow.AddDays(1));
        var with = (await SendAs(Recruiter, new GetCommitteeFeedback(SearchId))).Members.Single();

        Assert.That((without.RespondedBeforeDeadline, with.RespondedBeforeDeadline), Is.EqualTo(((bool?)null, (bool?)true)));
    }
}
