using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchFirm.Data;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Board;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common;
using SearchFirm.Features.Common.Email;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Briefs;
using SearchFirm.Features.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SearchFirm.Features.Tests.Committees;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed partial class CommitteeTests(DatabaseProvider provider) : BriefSlice(provider)
{
    private RecordingMail mail = null!;
    private RecordingQueue queue = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        mail = new RecordingMail();
        queue = new RecordingQueue();
        services.Replace(ServiceDescriptor.Singleton<IEmailSender>(mail));
        services.Replace(ServiceDescriptor.Singleton<IBriefQueue>(queue));
        services.Replace(ServiceDescriptor.Singleton<IPdfPrinter>(new FakePrinter()));
    }

    private async Task<(CommitteeInvitation Invitation, string Token)> InviteAsync(string email = "jane.doe@mercy.example", string name = "Jane Doe", CommitteeRole? role = null)
    {
        var invitation = await SendAs(Recruiter, new InviteCommitteeMember { SearchId = SearchId, Email = email, Name = name, Role = role });
        var token = LinkToken().Match(mail.Sent[^1].TextBody).Groups["token"].Value;
        return (invitation, Uri.UnescapeDataString(token));
    }

    private async Task<BoardActor> SignInAsync(string email = "jane.doe@mercy.example", string name = "Jane Doe", CommitteeRole? role = null)
    {
        var (_, token) = await InviteAsync(email, name, role);
        var session = await SendAs(null, new OpenBoardSession(token));
        return new BoardActor(session.MemberId, session.SearchId, session.Name);
    }

    private async Task<Guid> PresentedCandidacyAsync(string first = "Amara", string last = "Okafor")
    {
        var (candidacy, candidate) = await AddCandidateAsync(Amara(first, last));
        await PresentAsync(candidacy, candidate);
        return candidacy;
    }

    private async Task<Dictionary<string, int>> AllCriteria(int score) =>
        (await SendAs(Recruiter, new GetSearch(SearchId))).Specification.Criteria.ToDictionary(c => c.Key, _ => score);

    [Test]
    public async Task An_invitation_sends_one_e_mail_with_a_sign_in_link_that_names_the_code_name_and_no_candidate()
    {
        await PresentedCandidacyAsync();

        var (invitation, token) = await InviteAsync();

        Assert.That(mail.Sent, Has.Count.EqualTo(1));
        var message = mail.Sent[0];
        Assert.Multiple(() =>
        {
            Assert.That(message.ToAddress, Is.EqualTo("jane.doe@mercy.example"));
            Assert.That(message.Subject, Does.Contain(CodeName));
            Assert.That(message.TextBody + message.HtmlBody, Does.Not.Contain("Okafor").And.Not.Contain(ClientName));
            Assert.That(token, Does.StartWith("lnk_"));
            Assert.That(invitation.LinkExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(71)));
        });
    }

    [Test]
    public async Task A_link_opens_one_session_for_its_search_and_a_used_expired_or_replaced_link_is_refused_saying_why()
    {
        var (_, token) = await InviteAsync();
        var session = await SendAs(null, new OpenBoardSession(token));
        var reused = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenBoardSession(token)));

        var (_, expiring) = await InviteAsync("sam@mercy.example", "Sam Reed");
        await Db(c => c.ExecuteAsync("UPDATE BoardSignInLinks SET ExpiresAt = @Past WHERE UsedAt IS NULL AND RevokedAt IS NULL", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1) }));
        var expired = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenBoardSession(expiring)));

        var (_, first) = await InviteAsync("lee@mercy.example", "Lee Park");
        var (_, second) = await InviteAsync("lee@mercy.example", "Lee Park");
        var replaced = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenBoardSession(first)));
        var fresh = await SendAs(null, new OpenBoardSession(second));
        var unknown = Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new OpenBoardSession("lnk_nothing")));

        Assert.Multiple(() =>
        {
            Assert.That(session.SearchId, Is.EqualTo(SearchId));
            Assert.That(session.AccessToken, Does.StartWith("brd_"));
            Assert.That(reused!.Message, Does.Contain("already been used"));
            Assert.That(expired!.Message, Does.Contain("expired"));
            Assert.That(replaced!.Message, Does.Contain("replaced"));
            Assert.That(unknown!.Message, Does.Contain("not valid"));
            Assert.That(fresh.Name, Is.EqualTo("Lee Park"));
        });
    }

    [Test]
    public async Task A_member_sees_only_candidates_presented_to_the_committee_and_nothing_of_other_searches()
    {
        var presented = await PresentedCandidacyAsync();
        var (shortlistedOnly, _) = await AddCandidateAsync(Amara("Ben", "Alvarez"));
        var member = await SignInAsync();
        var otherSearch = (await SendAs(Partner, new CreateSearch(ClientId, "CMO", "Project Birch"))).Id;

        var shortlist = await SendAsBoard(member, new GetBoardShortlist(SearchId));
        var scores = await AllCriteria(3);

        Assert.That(shortlist.Candidates.Select(c => c.CandidacyId), Is.EqualTo(new[] { presented }));
        Assert.That(shortlist.Search, Is.EqualTo(CodeName), "the code name until the client is disclosed");
        Assert.That(shortlist.Criteria, Has.Count.EqualTo(10));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new GetBoardShortlist(otherSearch)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new GetBoardFeedback(shortlistedOnly)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new SubmitFeedback
        {
            CandidacyId = shortlistedOnly, Scores = scores, Rating = 3, Recommendation = Recommendation.Hold,
        }));
    }

    [Test]
    public async Task Board_and_staff_requests_never_mix()
    {
        var member = await SignInAsync();

        Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(Recruiter, new GetBoardShortlist(SearchId)), "staff are not a board session");
        Assert.ThrowsAsync<UnauthorizedException>(() => SendAsBoard(member, new GetSearch(SearchId)), "a board member is not staff");
        Assert.ThrowsAsync<UnauthorizedException>(() => SendAsBoard(member, new GetCommitteeFeedback(SearchId)));
    }

    [Test]
    public async Task Scores_out_of_range_unknown_or_missing_criteria_are_refused_field_by_field()
    {
        var candidacy = await PresentedCandidacyAsync();
        var member = await SignInAsync();
        var scores = await AllCriteria(4);

        var outOfRange = Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsBoard(member, new SubmitFeedback
        {
            CandidacyId = candidacy, Scores = new Dictionary<string, int>(scores) { ["medical-degree"] = 6 }, Rating = 0, Recommendation = Recommendation.Advance,
        }));
        var unknown = Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsBoard(member, new SubmitFeedback
        {
            CandidacyId = candidacy, Scores = new Dictionary<string, int>(scores) { ["bedside-manner"] = 3 }, Rating = 3, Recommendation = Recommendation.Advance,
        }));
        var missing = Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsBoard(member, new SubmitFeedback
        {
            CandidacyId = candidacy, Scores = scores.Skip(1).ToDictionary(), Rating = 3, Recommendation = Recommendation.Advance,
        }));

        Assert.That(outOfRange!.Errors.Select(e => e.PropertyName), Is.SupersetOf(new[] { "rating" }));
        Assert.That(outOfRange.Errors.Select(e => e.ErrorMessage), Has.Some.Contain("medical-degree"));
        Assert.That(unknown!.Errors.Select(e => e.ErrorMessage), Has.Some.Contain("bedside-manner"));
        Assert.That(missing!.Errors.Select(e => e.ErrorMessage), Has.Some.Contain("score every criterion"));
    }

    [Test]
    public async Task Feedback_may_leave_out_the_criterion_scores_and_then_counts_in_the_rating_only()
    {
        var candidacy = await PresentedCandidacyAsync();
        var rater = await SignInAsync();

        await SendAsBoard(rater, new SubmitFeedback { CandidacyId = candidacy, Rating = 4, Recommendation = Recommendation.Hold, Comment = "Meet again." });
        var report = await SendAs(Recruiter, new GetCommitteeFeedback(SearchId));

        var mean = report.Candidates.Single().Mean!;
        Assert.That((mean.Rating, mean.Weighted, mean.Scores.Count), Is.EqualTo((4.0, (double?)null, 0)));
    }

    [Test]
    public async Task Colleagues_scores_stay_hidden_until_a_member_has_submitted_their_own()
    {
        var candidacy = await PresentedCandidacyAsync();
        var jane = await SignInAsync();
        var sam = await SignInAsync("sam@mercy.example", "Sam Reed");
        await SendAsBoard(jane, new SubmitFeedback { CandidacyId = candidacy, Scores = await AllCriteria(5), Rating = 5, Recommendation = Recommendation.Advance, Comment = "Ready now." });

        var before = await SendAsBoard(sam, new GetBoardFeedback(candidacy));
        await SendAsBoard(sam, new SubmitFeedback { CandidacyId = candidacy, Scores = await AllCriteria(3), Rating = 3, Recommendation = Recommendation.Hold });
        var after = await SendAsBoard(sam, new GetBoardFeedback(candidacy));

        Assert.That((before.ColleaguesHidden, before.Colleagues, before.Mine), Is.EqualTo((true, (IReadOnlyList<MemberFeedback>?)null, (MemberFeedback?)null)));
        Assert.That(after.ColleaguesHidden, Is.False);
        Assert.That(after.Mine!.Rating, Is.EqualTo(3));
        Assert.That(after.Colleagues!.Select(c => (c.MemberName, c.Rating, c.Comment)), Is.EqualTo(new[] { ("Jane Doe", 5, (string?)"Ready now.") }));
    }

    [Test]
    public async Task The_team_sees_each_members_scores_the_means_and_how_long_each_took_to_respond()
    {
        var candidacy = await PresentedCandidacyAsync();
        var jane = await SignInAsync();
        var sam = await SignInAsync("sam@mercy.example", "Sam Reed");
        await SignInAsync("lee@mercy.example", "Lee Park");
        await SendAsBoard(jane, new SubmitFeedback { CandidacyId = candidacy, Scores = await AllCriteria(5), Rating = 5, Recommendation = Recommendation.Advance });
        await SendAsBoard(sam, new SubmitFeedback { CandidacyId = candidacy, Scores = await AllCriteria(3), Rating = 4, Recommendation = Recommendation.Hold });
        // Jane was invited, and the candidate presented, two days before she answered; Sam at once.
        await Db(c => c.ExecuteAsync("UPDATE CommitteeMembers SET InvitedAt = @At WHERE Name = 'Jane Doe'", new { At = DateTimeOffset.UtcNow.AddDays(-2) }));
        await Db(c => c.ExecuteAsync("UPDATE CandidacyTransitions SET OccurredAt = @At WHERE ToStage = 'PresentedToClient'", new { At = DateTimeOffset.UtcNow.AddDays(-2) }));

        var report = await SendAs(Recruiter, new GetCommitteeFeedback(SearchId));

        var candidate = report.Candidates.Single();
        Assert.Multiple(() =>
        {
            Assert.That(candidate.Feedback, Has.Count.EqualTo(2));
            Assert.That(candidate.Mean!.Rating, Is.EqualTo(4.5));
            Assert.That(candidate.Mean.Scores["medical-degree"], Is.EqualTo(4.0));
            Assert.That(candidate.Mean.Weighted, Is.EqualTo(80.0));
            Assert.That(candidate.Recommendations["Advance"], Is.EqualTo(1));
            Assert.That(candidate.Recommendations["Hold"], Is.EqualTo(1));
            var byName = report.Members.ToDictionary(m => m.Name);
            Assert.That(byName["Jane Doe"].MeanResponseHours, Is.EqualTo(48).Within(1));
            Assert.That(byName["Lee Park"].Pending, Is.EqualTo(1));
            Assert.That(byName["Lee Park"].MeanResponseHours, Is.Null);
        });
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new GetCommitteeFeedback(SearchId)));
    }

    [Test]
    public async Task A_member_downloads_a_committee_brief_stamped_with_their_name_and_never_an_internal_one()
    {
        var candidacy = await PresentedCandidacyAsync();
        var committee = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacy });
        var internalBrief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacy, Audience = BriefAudience.Internal });
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RenderBriefJob>().RunAsync(committee.BriefId, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<RenderBriefJob>().RunAsync(internalBrief.BriefId, CancellationToken.None);
        }
        var member = await SignInAsync();

        var shortlist = await SendAsBoard(member, new GetBoardShortlist(SearchId));
        var file = await SendAsBoard(member, new GetBoardBriefPdf(committee.BriefId));
        var detail = await SendAsBoard(member, new GetBoardBrief(committee.BriefId));

        Assert.That(shortlist.Candidates.Single().BriefId, Is.EqualTo(committee.BriefId));
        Assert.That((detail.Status, detail.CandidacyId, detail.PdfUrl), Is.EqualTo((BriefStatus.Ready, (Guid?)candidacy, $"/api/briefs/{committee.BriefId}/pdf")));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new GetBoardBrief(internalBrief.BriefId)));
        using (var document = PdfDocument.Open(file.Content))
            Assert.That(document.GetPages().Select(p => p.Text), Has.All.Contain("Confidential copy for Jane Doe"));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new GetBoardBriefPdf(internalBrief.BriefId)));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'ReadBrief' AND ActorKind = 'BoardMember' AND ActorId = @Id",
            new { Id = member.MemberId })), Is.EqualTo(1));

        // The candidate withdraws: the brief no longer leaves the firm.
        await Db(c => c.ExecuteAsync("UPDATE Consents SET WithdrawnAt = @Now", new { Now = DateTimeOffset.UtcNow }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new GetBoardBriefPdf(committee.BriefId)));
    }

    [Test]
    public async Task The_shortlist_links_the_brief_whose_inputs_are_the_current_ones()
    {
        var candidacy = await PresentedCandidacyAsync();
        async Task<Guid> BriefAsync()
        {
            var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacy });
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RenderBriefJob>().RunAsync(brief.BriefId, CancellationToken.None);
            return brief.BriefId;
        }

        var original = (await SendAs(Recruiter, new GetSearch(SearchId))).Specification.Criteria
            .Select(c => new CriterionInput(c.Key, c.Label, c.Weight, c.Required)).ToList();
        var first = await BriefAsync();
        await SendAs(Recruiter, new ReplaceSpecification(SearchId, [.. original.Select((c, i) => i == 0 ? c with { Weight = c.Weight + 5 } : c)]));
        var changed = await BriefAsync();
        await SendAs(Recruiter, new ReplaceSpecification(SearchId, original));
        var again = await BriefAsync();
        var member = await SignInAsync();

        var shortlist = await SendAsBoard(member, new GetBoardShortlist(SearchId));

        Assert.That((changed == first, again), Is.EqualTo((false, first)), "the same inputs give the same brief");
        Assert.That(shortlist.Candidates.Single().BriefId, Is.EqualTo(first), "not the newer brief made for the specification as it briefly was");
    }

    [Test]
    public async Task The_shortlist_offers_the_book_only_while_every_candidate_in_it_may_be_shown()
    {
        var amara = await PresentedCandidacyAsync();
        await PresentedCandidacyAsync("Ben", "Ode");
        var book = await SendAs(Recruiter, new RequestShortlistBook { SearchId = SearchId });
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RenderBriefJob>().RunAsync(book.BriefId, CancellationToken.None);
        var member = await SignInAsync();

        var before = await SendAsBoard(member, new GetBoardShortlist(SearchId));
        // Amara withdraws her consent: the book names her, so it no longer leaves the firm.
        var amaraCandidate = await Db(c => c.ExecuteScalarAsync<Guid>("SELECT CandidateId FROM Candidacies WHERE Id = @amara", new { amara }));
        await Db(c => c.ExecuteAsync("UPDATE Consents SET WithdrawnAt = @Now WHERE CandidateId = @amaraCandidate", new { Now = DateTimeOffset.UtcNow, amaraCandidate }));
        var after = await SendAsBoard(member, new GetBoardShortlist(SearchId));

        Assert.Multiple(() =>
        {
            Assert.That((before.ShortlistBookId, before.ShortlistBookUrl), Is.EqualTo(((Guid?)book.BriefId, $"/api/board/briefs/{book.BriefId}/pdf")));
            Assert.That(after.Candidates.Select(c => c.Name), Is.EqualTo(new[] { "Ben Ode" }));
            Assert.That((after.ShortlistBookId, after.ShortlistBookUrl), Is.EqualTo(((Guid?)null, (string?)null)));
        });
        Assert.ThrowsAsync<NotFoundException>(() => SendAsBoard(member, new GetBoardBriefPdf(book.BriefId)));
    }

    [GeneratedRegex(@"token=(?<token>[A-Za-z0-9_%\-]+)")]
    private static partial Regex LinkToken();

    private sealed class RecordingMail : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
