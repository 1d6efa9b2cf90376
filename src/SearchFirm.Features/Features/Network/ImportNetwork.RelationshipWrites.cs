using System.Data.Common;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Network;

namespace SearchFirm.Features.Network;

/// <summary>
/// relationships.csv, writing: accepted rows into Relationships (SQLite: a multi-row upsert in key
/// order, batch by batch, or the whole file at once in a bulk load; SQL Server: SqlBulkCopy into a
/// staging table and one MERGE), each write logged for the instances' in-memory graphs.
/// </summary>
internal sealed partial class ImportNetworkHandler
{
    /// <summary>Writes accepted rows (an upsert on SQLite, staging and MERGE on SQL Server) and logs them for the instances' in-memory graphs.</summary>
    private async Task WriteRelationshipsAsync(DbConnection connection, DbTransaction transaction, List<Relationship> accepted, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var written = bulk.CanUpsert
            ? await UpsertRelationshipsAsync(connection, transaction, accepted, now, cancellationToken)
            : await StageAndMergeRelationshipsAsync(connection, transaction, accepted, now, cancellationToken);
        // Instances' in-memory graphs learn of the batch from the change log; a re-run that wrote nothing logs nothing.
        if (written > 0)
            await NetworkChangeLog.RecordBatchAsync(connection, transaction, accepted.Select(a => (a.From.Id, a.To.Id)).ToList(), now, cancellationToken);
    }

    /// <summary>
    /// A bulk load's rows in the table's key order, so that the clustered table is written as
    /// appends, page after page. Sorted in two halves at once (the parser is done: both cores are
    /// free), then merged as they are written.
    /// </summary>
    /// <returns>The rows rejected as repeats of an earlier row.</returns>
    private async Task<int> WriteBulkLoadAsync(DbConnection connection, DbTransaction transaction, List<Relationship> all, CancellationToken cancellationToken)
    {
        var half = all.Count / 2;
        await Task.WhenAll(Task.Run(() => all.Sort(0, half, null), cancellationToken), Task.Run(() => all.Sort(half, all.Count - half, null), cancellationToken));

        var now = clock.GetUtcNow();
        var repeats = 0;
        var written = await bulk.UpsertAsync(connection, transaction, "Relationships", RelationshipTableColumns, UpsertRelationshipClause,
            TableRows(FirstOfEachKey(Merge(all, half), () => repeats++), now), cancellationToken);
        // A load is big by definition: one bulk row, without listing a million pairs to say so.
        if (written > 0 && all.Count > NetworkChangeLog.MaxRowsPerBatch) await NetworkChangeLog.RecordBulkAsync(connection, transaction, now, cancellationToken);
        else if (written > 0) await NetworkChangeLog.RecordBatchAsync(connection, transaction, all.Select(a => (a.From.Id, a.To.Id)).ToList(), now, cancellationToken);
        return repeats;
    }

    /// <summary>
    /// Sorted rows without repeats: rows of one relationship are next to each other, the one from
    /// the earliest row first; the others are rejected, naming it (as the batch path does).
    /// </summary>
    private IEnumerable<Relationship> FirstOfEachKey(IEnumerable<Relationship> sorted, Action onRepeat)
    {
        Relationship? first = null;
        foreach (var relationship in sorted)
        {
            if (first is { } earlier && earlier.SameKey(relationship))
            {
                Reject(RelationshipsFile, relationship.Row, SameRelationship(earlier.Row));
                onRepeat();
                continue;
            }

            first = relationship;
            yield return relationship;
        }
    }

    private static string SameRelationship(long firstRow) => $"the same relationship is also on row {firstRow}.";

    /// <summary>The two sorted halves of <paramref name="all"/> (split at <paramref name="half"/>) in one order.</summary>
    private static IEnumerable<Relationship> Merge(List<Relationship> all, int half)
    {
        int left = 0, right = half;
        while (left < half && right < all.Count)
            yield return all[left].CompareTo(all[right]) <= 0 ? all[left++] : all[right++];
        while (left < half) yield return all[left++];
        while (right < all.Count) yield return all[right++];
    }

    /// <summary>
    /// SQLite: straight into Relationships, sorted by its key so that the clustered B-tree is written
    /// page after page. The ends are already in the order the CHECK constraint requires of a
    /// symmetric kind (the lower person number first): a mistake here is refused, never stored.
    /// </summary>
    private Task<int> UpsertRelationshipsAsync(DbConnection connection, DbTransaction transaction, List<Relationship> accepted,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        accepted.Sort();
        return bulk.UpsertAsync(connection, transaction, "Relationships", RelationshipTableColumns, UpsertRelationshipClause,
            TableRows(accepted, now), cancellationToken);
    }

    /// <summary>The rows as the table's columns, one array reused for every row (the writer binds each before asking for the next).</summary>
    private static IEnumerable<object?[]> TableRows(IEnumerable<Relationship> accepted, DateTimeOffset now)
    {
        var values = new object?[RelationshipTableColumns.Length];
        values[7] = now;
        values[8] = now;
        foreach (var r in accepted)
        {
            values[0] = r.From.Number;
            values[1] = r.To.Number;
            values[2] = KindNames[(int)r.Kind];
            values[3] = r.Strength;
            values[4] = r.Id;
            values[5] = r.Source;
            values[6] = r.Since;
            yield return values;
        }
    }

    /// <summary>SQL Server: SqlBulkCopy into #RelationshipImport, then one MERGE (its fast path).</summary>
    private async Task<int> StageAndMergeRelationshipsAsync(DbConnection connection, DbTransaction transaction, List<Relationship> accepted,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var staged = accepted.Select(a => new object?[]
        {
            a.From.Number, a.To.Number, KindNames[(int)a.Kind], a.Strength, a.Source, a.Since, a.Id,
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(ClearRelationshipsSql), transaction: transaction, cancellationToken: cancellationToken));
        await bulk.WriteAsync(connection, transaction, RelationshipStaging, RelationshipColumns, staged, cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(MergeRelationshipsSql), new { Now = now }, transaction, cancellationToken: cancellationToken));
    }
}
