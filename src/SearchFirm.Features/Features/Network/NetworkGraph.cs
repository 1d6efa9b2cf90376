using System.Data.Common;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Network;

namespace SearchFirm.Features.Network;

/// <summary>One tie of a person as the graph walk sees it: the other end, and the stored direction.</summary>
public readonly record struct Tie(Guid PersonId, Guid NeighbourId, RelationshipKind Kind, int Strength, bool Outgoing);

/// <summary>Where a graph walk reads ties from: the database in production, arrays in benchmarks and tests.</summary>
public interface ITieSource
{
    /// <summary>
    /// Streams every tie of these people, whichever end of the relationship they are on, and stops
    /// early when <paramref name="accept"/> says so (the walk's node cap).
    /// </summary>
    Task ReadTiesAsync(IReadOnlyCollection<Guid> people, Func<Tie, bool> accept, CancellationToken cancellationToken);

    /// <summary>How many ties these people have: an index-only count, far cheaper than reading them.</summary>
    Task<long> CountTiesAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken);
}

/// <summary>
/// The network's reads, batched: one query per frontier, the ids passed as one JSON parameter.
/// Relationships are stored once (symmetric kinds From &lt; To), so a person's ties are the rows
/// where they are From (the clustered key) plus those where they are To (IX_Relationships_To):
/// two index range scans per person, both covering.
/// </summary>
internal sealed class NetworkGraph(DbConnection connection, ISqlDialect dialect) : ITieSource
{
    // Relationships name people by number (V0060): the ids go to numbers through People, and the
    // other end's number back to its id, one primary-key lookup each.
    private static readonly DialectSql TiesSql = new(
        SqlServer: """
            SELECT p.Id AS PersonId, n.Id AS NeighbourId, r.Kind, CAST(r.Strength AS INT) AS Strength, 1 AS Outgoing
            FROM OPENJSON(@Ids) WITH (Id UNIQUEIDENTIFIER '$') j
            JOIN dbo.People p ON p.Id = j.Id
            JOIN dbo.Relationships r ON r.FromPersonNumber = p.Number
            JOIN dbo.People n ON n.Number = r.ToPersonNumber
            UNION ALL
            SELECT p.Id, n.Id, r.Kind, CAST(r.Strength AS INT), 0
            FROM OPENJSON(@Ids) WITH (Id UNIQUEIDENTIFIER '$') j
            JOIN dbo.People p ON p.Id = j.Id
            JOIN dbo.Relationships r ON r.ToPersonNumber = p.Number
            JOIN dbo.People n ON n.Number = r.FromPersonNumber
            """,
        // CROSS JOIN fixes SQLite's loop order: walk the ids, find each person, seek their relationships.
        Sqlite: """
            SELECT p.Id AS PersonId, n.Id AS NeighbourId, r.Kind, r.Strength, 1 AS Outgoing
            FROM json_each(@Ids) j CROSS JOIN People p CROSS JOIN Relationships r CROSS JOIN People n
            WHERE p.Id = j.value AND r.FromPersonNumber = p.Number AND n.Number = r.ToPersonNumber
            UNION ALL
            SELECT p.Id, n.Id, r.Kind, r.Strength, 0
            FROM json_each(@Ids) j CROSS JOIN People p CROSS JOIN Relationships r CROSS JOIN People n
            WHERE p.Id = j.value AND r.ToPersonNumber = p.Number AND n.Number = r.FromPersonNumber
            """);

    private static readonly DialectSql CountTiesSql = new(
        SqlServer: """
            SELECT (SELECT COUNT_BIG(*) FROM OPENJSON(@Ids) WITH (Id UNIQUEIDENTIFIER '$') j JOIN dbo.People p ON p.Id = j.Id
                    JOIN dbo.Relationships r ON r.FromPersonNumber = p.Number)
                 + (SELECT COUNT_BIG(*) FROM OPENJSON(@Ids) WITH (Id UNIQUEIDENTIFIER '$') j JOIN dbo.People p ON p.Id = j.Id
                    JOIN dbo.Relationships r ON r.ToPersonNumber = p.Number)
            """,
        Sqlite: """
            SELECT (SELECT COUNT(*) FROM json_each(@Ids) j CROSS JOIN People p CROSS JOIN Relationships r
                    WHERE p.Id = j.value AND r.FromPersonNumber = p.Number)
                 + (SELECT COUNT(*) FROM json_each(@Ids) j CROSS JOIN People p CROSS JOIN Relationships r
                    WHERE p.Id = j.value AND r.ToPersonNumber = p.Number)
            """);

    /// <summary>Staff are where introductions start: people linked to an enabled user.</summary>
    private const string StaffPeopleSql = """
        SELECT p.Id AS PersonId, u.Id AS UserId
        FROM People p JOIN Users u ON u.Id = p.UserId
        WHERE u.IsEnabled = 1
        """;

    private static readonly DialectSql PeopleByIdsSql = new(
        SqlServer: """
            SELECT p.Id, p.FullName, p.CurrentTitle, p.CurrentOrganisation, p.UserId
            FROM OPENJSON(@Ids) WITH (Id UNIQUEIDENTIFIER '$') j
            JOIN dbo.People p ON p.Id = j.Id
            """,
        Sqlite: """
            SELECT p.Id, p.FullName, p.CurrentTitle, p.CurrentOrganisation, p.UserId
            FROM json_each(@Ids) j CROSS JOIN People p
            WHERE p.Id = j.value
            """);

    private const string RelationshipSql = """
        SELECT r.Source, r.Since, r.SearchId
        FROM People f
        JOIN Relationships r ON r.FromPersonNumber = f.Number
        JOIN People t ON t.Number = r.ToPersonNumber
        WHERE f.Id = @FromPersonId AND t.Id = @ToPersonId AND r.Kind = @Kind
        """;

    public async Task ReadTiesAsync(IReadOnlyCollection<Guid> people, Func<Tie, bool> accept, CancellationToken cancellationToken)
    {
        if (people.Count == 0) return;
        await using var command = connection.CreateCommand();
        command.CommandText = dialect.Pick(TiesSql);
        OffLimitsIntermediaries.AddParameter(command, "@Ids", JsonIds.Of(people));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var tie = new Tie(reader.GetGuid(0), reader.GetGuid(1), ParseKind(reader.GetString(2)), reader.GetInt32(3), reader.GetInt32(4) == 1);
            if (!accept(tie)) return;
        }
    }

    public async Task<long> CountTiesAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
    {
        if (people.Count == 0) return 0;
        await using var command = connection.CreateCommand();
        command.CommandText = dialect.Pick(CountTiesSql);
        OffLimitsIntermediaries.AddParameter(command, "@Ids", JsonIds.Of(people));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<StaffPerson>> StaffPeopleAsync(CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StaffPerson>(new CommandDefinition(StaffPeopleSql, cancellationToken: cancellationToken))).AsList();

    public async Task<Dictionary<Guid, PersonRef>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<PersonRef>(new CommandDefinition(dialect.Pick(PeopleByIdsSql),
            new { Ids = JsonIds.Of(ids.Distinct()) }, cancellationToken: cancellationToken));
        return rows.ToDictionary(p => p.Id);
    }

    public Task<RelationshipContext?> RelationshipAsync(Guid from, Guid to, RelationshipKind kind, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RelationshipContext>(new CommandDefinition(RelationshipSql,
            new { FromPersonId = from, ToPersonId = to, Kind = kind.ToString() }, cancellationToken: cancellationToken));

    internal static RelationshipKind ParseKind(string kind) => kind switch
    {
        "WorkedWith" => RelationshipKind.WorkedWith,
        "ReportedTo" => RelationshipKind.ReportedTo,
        "Mentor" => RelationshipKind.Mentor,
        "BoardTogether" => RelationshipKind.BoardTogether,
        "Knows" => RelationshipKind.Knows,
        _ => Enum.Parse<RelationshipKind>(kind),
    };
}

public sealed class StaffPerson
{
    public Guid PersonId { get; init; }
    public Guid UserId { get; init; }
}

/// <summary>A person as paths and lists show them.</summary>
public sealed class PersonRef
{
    public Guid Id { get; init; }
    public string FullName { get; init; } = "";
    public string? CurrentTitle { get; init; }
    public string? CurrentOrganisation { get; init; }
    /// <summary>Set when the person is a member of staff.</summary>
    public Guid? UserId { get; init; }
}

internal sealed class RelationshipContext
{
    public string? Source { get; init; }
    public DateTimeOffset? Since { get; init; }
    public Guid? SearchId { get; init; }
}
