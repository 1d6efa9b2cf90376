using System.Text.Json;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Consents;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Portal;

namespace SearchFirm.Features.Tests.Portal;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class PortalTests(DatabaseProvider provider) : PortalSlice(provider)
{
    [Test]
    public async Task An_invitation_mails_a_link_that_works_once_and_names_the_code_name_never_the_client()
    {
        var token = await InviteAsync();

        var message = Mail.Sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.ToAddress, Is.EqualTo("amara.okafor@example.org"));
            Assert.That(message.TextBody, Does.Contain(CodeName).And.Contain("for a hospital or health system"));
            Assert.That(message.Subject + message.TextBody + message.HtmlBody, Does.Not.Contain(ClientName));
            Assert.That(token, Does.StartWith("cpl_"));
        });
        var session = await SendAs(null, new OpenCandidateSession(token));
        Assert.That(session.AccessToken, Does.StartWith("cnd_"));
        Assert.That(session.CandidateId, Is.EqualTo(CandidateId));
        var again = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenCandidateSession(token)));
        Assert.That(again!.Message, Does.Contain("already been used"));
        var stored = await Db(c => c.QuerySingleAsync<string>("SELECT TokenHash FROM CandidatePortalLinks"));
        Assert.That(stored, Does.Not.Contain(token[4..]), "only the hash is kept");
    }

    [Test]
    public async Task A_link_spent_by_many_at_once_opens_exactly_one_session_and_an_expired_one_none()
    {
        var token = await InviteAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try { return (Session: await SendAs(null, new OpenCandidateSession(token)), Error: (Exception?)null); }
            catch (Exception e) { return (Session: (CandidatePortalSession?)null, Error: e); }
        }));

        Assert.That(attempts.Count(a => a.Session is not null), Is.EqualTo(1));
        Assert.That(attempts.Where(a => a.Error is not null).Select(a => a.Error!.GetType()), Is.All.EqualTo(typeof(UnauthorizedException)));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM CandidateSessions")), Is.EqualTo(1));

        var expired = await InviteAsync();
        await Db(c => c.ExecuteAsync("UPDATE CandidatePortalLinks SET ExpiresAt = CreatedAt WHERE UsedAt IS NULL AND RevokedAt IS NULL"));
        var refused = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenCandidateSession(expired)));
        Assert.That(refused!.Message, Does.Contain("expired"));
    }

    [Test]
    public async Task Re_inviting_voids_the_unused_link_and_staff_off_the_candidates_searches_may_not_invite()
    {
        var first = await InviteAsync();
        var second = await InviteAsync();

        var refused = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenCandidateSession(first)));
        Assert.That(refused!.Message, Does.Contain("replaced"));
        Assert.That(await SendAs(null, new OpenCandidateSession(second)), Is.Not.Null);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(Outsider, new InviteCandidate { CandidateId = CandidateId }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new InviteCandidate { CandidateId = Guid.NewGuid() }));
    }

    [Test]
    public async Task The_candidate_sees_the_code_name_until_the_client_is_disclosed_to_them()
    {
        var before = (await SendAsCandidate(CandidateId, new ListMySearches())).Single();
        Assert.Multiple(() =>
        {
            Assert.That(before.CodeName, Is.EqualTo(CodeName));
            Assert.That(before.Description, Is.EqualTo("Chief Medical Officer for a hospital or health system"));
            Assert.That(before.ClientName, Is.Null);
            Assert.That(before.Status, Is.EqualTo(PortalStatus.InConversation));
            Assert.That(JsonSerializer.Serialize(before), Does.Not.Contain(ClientName));
        });

        await SendAs(Recruiter, new DiscloseClient { CandidacyId = CandidacyId });

        Assert.That((await SendAsCandidate(CandidateId, new ListMySearches())).Single().ClientName, Is.EqualTo(ClientName));
    }

    [Test]
    public async Task A_candidacy_still_at_Identified_is_the_firms_research_and_not_shown()
    {
        var (_, other) = await AddCandidateAsync(Amara("Ben", "Carter"), notes: false);

        Assert.That(await SendAsCandidate(other, new ListMySearches()), Is.Empty);
    }

    [Test]
    public async Task Inviting_a_candidate_or_their_consent_makes_a_candidacy_at_Identified_theirs_to_see()
    {
        var (_, invited) = await AddCandidateAsync(Amara("Ben", "Carter"), notes: false);
        var (_, consenting) = await AddCandidateAsync(Amara("Cleo", "Diaz"), notes: false);

        await InviteAsync(invited);
        var consent = await SendAsCandidate(consenting, new RecordConsent { CandidateId = consenting, Kind = ConsentKind.PresentToClient, SearchId = SearchId });

        Assert.Multiple(async () =>
        {
            Assert.That((await SendAsCandidate(invited, new ListMySearches())).Select(s => s.CodeName), Is.EqualTo(new[] { CodeName }));
            Assert.That((await SendAsCandidate(consenting, new ListMySearches())).Select(s => s.CodeName), Is.EqualTo(new[] { CodeName }));
            Assert.That((await SendAsCandidate(consenting, new ListMyConsents())).Select(c => c.Id), Does.Contain(consent.Id), "a consent they gave is theirs to see and withdraw");
        });
    }

    [Test]
    public async Task A_candidate_still_at_Identified_may_consent_for_that_search_and_no_other()
    {
        var (_, other) = await AddCandidateAsync(Amara("Ben", "Carter"), notes: false);

        var given = await SendAsCandidate(other, new RecordConsent { CandidateId = other, Kind = ConsentKind.PresentToClient, SearchId = SearchId });

        Assert.That(given.SearchId, Is.EqualTo(SearchId));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsCandidate(other, new RecordConsent { CandidateId = other, Kind = ConsentKind.PresentToClient, SearchId = Guid.NewGuid() }));
    }

    [Test]
    public async Task The_profile_leaves_out_assessments_and_compensation_and_an_update_keeps_them()
    {
        var profile = await SendAsCandidate(CandidateId, new GetMyProfile());
        var json = JsonSerializer.Serialize(profile, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.That(json, Does.Not.Contain("HCAHPS turnaround").And.Not.Contain("520000").And.Not.Contain("Retention bonus"));

        var updated = await SendAsCandidate(CandidateId, new UpdateMyProfile
        {
            ExpectedVersion = profile.Version, FirstName = "Amara", LastName = "Okafor", Phone = "+1 312 555 0100", Location = "Evanston, Illinois",
            CurrentTitle = profile.CurrentTitle, CurrentEmployer = profile.CurrentEmployer, Education = profile.Education,
            Credentials = profile.Credentials, Positions = profile.Positions, Committees = profile.Committees,
        });

        var staffView = await SendAs(Recruiter, new GetCandidate(CandidateId));
        Assert.Multiple(() =>
        {
            Assert.That(updated.Version, Is.EqualTo(profile.Version + 1));
            Assert.That(staffView.Location, Is.EqualTo("Evanston, Illinois"));
            Assert.That(staffView.Email, Is.EqualTo("amara.okafor@example.org"));
            Assert.That(staffView.Competencies, Has.Count.EqualTo(6));
            Assert.That(staffView.Compensation!.Notes, Is.EqualTo("Retention bonus vests in June."));
        });
        Assert.ThrowsAsync<ConflictException>(() => SendAsCandidate(CandidateId, new UpdateMyProfile
        {
            ExpectedVersion = profile.Version, FirstName = "Amara", LastName = "Okafor",
        }));
    }

    [Test]
    public async Task Withdrawing_closes_the_candidacy_as_Withdrawn_decided_by_the_candidate_on_the_recruiters_board()
    {
        // The code in any case: the list is lower-case, what a form sends may not be.
        var answer = await SendAsCandidate(CandidateId, new WithdrawFromSearch { CandidacyId = CandidacyId, ReasonCode = "Accepted-Other-Offer" });

        Assert.That(answer.Status, Is.EqualTo(PortalStatus.YouWithdrew));
        var board = await SendAs(Recruiter, new GetPipelineBoard(SearchId));
        var card = board.Stages.Single(s => s.Stage == Stage.Withdrawn).Candidacies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(card.CandidacyId, Is.EqualTo(CandidacyId));
            Assert.That(card.DecidedBy, Is.EqualTo(DecidedBy.Candidate));
            Assert.That(card.ExitReasonCode, Is.EqualTo("accepted-other-offer"));
        });
        var history = (await SendAs(Recruiter, new GetCandidacy(CandidacyId))).History[^1];
        Assert.That((history.ActorId, history.ActorName), Is.EqualTo(((Guid?)null, "The candidate")));
        var again = Assert.ThrowsAsync<RuleViolationException>(() => SendAsCandidate(CandidateId, new WithdrawFromSearch { CandidacyId = CandidacyId, ReasonCode = "other" }));
        Assert.That(again!.Code, Is.EqualTo(RuleCodes.ClosedIsFinal));
    }

    [Test]
    public async Task Another_candidates_things_do_not_exist_for_a_candidate_and_staff_requests_refuse_them()
    {
        var (otherCandidacy, other) = await AddCandidateAsync(Amara("Ben", "Carter"), notes: false);

        Assert.ThrowsAsync<NotFoundException>(() => SendAsCandidate(CandidateId, new WithdrawFromSearch { CandidacyId = otherCandidacy, ReasonCode = "other" }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsCandidate(CandidateId, new ListCandidateDocuments(other)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsCandidate(CandidateId, new RecordConsent { CandidateId = other, Kind = ConsentKind.Processing }));
        Assert.ThrowsAsync<UnauthorizedException>(() => SendAsCandidate(CandidateId, new GetCandidate(CandidateId)));
        Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(Recruiter, new ListMySearches()));
    }

    [Test]
    public async Task The_candidate_gives_and_withdraws_consent_to_be_presented_and_the_gate_follows()
    {
        var given = await SendAsCandidate(CandidateId, new RecordConsent { CandidateId = CandidateId, Kind = ConsentKind.PresentToClient, SearchId = SearchId, Source = "ignored" });
        Assert.That((given.Source, given.RecordedBy), Is.EqualTo((RecordConsent.PortalSource, (Guid?)null)));

        var withdrawn = await SendAsCandidate(CandidateId, new WithdrawConsent { ConsentId = given.Id });

        Assert.That(withdrawn.WithdrawnAt, Is.Not.Null);
        Assert.That((await SendAsCandidate(CandidateId, new ListMyConsents())).Single().CodeName, Is.EqualTo(CodeName));
        var refused = Assert.ThrowsAsync<RuleViolationException>(() =>
            SendAs(Recruiter, new TransitionCandidacy { CandidacyId = CandidacyId, To = Stage.PresentedToClient, ExpectedVersion = 2 }));
        Assert.That(refused!.Code, Is.EqualTo(RuleCodes.ConsentRequired));
    }
}
