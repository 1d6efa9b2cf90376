using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Housekeeping;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Housekeeping;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class ExpireSignInsTests(DatabaseProvider provider) : Slice(provider)
{
    [Test]
    public async Task Tokens_that_expired_a_month_ago_are_forgotten_and_recent_ones_kept_for_their_precise_answer()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        var user = await Staff.AddAsync(factory, Role.Recruiter);
        string[] tokens = [Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N")];
        int[] expiredDaysAgo = [40, 10, -1];
        for (var i = 0; i < tokens.Length; i++)
        {
            await Db(c => c.ExecuteAsync(
                "INSERT INTO AccessTokens (Id, UserId, TokenHash, CreatedAt, ExpiresAt) VALUES (@Id, @UserId, @Hash, @CreatedAt, @ExpiresAt)",
                new { Id = Guid.NewGuid(), UserId = user.Id, Hash = tokens[i], CreatedAt = DateTimeOffset.UtcNow.AddDays(-60), ExpiresAt = DateTimeOffset.UtcNow.AddDays(-expiredDaysAgo[i]) }));
        }

        await using var scope = Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<ExpireSignInsJob>();
        var first = await job.RunAsync(CancellationToken.None);
        var second = await job.RunAsync(CancellationToken.None);
        var left = await Db(c => c.QueryAsync<string>("SELECT TokenHash FROM AccessTokens WHERE UserId = @Id", new { user.Id }));

        Assert.That((first, second), Is.EqualTo((1, 0)));
        Assert.That(left, Is.EquivalentTo(tokens[1..]));
    }
}
