using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common.Email;
using SearchFirm.Features.Digests;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Candidates;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Digests;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class StaleCandidaciesDigestTests(DatabaseProvider provider) : Slice(provider)
{
    private FlakyMail mail = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        mail = new FlakyMail();
        services.Replace(ServiceDescriptor.Singleton<IEmailSender>(mail));
    }

    private async Task<Guid> SearchLedByAsync(Actor partner, string codeName)
    {
        var client = (await SendAs(partner, new CreateClient($"Client of {codeName}", ClientKind.HospitalOrHealthSystem))).Id;
        var search = (await SendAs(partner, new CreateSearch(client, "Chief Medical Officer", codeName))).Id;
        await SendAs(partner, new ChangeSearchStatus(search, SearchStatus.Open, 1));
        return search;
    }

    private async Task AddCandidacyAsync(Actor partner, Guid searchId, string first, string last, int daysInStage)
    {
        var candidate = await SendAs(partner, CandidatesTests.Amara() with { FirstName = first, LastName = last, Email = $"{first}.{last}.{Guid.NewGuid():N}@example.org" });
        var candidacy = await SendAs(partner, new AddCandidacy(searchId, candidate.Id));
        await Db(c => c.ExecuteAsync("UPDATE Candidacies SET StageEnteredAt = @At WHERE Id = @Id",
            new { At = DateTimeOffset.UtcNow.AddDays(-daysInStage), candidacy.Id }));
    }

    private async Task<int> RunAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaleCandidaciesDigestJob>().RunAsync(CancellationToken.None);
    }

    [Test]
    public async Task Each_lead_gets_one_e_mail_a_day_naming_the_candidacies_that_have_not_moved_and_a_second_run_sends_nothing()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        var lead = await Staff.AddAsync(factory, Role.Partner);
        var other = await Staff.AddAsync(factory, Role.Partner);
        var cedar = await SearchLedByAsync(lead, "Project Cedar");
        var birch = await SearchLedByAsync(other, "Project Birch");
        await AddCandidacyAsync(lead, cedar, "Ada", "Stale", daysInStage: 20);
        await AddCandidacyAsync(lead, cedar, "Ben", "Fresh", daysInStage: 2);
        await AddCandidacyAsync(other, birch, "Cy", "Stale", daysInStage: 30);

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.That((first, second), Is.EqualTo((2, 0)));
        var cedarMail = mail.Sent.Single(m => m.TextBody.Contains("Project Cedar"));
        Assert.Multiple(() =>
        {
            Assert.That(cedarMail.TextBody, Does.Contain("Ada Stale: Identified, 20 days"));
            Assert.That(cedarMail.TextBody, Does.Not.Contain("Ben Fresh").And.Not.Contain("Project Birch"));
            Assert.That(mail.Sent.Single(m => m.TextBody.Contains("Project Birch")).TextBody, Does.Contain("Cy Stale").And.Not.Contain("Ada"));
        });
    }

    [Test]
    public async Task A_digest_that_could_not_be_sent_is_sent_by_the_next_run()
    {
        var lead = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Partner);
        var cedar = await SearchLedByAsync(lead, "Project Aspen");
        await AddCandidacyAsync(lead, cedar, "Di", "Waiting", daysInStage: 15);

        mail.FailNext = true;
        Assert.ThrowsAsync<IOException>(RunAsync);
        var retried = await RunAsync();

        Assert.That(retried, Is.EqualTo(1));
        Assert.That(mail.Sent.Single().TextBody, Does.Contain("Di Waiting"));
    }

    private sealed class FlakyMail : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];
        public bool FailNext { get; set; }

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("The mail relay is down.");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
