using System.Data.Common;
using Dapper;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Features.Searches;

/// <summary>Reads and writes a search's role specification: its criteria, in order.</summary>
internal static class Specification
{
    private const string DeleteSql = "DELETE FROM SearchCriteria WHERE SearchId = @SearchId";
    private const string InsertSql = """
        INSERT INTO SearchCriteria (SearchId, Position, CriterionKey, Label, Weight, Required)
        VALUES (@SearchId, @Position, @Key, @Label, @Weight, @Required)
        """;
    private const string ReadSql = """
        SELECT CriterionKey AS "Key", Label, Weight, Required FROM SearchCriteria
        WHERE SearchId = @SearchId ORDER BY Position
        """;

    public static async Task WriteAsync(DbConnection connection, DbTransaction? transaction, Guid searchId,
        IEnumerable<Criterion> criteria, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { SearchId = searchId }, transaction, cancellationToken: cancellationToken));
        var rows = criteria.Select((c, i) => new { SearchId = searchId, Position = i, c.Key, c.Label, c.Weight, c.Required });
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<CriterionDto>> ReadAsync(DbConnection connection, Guid searchId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CriterionDto>(new CommandDefinition(ReadSql, new { SearchId = searchId }, cancellationToken: cancellationToken))).AsList();
}

public sealed class CriterionDto
{
    public string Key { get; init; } = "";
    public string Label { get; init; } = "";
    public int Weight { get; init; }
    public bool Required { get; init; }
}
