using System.Data.Common;
using Dapper;

namespace SearchFirm.Features.Network;

/// <summary>One row of NetworkChanges: the two people whose ties changed, or neither for a bulk change.</summary>
internal readonly record struct NetworkChange(long Seq, Guid? FromPersonId, Guid? ToPersonId)
{
    public bool IsBulk => FromPersonId is null && ToPersonId is null;
}

/// <summary>
/// NetworkChanges (V0050): every writer of Relationships records here, in its own transaction,
/// what it changed, so that each instance's <see cref="InMemoryNetwork"/> can catch up by reading
/// from its high-water mark. Portable SQL: the same texts run on both dialects.
/// </summary>
internal static class NetworkChangeLog
{
    /// <summary>Up to this many relationships a batch logs one row each; beyond, one bulk row (instances reload).</summary>
    public const int MaxRowsPerBatch = 256;

    internal const string RecordSql = "INSERT INTO NetworkChanges (FromPersonId, ToPersonId, ChangedAt) VALUES (@FromPersonId, @ToPersonId, @Now)";

    internal const string LatestSql = "SELECT COALESCE(MAX(Seq), 0) FROM NetworkChanges";

    internal const string SinceSql = "SELECT Seq, FromPersonId, ToPersonId FROM NetworkChanges WHERE Seq > @After ORDER BY Seq";

    public static Task RecordAsync(DbConnection connection, DbTransaction? transaction, Guid from, Guid to, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(RecordSql, new { FromPersonId = (Guid?)from, ToPersonId = (Guid?)to, Now = now }, transaction, cancellationToken: cancellationToken));

    /// <summary>A batch's relationships: one row each when few, else one bulk row.</summary>
    public static Task RecordBatchAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<(Guid From, Guid To)> changed,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (changed.Count == 0) return Task.CompletedTask;
        if (changed.Count > MaxRowsPerBatch) return RecordBulkAsync(connection, transaction, now, cancellationToken);
        var rows = changed.Select(c => new { FromPersonId = (Guid?)c.From, ToPersonId = (Guid?)c.To, Now = now }).ToList();
        return connection.ExecuteAsync(new CommandDefinition(RecordSql, rows, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>One bulk row: too many people changed to name them; instances reload.</summary>
    public static Task RecordBulkAsync(DbConnection connection, DbTransaction? transaction, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(RecordSql, new { FromPersonId = (Guid?)null, ToPersonId = (Guid?)null, Now = now }, transaction,
            cancellationToken: cancellationToken));

    public static Task<long> LatestAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(LatestSql, cancellationToken: cancellationToken));

    public static async Task<List<NetworkChange>> SinceAsync(DbConnection connection, long after, CancellationToken cancellationToken)
    {
        var changes = new List<NetworkChange>();
        await using var command = connection.CreateCommand();
        command.CommandText = SinceSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@After";
        parameter.Value = after;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            changes.Add(new NetworkChange(reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2)));
        return changes;
    }
}

/// <summary>
/// How far an instance has read the change log. On SQL Server an IDENTITY value is taken at insert
/// and becomes visible at commit, so Seq 12 can be read before 11: a missing Seq below the mark is
/// kept as a gap and re-read until it appears or <see cref="GapTimeout"/> passes (a rolled-back
/// insert or an identity jump leaves a gap that never fills). SQLite has one writer: no gaps.
/// Applying a change twice is harmless (it re-reads two people's ties), so re-reading is safe.
/// </summary>
internal sealed record ChangePosition(long Mark, IReadOnlyDictionary<long, DateTimeOffset> Gaps)
{
    public static readonly TimeSpan GapTimeout = TimeSpan.FromMinutes(1);

    /// <summary>A jump larger than this is an identity jump (SQL Server restart), not transactions in flight.</summary>
    private const int MaxTrackedGap = 1_000;

    public static ChangePosition At(long mark) => new(mark, new Dictionary<long, DateTimeOffset>());

    /// <summary>Read the log after this Seq.</summary>
    public long ReadAfter => Gaps.Count == 0 ? Mark : Math.Min(Mark, Gaps.Keys.Min() - 1);

    /// <summary>The changes not applied yet among those read, and the position after applying them.</summary>
    public (ChangePosition Next, List<NetworkChange> Fresh) Advance(IEnumerable<NetworkChange> read, DateTimeOffset now)
    {
        var gaps = new Dictionary<long, DateTimeOffset>(Gaps);
        var mark = Mark;
        var fresh = new List<NetworkChange>();
        foreach (var change in read.OrderBy(c => c.Seq))
        {
            if (change.Seq > mark)
            {
                if (change.Seq - mark - 1 <= MaxTrackedGap)
                    for (var missing = mark + 1; missing < change.Seq; missing++) gaps[missing] = now;
                mark = change.Seq;
                fresh.Add(change);
            }
            else if (gaps.Remove(change.Seq))
            {
                fresh.Add(change);
            }
        }

        foreach (var (seq, since) in gaps.ToList())
            if (now - since > GapTimeout) gaps.Remove(seq);
        return (new ChangePosition(mark, gaps), fresh);
    }
}
