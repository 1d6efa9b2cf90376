using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// relationships.csv. Two threads: one parses and validates the CSV into batches, the other
/// resolves people and writes the previous batch, so parsing costs no wall-clock time. Writing:
/// on SQLite straight into Relationships, in key order, with a multi-row upsert (no staging
/// table, no second pass); on SQL Server into a staging table with SqlBulkCopy, then one MERGE.
/// </summary>
internal sealed partial class ImportNetworkHandler
{
    /// <summary>A batch naming more unknown people than this loads every person's keys once for the rest of the file.</summary>
    private const int LoadAllPeopleAbove = 5_000;

    private const string AllPeopleKeysSql = "SELECT Id, ExternalId, Email FROM People WHERE ExternalId IS NOT NULL OR Email IS NOT NULL";

    private static readonly BulkColumn[] RelationshipTableColumns =
    [
        new("FromPersonId", BulkType.Guid), new("ToPersonId", BulkType.Guid), new("Kind", BulkType.Text), new("Strength", BulkType.Int),
        new("Id", BulkType.Guid), new("Source", BulkType.Text), new("Since", BulkType.DateTimeOffset),
        new("CreatedAt", BulkType.DateTimeOffset), new("UpdatedAt", BulkType.DateTimeOffset),
    ];

    // SQLite's upsert, as in the staged merge: an unchanged row is not rewritten, so a re-run writes nothing.
    internal const string UpsertRelationshipClause = """
        ON CONFLICT (FromPersonId, ToPersonId, Kind) DO UPDATE
            SET Strength = excluded.Strength, Source = COALESCE(excluded.Source, Relationships.Source),
                Since = COALESCE(excluded.Since, Relationships.Since), UpdatedAt = excluded.UpdatedAt
            WHERE Relationships.Strength <> excluded.Strength
               OR (excluded.Source IS NOT NULL AND excluded.Source IS NOT Relationships.Source)
               OR (excluded.Since IS NOT NULL AND excluded.Since IS NOT Relationships.Since)
        """;

    private static readonly string[] KindNames = Enum.GetNames<RelationshipKind>();

    private bool allPeopleLoaded;

    private sealed record RelationshipRow(long Row, string From, string To, RelationshipKind Kind, int Strength, string? Source, DateTimeOffset? Since);

    private readonly record struct RelationshipKey(Guid A, Guid B, RelationshipKind Kind);

    private async Task<ImportCounts> ImportRelationshipsAsync(DbConnection connection, Stream stream, CancellationToken cancellationToken)
    {
        var rejectedBefore = rejectedCount;
        var firstByKey = new Dictionary<RelationshipKey, long>();
        var batches = Channel.CreateBounded<List<RelationshipRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rows = 0;
        var parser = Task.Run(async () =>
        {
            try
            {
                rows = await ParseRelationshipsAsync(stream, batches.Writer, stop.Token);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
                throw;
            }
        }, stop.Token);

        var imported = 0;
        try
        {
            while (await batches.Reader.WaitToReadAsync(stop.Token))
                while (batches.Reader.TryRead(out var batch))
                    imported += await FlushRelationshipsAsync(connection, batch, firstByKey, stop.Token);
        }
        catch (Exception) when (parser.IsFaulted)
        {
            // The parser's own exception (a bad header) is the one to report: awaited below.
        }
        finally
        {
            if (!parser.IsCompleted) await stop.CancelAsync();
            try
            {
                await parser;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stop.IsCancellationRequested)
            {
                // Stopped because writing failed: that exception is already on its way out.
            }
        }

        return new ImportCounts(rows, imported, rejectedCount - rejectedBefore);
    }

    /// <summary>Parses and validates the file into batches; returns the number of rows read.</summary>
    private async Task<int> ParseRelationshipsAsync(Stream stream, ChannelWriter<List<RelationshipRow>> batches, CancellationToken cancellationToken)
    {
        var rows = 0;
        var size = options.Value.ImportBatchSize;
        var batch = new List<RelationshipRow>(Math.Min(size, 65_536));
        await foreach (var record in CsvRecords.ReadAsync(stream, RelationshipsFile, ["from", "to", "kind", "strength"], [], Reject, cancellationToken))
        {
            rows++;
            var from = record.Get("from");
            var to = record.Get("to");
            var kindText = record.Get("kind");
            var strengthText = record.Get("strength");
            var source = record.Get("source");
            var sinceText = record.Get("since");
            string? reason = null;
            RelationshipKind kind = default;
            int strength = 0;
            DateTimeOffset? since = null;
            if (from is null) reason = "from is required (an external id or an e-mail).";
            else if (to is null) reason = "to is required (an external id or an e-mail).";
            else if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase)) reason = "a person cannot have a relationship with themselves.";
            else if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
                reason = $"kind '{kindText}' is not one of {string.Join(", ", Enum.GetNames<RelationshipKind>())}.";
            else if (!int.TryParse(strengthText, NumberStyles.None, CultureInfo.InvariantCulture, out strength)
                     || strength is < RelationshipKinds.MinStrength or > RelationshipKinds.MaxStrength)
                reason = $"strength '{strengthText}' must be a whole number from {RelationshipKinds.MinStrength} to {RelationshipKinds.MaxStrength}.";
            else if (CsvRecords.TooLong(source, 200, "source") is { } tooLong) reason = tooLong;
            else if (sinceText is not null && !CsvRecords.TryDate(sinceText, out var parsed)) reason = $"since '{sinceText}' is not a date (yyyy-mm-dd).";
            else if (sinceText is not null && CsvRecords.TryDate(sinceText, out parsed)) since = parsed;

            if (reason is not null)
            {
                Reject(RelationshipsFile, record.Row, reason);
                continue;
            }

            batch.Add(new RelationshipRow(record.Row, from!, to!, kind, strength, source, since));
            if (batch.Count >= size)
            {
                await batches.WriteAsync(batch, cancellationToken);
                batch = new List<RelationshipRow>(batch.Count);
            }
        }

        if (batch.Count > 0) await batches.WriteAsync(batch, cancellationToken);
        return rows;
    }

    /// <summary>
    /// The people a batch names, by external id or e-mail. Remembered for the whole file (a file
    /// names each person many times); a batch naming thousands of new people loads every person's
    /// keys at once instead of one lookup per batch; keys still unknown are looked up in the
    /// database (someone may have added them since).
    /// </summary>
    private async Task ResolvePeopleAsync(DbConnection connection, DbTransaction transaction, List<RelationshipRow> batch, CancellationToken cancellationToken)
    {
        var unknown = batch.SelectMany(r => new[] { r.From, r.To }).Where(k => !knownPeople.ContainsKey(k)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > LoadAllPeopleAbove && !allPeopleLoaded)
        {
            allPeopleLoaded = true;
            var everyone = await connection.QueryAsync<KeyRow>(new CommandDefinition(AllPeopleKeysSql, transaction: transaction, cancellationToken: cancellationToken));
            var byExternalId = new List<KeyRow>();
            foreach (var person in everyone)
            {
                if (person.Email is not null) knownPeople[person.Email] = person.Id;
                if (person.ExternalId is not null) byExternalId.Add(person);
            }

            // An external id wins over an e-mail that happens to be the same text, as in the lookup below.
            foreach (var person in byExternalId) knownPeople[person.ExternalId!] = person.Id;
            unknown = unknown.Where(k => !knownPeople.ContainsKey(k)).ToList();
        }

        if (unknown.Count == 0) return;
        var (byExternal, byEmail) = await PeopleByKeysAsync(connection, transaction, unknown, cancellationToken);
        foreach (var key in unknown)
            if (byExternal.TryGetValue(key, out var id) || byEmail.TryGetValue(key, out id)) knownPeople[key] = id;
    }

    private async Task<int> FlushRelationshipsAsync(DbConnection connection, List<RelationshipRow> batch, Dictionary<RelationshipKey, long> firstByKey,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ResolvePeopleAsync(connection, transaction, batch, cancellationToken);
        var accepted = new List<(Guid From, Guid To, RelationshipRow Row)>(batch.Count);
        foreach (var row in batch)
        {
            knownPeople.TryGetValue(row.From, out var from);
            knownPeople.TryGetValue(row.To, out var to);
            string? reason = null;
            if (from == Guid.Empty) reason = $"from '{row.From}' is no known person (external id or e-mail).";
            else if (to == Guid.Empty) reason = $"to '{row.To}' is no known person (external id or e-mail).";
            else if (from == to) reason = "from and to are the same person: a person cannot have a relationship with themselves.";
            else
            {
                // Symmetric kinds are one relationship whichever way round a row names it.
                var symmetric = RelationshipKinds.IsSymmetric(row.Kind);
                var key = symmetric && from.CompareTo(to) > 0 ? new RelationshipKey(to, from, row.Kind) : new RelationshipKey(from, to, row.Kind);
                if (firstByKey.TryGetValue(key, out var first)) reason = $"the same relationship is also on row {first}.";
                else
                {
                    firstByKey[key] = row.Row;
                    accepted.Add((from, to, row));
                }
            }

            if (reason is not null) Reject(RelationshipsFile, row.Row, reason);
        }

        var now = clock.GetUtcNow();
        var written = bulk.CanUpsert
            ? await UpsertRelationshipsAsync(connection, transaction, accepted, now, cancellationToken)
            : await StageAndMergeRelationshipsAsync(connection, transaction, accepted, now, cancellationToken);
        // Instances' in-memory graphs learn of the batch from the change log; a re-run that wrote nothing logs nothing.
        if (written > 0)
            await NetworkChangeLog.RecordBatchAsync(connection, transaction, accepted.Select(a => (a.From, a.To)).ToList(), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return accepted.Count;
    }

    /// <summary>
    /// SQLite: straight into Relationships, sorted by its key so that the clustered B-tree is written
    /// page after page. GUIDs are stored as lowercase "D" text and SQLite compares text bytewise, so
    /// ordinal order on that text is the table's order, and it is the order the CHECK constraint
    /// requires of a symmetric kind's ends (From &lt; To): a mistake here is refused, never stored.
    /// </summary>
    private Task<int> UpsertRelationshipsAsync(DbConnection connection, DbTransaction transaction, List<(Guid From, Guid To, RelationshipRow Row)> accepted,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<(string From, string To, object?[] Values)>(accepted.Count);
        foreach (var (from, to, row) in accepted)
        {
            var (a, b) = (from.ToString("D"), to.ToString("D"));
            if (RelationshipKinds.IsSymmetric(row.Kind) && string.CompareOrdinal(b, a) < 0) (a, b) = (b, a);
            rows.Add((a, b, [a, b, KindNames[(int)row.Kind], row.Strength, Ids.New(), row.Source, row.Since, now, now]));
        }

        rows.Sort((x, y) =>
        {
            var c = string.CompareOrdinal(x.From, y.From);
            if (c == 0) c = string.CompareOrdinal(x.To, y.To);
            return c != 0 ? c : string.CompareOrdinal((string)x.Values[2]!, (string)y.Values[2]!);
        });
        return bulk.UpsertAsync(connection, transaction, "Relationships", RelationshipTableColumns, UpsertRelationshipClause,
            rows.Select(r => r.Values), cancellationToken);
    }

    /// <summary>SQL Server: SqlBulkCopy into #RelationshipImport, then one MERGE (its fast path; the SQL decides the canonical order).</summary>
    private async Task<int> StageAndMergeRelationshipsAsync(DbConnection connection, DbTransaction transaction, List<(Guid From, Guid To, RelationshipRow Row)> accepted,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var staged = accepted.Select(a => new object?[]
        {
            a.From, a.To, KindNames[(int)a.Row.Kind], RelationshipKinds.IsSymmetric(a.Row.Kind) ? 1 : 0, a.Row.Strength, a.Row.Source, a.Row.Since, Ids.New(),
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(ClearRelationshipsSql), transaction: transaction, cancellationToken: cancellationToken));
        await bulk.WriteAsync(connection, transaction, RelationshipStaging, RelationshipColumns, staged, cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(MergeRelationshipsSql), new { Now = now }, transaction, cancellationToken: cancellationToken));
    }
}
