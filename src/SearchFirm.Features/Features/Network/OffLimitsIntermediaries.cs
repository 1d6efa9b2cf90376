using System.Data.Common;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Features.Network;

/// <summary>
/// THE place that decides who may not be used as an intermediary of a warm introduction. Off
/// limits: people flagged by hand (People.IsOffLimits) and people currently employed (no end date)
/// by a protected client. A client is protected while one of its searches is Open or OnHold or
/// for <see cref="ProtectionAfterClose"/> after one closed, and so are its parent and its
/// subsidiaries (Clients.ParentClientId, one level each way); a manual off-limits rule in force
/// (OffLimitsRules) protects its client the same way.
/// </summary>
internal sealed class OffLimitsIntermediaries
{
    public static readonly TimeSpan ProtectionAfterClose = TimeSpan.FromDays(365);

    private const string ProtectedClientsSql = """
        WITH Live AS (
            SELECT s.ClientId FROM Searches s
            WHERE s.Status IN (@Open, @OnHold) OR (s.ClosedAt IS NOT NULL AND s.ClosedAt >= @ClosedSince)
            UNION SELECT r.ClientId FROM OffLimitsRules r WHERE r.Until > @Now
        )
        SELECT ClientId FROM Live
        UNION SELECT c.Id FROM Clients c WHERE c.ParentClientId IN (SELECT ClientId FROM Live)
        UNION SELECT c.ParentClientId FROM Clients c WHERE c.ParentClientId IS NOT NULL AND c.Id IN (SELECT ClientId FROM Live)
        """;

    // One seek per person (their current positions), then the client list. SQLite's unary + keeps
    // it from seeking (ClientId, PersonId) once per protected client instead: 100 seeks a person.
    private static readonly DialectSql OffLimitsAmongSql = new(
        SqlServer: """
            SELECT p.Id
            FROM OPENJSON(@Ids) WITH (Id UNIQUEIDENTIFIER '$') j
            JOIN dbo.People p ON p.Id = j.Id
            WHERE p.IsOffLimits = 1
               OR EXISTS (SELECT 1 FROM dbo.Employment e
                          WHERE e.PersonId = p.Id AND e.EndDate IS NULL
                            AND e.ClientId IN (SELECT c.Id FROM OPENJSON(@ClientIds) WITH (Id UNIQUEIDENTIFIER '$') c))
            """,
        Sqlite: """
            SELECT p.Id
            FROM json_each(@Ids) j
            JOIN People p ON p.Id = j.value
            WHERE p.IsOffLimits = 1
               OR EXISTS (SELECT 1 FROM Employment e
                          WHERE e.PersonId = p.Id AND e.EndDate IS NULL
                            AND +e.ClientId IN (SELECT c.value FROM json_each(@ClientIds) c))
            """);

    // Everyone off-limits at once, for an instance's in-memory search (InMemoryNetwork): the flagged
    // (IX_People_OffLimits) and the current staff of each protected client (IX_Employment_Current_Client).
    private static readonly DialectSql AllSql = new(
        SqlServer: """
            SELECT p.Id FROM dbo.People p WHERE p.IsOffLimits = 1
            UNION
            SELECT e.PersonId
            FROM OPENJSON(@ClientIds) WITH (Id UNIQUEIDENTIFIER '$') c
            JOIN dbo.Employment e ON e.ClientId = c.Id AND e.EndDate IS NULL AND e.ClientId IS NOT NULL
            """,
        Sqlite: """
            SELECT p.Id FROM People p WHERE p.IsOffLimits = 1
            UNION
            SELECT e.PersonId FROM json_each(@ClientIds) c CROSS JOIN Employment e
            WHERE e.ClientId = c.value AND e.EndDate IS NULL AND e.ClientId IS NOT NULL
            """);

    private readonly DbConnection connection;
    private readonly ISqlDialect dialect;
    private readonly string sql;
    private readonly string clientIds;

    private OffLimitsIntermediaries(DbConnection connection, ISqlDialect dialect, IReadOnlyCollection<Guid> protectedClients)
    {
        this.connection = connection;
        this.dialect = dialect;
        sql = dialect.Pick(OffLimitsAmongSql);
        clientIds = JsonIds.Of(protectedClients);
        ProtectedClients = protectedClients;
    }

    public IReadOnlyCollection<Guid> ProtectedClients { get; }

    /// <summary>Reads the protected clients once; the per-batch checks then reuse them.</summary>
    public static async Task<OffLimitsIntermediaries> LoadAsync(DbConnection connection, ISqlDialect dialect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clients = await connection.QueryAsync<Guid>(new CommandDefinition(ProtectedClientsSql, new
        {
            Open = nameof(SearchStatus.Open),
            OnHold = nameof(SearchStatus.OnHold),
            ClosedSince = now - ProtectionAfterClose,
            Now = now,
        }, cancellationToken: cancellationToken));
        return new OffLimitsIntermediaries(connection, dialect, clients.Distinct().ToList());
    }

    /// <summary>Which of these people are off-limits as intermediaries.</summary>
    public async Task<HashSet<Guid>> AmongAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        if (people.Count == 0) return found;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameter(command, "@Ids", JsonIds.Of(people));
        AddParameter(command, "@ClientIds", clientIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add(reader.GetGuid(0));
        return found;
    }

    /// <summary>Every person off-limits as an intermediary now (about 1% of the generated network).</summary>
    public async Task<HashSet<Guid>> AllAsync(CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        await using var command = connection.CreateCommand();
        command.CommandText = dialect.Pick(AllSql);
        AddParameter(command, "@ClientIds", clientIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add(reader.GetGuid(0));
        return found;
    }

    internal static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Size = -1;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
