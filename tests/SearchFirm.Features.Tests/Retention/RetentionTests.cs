using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Retention;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Candidates;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Retention;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class RetentionTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor partner = null!;

    [SetUp]
    public async Task AddPartner() => partner = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Partner);

    private async Task<Guid> CandidateAsync(string last, params (int GivenDaysAgo, int? WithdrawnDaysAgo)[] consents)
    {
        var id = (await SendAs(partner, CandidatesTests.Amara() with { LastName = last, Email = $"{last}.{Guid.NewGuid():N}@example.org" })).Id;
        var now = DateTimeOffset.UtcNow;
        foreach (var (given, withdrawn) in consents)
        {
            await Db(c => c.ExecuteAsync(
                "INSERT INTO Consents (Id, CandidateId, Kind, SearchId, Source, GivenAt, WithdrawnAt) VALUES (@Id, @CandidateId, 'Processing', NULL, 'e-mail', @GivenAt, @WithdrawnAt)",
                new { Id = Ids.New(), CandidateId = id, GivenAt = now.AddDays(-given), WithdrawnAt = withdrawn is { } w ? now.AddDays(-w) : (DateTimeOffset?)null }));
        }

        return id;
    }

    private async Task<int> RunAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
    }

    private Task<string> LastNameAsync(Guid id) => Db(c => c.ExecuteScalarAsync<string>("SELECT LastName FROM Candidates WHERE Id = @id", new { id }))!;

    [Test]
    public async Task Candidates_whose_consent_lapsed_beyond_the_grace_period_are_erased_once_and_the_rest_are_kept()
    {
        var withdrawnLongAgo = await CandidateAsync("Withdrawn", (400, 40));
        var expired = await CandidateAsync("Expired", (800, null));
        var withdrawnRecently = await CandidateAsync("Recent", (400, 5));
        var renewed = await CandidateAsync("Renewed", (800, null), (100, null));
        var neverAsked = await CandidateAsync("Never");
        var inLiveSearch = await CandidateAsync("Pipeline", (400, 40));
        var client = (await SendAs(partner, new CreateClient("Mercy Health", ClientKind.HospitalOrHealthSystem))).Id;
        var search = (await SendAs(partner, new CreateSearch(client, "Chief Medical Officer", "Project Cedar"))).Id;
        await SendAs(partner, new ChangeSearchStatus(search, SearchStatus.Open, 1));
        var candidacy = await SendAs(partner, new AddCandidacy(search, inLiveSearch));
        await SendAs(partner, new TransitionCandidacy { CandidacyId = candidacy.Id, To = Stage.Contacted, ExpectedVersion = 1 });

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.That((first, second), Is.EqualTo((2, 0)));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await LastNameAsync(withdrawnLongAgo), Is.Empty);
            Assert.That(await LastNameAsync(expired), Is.Empty);
            Assert.That(await LastNameAsync(withdrawnRecently), Is.EqualTo("Recent"));
            Assert.That(await LastNameAsync(renewed), Is.EqualTo("Renewed"));
            Assert.That(await LastNameAsync(neverAsked), Is.EqualTo("Never"));
            Assert.That(await LastNameAsync(inLiveSearch), Is.EqualTo("Pipeline"));
            Assert.That(await Db(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM AuditEvents WHERE Action = 'EraseCandidateAfterConsentLapsed' AND ActorKind = 'System' AND EntityId IN (@withdrawnLongAgo, @expired)",
                new { withdrawnLongAgo, expired })), Is.EqualTo(2));
        });
    }
}
