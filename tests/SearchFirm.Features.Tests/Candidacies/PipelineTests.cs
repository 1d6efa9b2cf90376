using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Domain.OffLimits;
using SearchFirm.Features.Conflicts;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Candidates;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Candidacies;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class PipelineTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor partner = null!;
    private Actor recruiter = null!;
    private Actor outsider = null!;
    private Guid searchId;
    private Guid clientId;

    [SetUp]
    public async Task OpenSearch()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        outsider = await Staff.AddAsync(factory, Role.Recruiter);
        clientId = (await SendAs(partner, new CreateClient("Mercy Health", ClientKind.HospitalOrHealthSystem))).Id;
        searchId = (await SendAs(partner, new CreateSearch(clientId, "Chief Medical Officer", "Project Cedar"))).Id;
        await SendAs(partner, new ChangeSearchStatus(searchId, SearchStatus.Open, 1));
        await SendAs(partner, new AddTeamMember(searchId, recruiter.Id));
    }

    private async Task<(Guid CandidacyId, Guid CandidateId)> AddAmaraAsync(Guid? employerClientId = null)
    {
        var candidate = await SendAs(recruiter, CandidatesTests.Amara() with { CurrentEmployerClientId = employerClientId });
        var added = await SendAs(recruiter, new AddCandidacy(searchId, candidate.Id));
        return (added.Id, candidate.Id);
    }

    private Task<CandidacyState> Move(Actor actor, Guid candidacyId, Stage to, int expectedVersion, string? reason = null, bool @override = false,
        string? reasonCode = null, DecidedBy? decidedBy = null) =>
        SendAs(actor, new TransitionCandidacy
        {
            CandidacyId = candidacyId, To = to, ExpectedVersion = expectedVersion, Reason = reason, Override = @override,
            ReasonCode = reasonCode, DecidedBy = decidedBy,
        });

    private Task GiveConsentAsync(Guid candidateId) => Db(c => c.ExecuteAsync(
        "INSERT INTO Consents (Id, CandidateId, Kind, SearchId, Source, GivenAt) VALUES (@Id, @CandidateId, 'PresentToClient', @SearchId, 'e-mail', @Now)",
        new { Id = Ids.New(), CandidateId = candidateId, SearchId = searchId, Now = DateTimeOffset.UtcNow }));

    [Test]
    public async Task A_candidate_starts_at_Identified_with_a_score_and_a_first_history_entry()
    {
        var (id, _) = await AddAmaraAsync();

        var candidacy = await SendAs(recruiter, new GetCandidacy(id));

        Assert.Multiple(() =>
        {
            Assert.That(candidacy.Stage, Is.EqualTo(Stage.Identified));
            Assert.That(candidacy.Version, Is.EqualTo(1));
            Assert.That(candidacy.Score, Is.GreaterThan(0));
            Assert.That(candidacy.History.Select(h => (h.From, h.To)), Is.EqualTo(new (Stage?, Stage)[] { (null, Stage.Identified) }));
        });
    }

    [Test]
    public async Task Adding_an_employee_of_a_client_with_an_open_search_reports_the_conflict_in_words()
    {
        var other = (await SendAs(partner, new CreateClient("Lakeside Health", ClientKind.HospitalOrHealthSystem))).Id;
        var otherSearch = (await SendAs(partner, new CreateSearch(other, "CMO", "Project Birch"))).Id;
        await SendAs(partner, new ChangeSearchStatus(otherSearch, SearchStatus.Open, 1));
        var candidate = await SendAs(recruiter, CandidatesTests.Amara() with { CurrentEmployerClientId = other, CurrentEmployer = null });

        var added = await SendAs(recruiter, new AddCandidacy(searchId, candidate.Id));
        var forBirchsLead = await SendAs(partner, new CheckConflicts(searchId, candidate.Id));

        Assert.Multiple(() =>
        {
            Assert.That(added.Conflicts.Select(c => c.Code), Is.EqualTo(new[] { ConflictCodes.ClientEmployee }));
            // The recruiter is not on Project Birch: the rule bites, the search stays unnamed.
            Assert.That(added.Conflicts[0].Explanation, Is.EqualTo("Works for Lakeside Health, which is protected by the firm's off-limits rule"));
            Assert.That(forBirchsLead.Reasons.Single().Explanation, Is.EqualTo("Works for Lakeside Health, which has an open search (Project Birch)"));
        });
    }

    [Test]
    public async Task An_employer_named_in_words_is_matched_to_the_client_of_that_name()
    {
        var other = (await SendAs(partner, new CreateClient("Lakeside Health", ClientKind.HospitalOrHealthSystem))).Id;
        var otherSearch = (await SendAs(partner, new CreateSearch(other, "CMO", "Project Birch"))).Id;
        await SendAs(partner, new ChangeSearchStatus(otherSearch, SearchStatus.Open, 1));
        // No client id on the profile: the employer is typed in, in another case and with spaces.
        var typed = await SendAs(recruiter, CandidatesTests.Amara("typed@example.org") with { CurrentEmployer = "  lakeside health " });
        var elsewhere = await SendAs(recruiter, CandidatesTests.Amara("elsewhere@example.org") with { CurrentEmployer = "Lakeside Health Partners" });

        var conflicted = await SendAs(recruiter, new CheckConflicts(searchId, typed.Id));
        var clean = await SendAs(recruiter, new CheckConflicts(searchId, elsewhere.Id));

        Assert.Multiple(() =>
        {
            Assert.That(conflicted.Reasons.Select(r => r.Code), Is.EqualTo(new[] { ConflictCodes.ClientEmployee }));
            Assert.That(conflicted.Reasons[0].Explanation, Does.StartWith("Works for lakeside health,"));
            Assert.That(clean.Clean, Is.True, "a different organisation whose name only starts the same");
        });
    }

    [Test]
    public async Task Contacting_a_conflicted_candidate_needs_a_partners_override_with_a_reason_and_is_audited()
    {
        var other = (await SendAs(partner, new CreateClient("Lakeside Health", ClientKind.HospitalOrHealthSystem))).Id;
        var otherSearch = (await SendAs(partner, new CreateSearch(other, "CMO", "Project Birch"))).Id;
        await SendAs(partner, new ChangeSearchStatus(otherSearch, SearchStatus.Open, 1));
        var (id, _) = await AddAmaraAsync(other);

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => Move(recruiter, id, Stage.Contacted, 1));
        var notAPartner = Assert.ThrowsAsync<ForbiddenException>(() => Move(recruiter, id, Stage.Contacted, 1, "board asked", @override: true));
        var moved = await Move(partner, id, Stage.Contacted, 1, "The client's board approved the approach in writing", @override: true);

        Assert.That(refused!.Code, Is.EqualTo(RuleCodes.ConflictCheck));
        Assert.That(notAPartner!.Code, Is.EqualTo(RuleCodes.OverrideNeedsPartner));
        Assert.That((moved.Stage, moved.OverrideUsed), Is.EqualTo((Stage.Contacted, true)));
        var overrides = await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'OverrideConflictCheck' AND EntityId = @id", new { id }));
        Assert.That(overrides, Is.EqualTo(1));
    }

    [Test]
    public async Task Presenting_without_consent_is_refused_and_with_consent_goes_ahead()
    {
        var (id, candidateId) = await AddAmaraAsync();
        var state = await Move(recruiter, id, Stage.Shortlisted, 1);

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => Move(recruiter, id, Stage.PresentedToClient, state.Version));
        await GiveConsentAsync(candidateId);
        var presented = await Move(recruiter, id, Stage.PresentedToClient, state.Version);

        Assert.That(refused!.Code, Is.EqualTo(RuleCodes.ConsentRequired));
        Assert.That(presented.Stage, Is.EqualTo(Stage.PresentedToClient));
    }

    [Test]
    public async Task Placing_from_Offer_fills_the_search_and_placing_from_elsewhere_is_refused()
    {
        var (id, candidateId) = await AddAmaraAsync();
        await GiveConsentAsync(candidateId);
        var state = await Move(recruiter, id, Stage.References, 1);
        var tooEarly = Assert.ThrowsAsync<RuleViolationException>(() => Move(recruiter, id, Stage.Placed, state.Version));
        state = await Move(recruiter, id, Stage.Offer, state.Version);

        await Move(recruiter, id, Stage.Placed, state.Version);

        Assert.That(tooEarly!.Code, Is.EqualTo(RuleCodes.PlacedOnlyFromOffer));
        Assert.That((await SendAs(partner, new GetSearch(searchId))).Status, Is.EqualTo(SearchStatus.Filled));
    }

    [Test]
    public async Task A_conflict_overridden_at_Contacted_needs_no_second_override_to_present()
    {
        var other = (await SendAs(partner, new CreateClient("Lakeside Health", ClientKind.HospitalOrHealthSystem))).Id;
        var otherSearch = (await SendAs(partner, new CreateSearch(other, "CMO", "Project Birch"))).Id;
        await SendAs(partner, new ChangeSearchStatus(otherSearch, SearchStatus.Open, 1));
        var (id, candidateId) = await AddAmaraAsync(other);
        await GiveConsentAsync(candidateId);

        var contacted = await Move(partner, id, Stage.Contacted, 1, "The client's board approved the approach in writing", @override: true);
        var shortlisted = await Move(recruiter, id, Stage.Shortlisted, contacted.Version);
        var presented = await Move(recruiter, id, Stage.PresentedToClient, shortlisted.Version);

        Assert.That((presented.Stage, presented.OverrideUsed), Is.EqualTo((Stage.PresentedToClient, false)));
    }

    [Test]
    public async Task A_partner_undoing_a_placement_reopens_the_search_it_filled()
    {
        var (id, candidateId) = await AddAmaraAsync();
        await GiveConsentAsync(candidateId);
        var state = await Move(recruiter, id, Stage.Offer, 1);
        state = await Move(recruiter, id, Stage.Placed, state.Version);

        var byRecruiter = Assert.ThrowsAsync<RuleViolationException>(() => Move(recruiter, id, Stage.Offer, state.Version, "Entered by mistake"));
        var undone = await Move(partner, id, Stage.Offer, state.Version, "Placed by mistake: the offer is still open");
        var reopened = await SendAs(partner, new GetSearch(searchId));

        Assert.Multiple(() =>
        {
            Assert.That(byRecruiter!.Code, Is.EqualTo(RuleCodes.PlacedIsFinal));
            Assert.That(undone.Stage, Is.EqualTo(Stage.Offer));
            Assert.That(reopened.Status, Is.EqualTo(SearchStatus.Open));
        });
        await Move(recruiter, id, Stage.Placed, undone.Version);
        Assert.That((await SendAs(partner, new GetSearch(searchId))).Status, Is.EqualTo(SearchStatus.Filled), "placing again fills it again");
    }

    [Test]
    public async Task Moving_back_needs_a_reason_and_the_history_keeps_it()
    {
        var (id, _) = await AddAmaraAsync();
        var state = await Move(recruiter, id, Stage.Interested, 1);

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => Move(recruiter, id, Stage.Contacted, state.Version));
        await Move(recruiter, id, Stage.Contacted, state.Version, "Wants to talk again after the holidays");

        Assert.That(refused!.Code, Is.EqualTo(RuleCodes.ReasonRequired));
        var history = (await SendAs(recruiter, new GetCandidacy(id))).History;
        Assert.That(history[^1].Reason, Is.EqualTo("Wants to talk again after the holidays"));
    }

    [Test]
    public async Task An_exit_records_the_reason_code_and_who_decided()
    {
        var (id, _) = await AddAmaraAsync();

        await Move(recruiter, id, Stage.Declined, 1, "Family reasons", reasonCode: "relocation", decidedBy: DecidedBy.Candidate);

        var candidacy = await SendAs(recruiter, new GetCandidacy(id));
        Assert.That((candidacy.Stage, candidacy.ExitReasonCode, candidacy.DecidedBy), Is.EqualTo((Stage.Declined, "relocation", (DecidedBy?)DecidedBy.Candidate)));
    }

    [Test]
    public async Task Two_people_moving_the_same_candidacy_at_once_one_wins_the_other_gets_a_conflict()
    {
        var (id, _) = await AddAmaraAsync();

        var attempts = await Task.WhenAll(
            Try(() => Move(recruiter, id, Stage.Contacted, 1)),
            Try(() => Move(partner, id, Stage.Interested, 1)));

        Assert.That(attempts.Count(a => a is null), Is.EqualTo(1), "exactly one succeeds");
        Assert.That(attempts.Single(a => a is not null), Is.TypeOf<ConflictException>());
        var candidacy = await SendAs(recruiter, new GetCandidacy(id));
        Assert.That((candidacy.Version, candidacy.History.Count), Is.EqualTo((2, 2)));
    }

    private static async Task<Exception?> Try(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) { return e; }
    }

    [Test]
    public async Task Someone_off_the_team_cannot_see_or_move_a_candidacy_and_the_profile_hides_it()
    {
        var (id, candidateId) = await AddAmaraAsync();

        Assert.ThrowsAsync<NotFoundException>(() => SendAs(outsider, new GetCandidacy(id)));
        Assert.ThrowsAsync<NotFoundException>(() => Move(outsider, id, Stage.Contacted, 1));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(outsider, new GetPipelineBoard(searchId)));
        Assert.That((await SendAs(outsider, new GetCandidate(candidateId))).Candidacies, Is.Empty);
        Assert.That((await SendAs(recruiter, new GetCandidate(candidateId))).Candidacies.Select(c => c.CodeName), Is.EqualTo(new[] { "Project Cedar" }));
    }

    [Test]
    public async Task The_board_lists_every_stage_in_order_with_days_in_stage_and_score()
    {
        var (id, _) = await AddAmaraAsync();
        await Move(recruiter, id, Stage.Contacted, 1);

        var board = await SendAs(recruiter, new GetPipelineBoard(searchId));

        Assert.That(board.Stages.Select(s => s.Stage).Take(3), Is.EqualTo(new[] { Stage.Identified, Stage.Contacted, Stage.Interested }));
        var card = board.Stages.Single(s => s.Stage == Stage.Contacted).Candidacies.Single();
        Assert.That((card.CandidacyId, card.DaysInStage, card.CandidateName), Is.EqualTo((id, 0, "Amara Okafor")));
        Assert.That(card.Score, Is.GreaterThan(50));
    }

    [Test]
    public async Task The_scorecard_explains_each_criterion_and_follows_the_specification()
    {
        var (id, _) = await AddAmaraAsync();
        await SendAs(recruiter, new ReplaceSpecification(searchId, [new CriterionInput(DefaultSpecification.ClinicalTenure, "Fifteen years in practice", 100, true)]));

        var scorecard = await SendAs(recruiter, new GetScorecard(id));
        var board = await SendAs(recruiter, new GetPipelineBoard(searchId));

        Assert.That(scorecard.Criteria.Single().Key, Is.EqualTo(DefaultSpecification.ClinicalTenure));
        Assert.That(scorecard.Criteria.Single().Evidence, Is.Not.Empty);
        Assert.That(board.Stages[0].Candidacies.Single().Score, Is.EqualTo(scorecard.WeightedTotal), "the stored score follows a specification change");
    }

    [Test]
    public async Task The_same_candidate_twice_in_a_search_is_a_conflict()
    {
        var (_, candidateId) = await AddAmaraAsync();

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAs(recruiter, new AddCandidacy(searchId, candidateId)));

        Assert.That(conflict!.Code, Is.EqualTo("already-in-search"));
    }

    [Test]
    public async Task The_conflict_report_is_clean_for_a_candidate_with_no_ties()
    {
        var (_, candidateId) = await AddAmaraAsync();

        var report = await SendAs(recruiter, new CheckConflicts(searchId, candidateId));

        Assert.That(report.Clean, Is.True);
        Assert.That(report.Reasons, Is.Empty);
    }

    [Test]
    public async Task The_conflict_check_sees_searches_opened_and_closed_since_it_last_looked_whoever_changed_them()
    {
        var employer = (await SendAs(partner, new CreateClient("Lakeside Health", ClientKind.HospitalOrHealthSystem))).Id;
        var (_, candidateId) = await AddAmaraAsync(employer);
        Assert.That((await SendAs(recruiter, new CheckConflicts(searchId, candidateId))).Clean, Is.True, "no search protects Lakeside yet");

        var lakeside = (await SendAs(partner, new CreateSearch(employer, "Chief Medical Officer", "Project Birch"))).Id;
        await SendAs(partner, new ChangeSearchStatus(lakeside, SearchStatus.Open, 1));
        var opened = await SendAs(recruiter, new CheckConflicts(searchId, candidateId));

        // Closed long ago by another process (straight SQL, none of this process's commands).
        await Db(c => c.ExecuteAsync("UPDATE Searches SET Status = 'Cancelled', ClosedAt = @LongAgo WHERE Id = @Id",
            new { Id = lakeside, LongAgo = DateTimeOffset.UtcNow.AddYears(-2) }));
        var closed = await SendAs(recruiter, new CheckConflicts(searchId, candidateId));

        Assert.Multiple(() =>
        {
            Assert.That(opened.Clean, Is.False);
            Assert.That(opened.Reasons.Single().Code, Is.EqualTo(ConflictCodes.ClientEmployee));
            Assert.That(opened.Reasons.Single().Explanation, Does.Not.Contain("Project Birch"), "the recruiter is not on Birch's team");
            Assert.That(closed.Clean, Is.True);
        });
    }
}
