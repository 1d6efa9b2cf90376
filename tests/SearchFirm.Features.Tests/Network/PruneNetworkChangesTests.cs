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
}
