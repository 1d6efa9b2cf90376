using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Features.Network;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class PruneNetworkChangesTests(DatabaseProvider provider) : Slice(provider)
{
    [Test]
    public async Task Changes_older_than_the_retention_are_pruned_and_recent_ones_kept_for_the_instances_catching_up()
    {
        int[] hoursAgo = [49, 25, 23, 1];
        foreach (var hours in hoursAgo)
        {
            await Db(c => c.ExecuteAsync("INSERT INTO NetworkChanges (FromPersonId, ToPersonId, ChangedAt) VALUES (NULL, NULL, @At)",
                new { At = DateTimeOffset.UtcNow.AddHours(-hours) }));
        }

        await using var scope = Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<PruneNetworkChangesJob>();
        var first = await job.RunAsync(CancellationToken.None);
        var second = await job.RunAsync(CancellationToken.None);
        var left = await Db(c => c.QueryAsync<DateTimeOffset>("SELECT ChangedAt FROM NetworkChanges ORDER BY Seq"));

        Assert.That((first, second), Is.EqualTo((2, 0)));
        Assert.That(left.Select(at => (int)Math.Round((DateTimeOffset.UtcNow - at).TotalHours)), Is.EqualTo(new[] { 23, 1 }));
    }

    [Test]
    public async Task A_retention_set_under_an_hour_is_taken_as_an_hour()
    {
        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NetworkOptions>>().Value.ChangeLogRetention = TimeSpan.FromMinutes(1);
        await Db(c => c.ExecuteAsync("INSERT INTO NetworkChanges (FromPersonId, ToPersonId, ChangedAt) VALUES (NULL, NULL, @At)",
            new { At = DateTimeOffset.UtcNow.AddMinutes(-30) }));

        await using var scope = Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<PruneNetworkChangesJob>().RunAsync(CancellationToken.None);

        Assert.That(removed, Is.Zero, "a row stamped half an hour ago may belong to an import that committed a moment ago");
    }
}
