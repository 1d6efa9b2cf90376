using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Network;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class ReferralsTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor partner = null!;
    private Actor recruiter = null!;
    private Actor admin = null!;
    private Guid cedar;
    private Guid oak;

    [SetUp]
    public async Task AddStaffAndSearches()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        admin = await Staff.AddAsync(factory, Role.Admin);
        var client = await SendAs(partner, new CreateClient("Mercy", ClientKind.HospitalOrHealthSystem));
        cedar = (await SendAs(partner, new CreateSearch(client.Id, "CMO", "Project Cedar"))).Id;
        oak = (await SendAs(partner, new CreateSearch(client.Id, "CMO", "Project Oak"))).Id;
        await SendAs(partner, new AddTeamMember(cedar, recruiter.Id));
    }

    private async Task<Guid> PersonAsync(string name) => (await SendAs(recruiter, new CreatePerson(name))).Id;

    private async Task<Guid> CandidateAsync(string email) => (await SendAs(recruiter, Candidates.CandidatesTests.Amara(email))).Id;

    private async Task RecordOutcomeAsync(Guid candidateId, Guid searchId, bool presented, bool placed)
    {
        await using var connection = await Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        await ReferralOutcomes.RecordAsync(connection, null, candidateId, searchId, presented, placed, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Test]
    public async Task The_team_records_a_referral_and_someone_off_the_team_is_told_the_search_does_not_exist()
    {
        var referrer = await PersonAsync("Dr Kim");
        var candidate = await CandidateAsync("amara@example.org");

        var created = await SendAs(recruiter, new CreateReferral(cedar, referrer, candidate, "Worked with her at St Luke's"));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new CreateReferral(oak, referrer, candidate)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new CreateReferral(Guid.NewGuid(), referrer, candidate)));
        var duplicate = Assert.ThrowsAsync<ConflictException>(() => SendAs(recruiter, new CreateReferral(cedar, referrer, candidate)));

        Assert.That(created.Id, Is.Not.EqualTo(Guid.Empty));
        Assert.That(duplicate!.Code, Is.EqualTo("duplicate-referral"));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Referrals")), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_referrer_or_candidate_or_a_missing_one_is_a_bad_request_and_writes_nothing()
    {
        var referrer = await PersonAsync("Dr Kim");
        var candidate = await CandidateAsync("amara@example.org");

        var unknownBoth = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateReferral(cedar, Guid.NewGuid(), Guid.NewGuid())));
        var unknownCandidate = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateReferral(cedar, referrer, Guid.NewGuid())));
        var unknownReferrer = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateReferral(cedar, Guid.NewGuid(), candidate)));
        var missing = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateReferral(cedar, null, null)));

        Assert.Multiple(async () =>
        {
            Assert.That(unknownBoth!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "referrerPersonId", "candidateId" }));
            Assert.That(unknownCandidate!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "candidateId" }));
            Assert.That(unknownReferrer!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "referrerPersonId" }));
            Assert.That(missing!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "referrerPersonId", "candidateId" }));
            Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Referrals")), Is.Zero);
        });
    }

    [Test]
    public async Task A_referral_recorded_after_the_candidate_was_presented_counts_the_presentation()
    {
        var kim = await PersonAsync("Dr Kim");
        var candidate = await CandidateAsync("amara@example.org");
        var candidacy = (await SendAs(recruiter, new SearchFirm.Features.Candidacies.AddCandidacy(cedar, candidate))).Id;
        // Moved on before anyone recorded the referral: a forward jump past PresentedToClient.
        await Db(c => c.ExecuteAsync("""
            INSERT INTO CandidacyTransitions (Id, CandidacyId, FromStage, ToStage, OverrideUsed, ActorId, OccurredAt)
            VALUES (@Id, @CandidacyId, 'Shortlisted', 'ClientInterview', 0, @ActorId, @At)
            """, new { Id = Guid.NewGuid(), CandidacyId = candidacy, ActorId = partner.Id, At = DateTimeOffset.UtcNow }));

        await SendAs(recruiter, new CreateReferral(cedar, kim, candidate));

        var referrers = await SendAs(partner, new ListReferrers());
        Assert.That(referrers.Select(r => (r.FullName, r.Referrals, r.Presented, r.Placed)), Is.EqualTo(new[] { ("Dr Kim", 1, 1, 0) }));
    }

    [Test]
    public async Task Outcomes_follow_the_candidacy_and_referrers_are_ranked_by_what_became_of_their_referrals()
    {
        var kim = await PersonAsync("Dr Kim");
        var lee = await PersonAsync("Dr Lee");
        var (c1, c2, c3) = (await CandidateAsync("c1@example.org"), await CandidateAsync("c2@example.org"), await CandidateAsync("c3@example.org"));
        await SendAs(partner, new CreateReferral(cedar, kim, c1));
        await SendAs(partner, new CreateReferral(cedar, kim, c2));
        await SendAs(partner, new CreateReferral(cedar, lee, c3));
        await SendAs(partner, new CreateReferral(oak, lee, c1));

        await RecordOutcomeAsync(c1, cedar, presented: true, placed: false);
        await RecordOutcomeAsync(c3, cedar, presented: false, placed: true);
        await RecordOutcomeAsync(c3, cedar, presented: false, placed: true);   // twice: nothing changes

        var forPartner = await SendAs(partner, new ListReferrers());
        var forRecruiter = await SendAs(recruiter, new ListReferrers());
        var forAdmin = await SendAs(admin, new ListReferrers(Top: 1));

        Assert.Multiple(() =>
        {
            Assert.That(forPartner.Select(r => (r.FullName, r.Referrals, r.Presented, r.Placed)),
                Is.EqualTo(new[] { ("Dr Lee", 2, 1, 1), ("Dr Kim", 2, 1, 0) }), "placing implies presenting");
            Assert.That(forRecruiter.Select(r => (r.FullName, r.Referrals)),
                Is.EqualTo(new[] { ("Dr Lee", 1), ("Dr Kim", 2) }), "the recruiter is not on Project Oak, so its referral is not counted");
            Assert.That(forAdmin.Select(r => r.FullName), Is.EqualTo(new[] { "Dr Lee" }));
        });
    }

    [Test]
    public void Top_out_of_range_is_refused()
    {
        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ListReferrers(Top: 0)));
        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "top" }));
        Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ListReferrers(Top: 101)));
    }
}
