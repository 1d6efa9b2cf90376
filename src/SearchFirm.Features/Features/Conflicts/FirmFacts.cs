using System.Data.Common;
using Dapper;
using SearchFirm.Domain.OffLimits;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Features.Conflicts;

/// <summary>
/// The firm-wide facts every conflict check reads: the clients, the searches that protect a client
/// (live, or closed within the protection period) and the manual off-limits rules. They are small,
/// read on every move into Contacted and rarely changed, so each process keeps one copy and checks
/// it with a single point read of a change stamp that triggers bump on any change to those tables
/// (V0025), whichever process or API instance made it. The copy is also reloaded every hour, since
/// which closed searches still protect depends on the time.
/// </summary>
public sealed class FirmFacts
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string StampSql = "SELECT Version FROM ChangeStamps WHERE Name = 'OffLimitsFacts'";
    private const string ClientsSql = "SELECT Id, Name, ParentClientId AS ParentId FROM Clients";
    private const string SearchesSql = """
        SELECT Id, ClientId, Status, ClosedAt, CodeName FROM Searches
        WHERE Status IN ('Open', 'OnHold') OR ClosedAt IS NULL AND Status IN ('Filled', 'Cancelled') OR ClosedAt > @ProtectedSince
        """;
    private const string ManualRulesSql = "SELECT ClientId, Until, Reason FROM OffLimitsRules WHERE Until > @Now";

    private volatile Snapshot? current;

    public sealed record Snapshot(string Source, long Stamp, DateTimeOffset LoadedAt, IReadOnlyList<ClientFact> Clients, IReadOnlyList<SearchFact> ProtectingSearches, IReadOnlyList<ManualRule> ManualRules)
    {
        private readonly Dictionary<Guid, ClientFact> byId = Clients.DistinctBy(c => c.Id).ToDictionary(c => c.Id);
        private readonly ILookup<string, Guid> byName = Clients.ToLookup(c => c.Name.Trim(), c => c.Id, StringComparer.OrdinalIgnoreCase);

        /// <summary>Every client with this name (names are not unique: namesakes all count).</summary>
        public IReadOnlyList<Guid> ClientsNamed(string name) => [.. byName[name.Trim()]];

        /// <summary>
        /// The given clients and every owner above them: all the rules need to tell kin, since
        /// kinship runs along ancestor chains. Most checks involve a handful, not the whole firm.
        /// </summary>
        public IReadOnlyList<ClientFact> ChainsOf(IEnumerable<Guid> clientIds)
        {
            var chains = new Dictionary<Guid, ClientFact>();
            foreach (var id in clientIds)
            {
                for (var next = (Guid?)id; next is Guid current && !chains.ContainsKey(current) && byId.TryGetValue(current, out var client); next = client.ParentId)
                    chains.Add(current, client);
            }

            return [.. chains.Values];
        }
    }

    public async Task<Snapshot> GetAsync(DbConnection connection, DbTransaction? transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        CommandDefinition Command(string sql, object? args = null) => new(sql, args, transaction, cancellationToken: cancellationToken);

        // The stamp is read before the data: a change that lands in between is newer than the
        // stamp kept, so the next check reloads again rather than keeping stale facts.
        var stamp = await connection.ExecuteScalarAsync<long>(Command(StampSql));
        var source = connection.DataSource + "/" + connection.Database;
        var snapshot = current;
        if (snapshot is not null && snapshot.Stamp == stamp && snapshot.Source == source && now >= snapshot.LoadedAt && now - snapshot.LoadedAt < Lifetime)
            return snapshot;

        var clients = (await connection.QueryAsync<ClientRow>(Command(ClientsSql))).Select(c => new ClientFact(c.Id, c.Name, c.ParentId)).ToList();
        var searches = (await connection.QueryAsync<SearchRow>(Command(SearchesSql, new { ProtectedSince = now - ConflictChecker.ProtectionAfterClose })))
            .Select(s => new SearchFact(s.Id, s.ClientId, Enum.Parse<SearchStatus>(s.Status), s.ClosedAt, s.CodeName)).ToList();
        var manual = (await connection.QueryAsync<ManualRow>(Command(ManualRulesSql, new { Now = now })))
            .Select(m => new ManualRule(m.ClientId, m.Until, m.Reason)).ToList();
        current = snapshot = new Snapshot(source, stamp, now, clients, searches, manual);
        return snapshot;
    }

    private sealed class ClientRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid? ParentId { get; init; }
    }

    private sealed class SearchRow
    {
        public Guid Id { get; init; }
        public Guid ClientId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset? ClosedAt { get; init; }
        public string CodeName { get; init; } = "";
    }

    private sealed class ManualRow
    {
        public Guid ClientId { get; init; }
        public DateTimeOffset Until { get; init; }
        public string Reason { get; init; } = "";
    }
}
