using System.Collections.Frozen;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// relationships.csv, reading: two threads, one parsing and validating the CSV into batches, the
/// other resolving people and writing the previous batch (ImportNetwork.RelationshipWrites), so
/// parsing costs no wall-clock time. A first load of a file as big as the table is one sorted
/// pass instead of batches (<see cref="RelationshipBulkLoad"/>).
/// </summary>
internal sealed partial class ImportNetworkHandler
{
    /// <summary>A batch naming more unknown people than this loads every person's keys once for the rest of the file.</summary>
    private const int LoadAllPeopleAbove = 5_000;

    private const string AllPeopleKeysSql = "SELECT Id, Number, ExternalId, Email FROM People WHERE ExternalId IS NOT NULL OR Email IS NOT NULL";

    private static readonly BulkColumn[] RelationshipTableColumns =
    [
        new("FromPersonNumber", BulkType.Int), new("ToPersonNumber", BulkType.Int), new("Kind", BulkType.Text), new("Strength", BulkType.Int),
        new("Id", BulkType.Guid), new("Source", BulkType.Text), new("Since", BulkType.DateTimeOffset),
        new("CreatedAt", BulkType.DateTimeOffset), new("UpdatedAt", BulkType.DateTimeOffset),
    ];

    // SQLite's upsert, as in the staged merge: an unchanged row is not rewritten, so a re-run writes nothing.
    internal const string UpsertRelationshipClause = """
        ON CONFLICT (FromPersonNumber, ToPersonNumber, Kind) DO UPDATE
            SET Strength = excluded.Strength, Source = COALESCE(excluded.Source, Relationships.Source),
                Since = COALESCE(excluded.Since, Relationships.Since), UpdatedAt = excluded.UpdatedAt
            WHERE Relationships.Strength <> excluded.Strength
               OR (excluded.Source IS NOT NULL AND excluded.Source IS NOT Relationships.Source)
               OR (excluded.Since IS NOT NULL AND excluded.Since IS NOT Relationships.Since)
        """;

    private static readonly string[] KindNames = Enum.GetNames<RelationshipKind>();

    // By name only, any case: Enum.TryParse would also take "3" or "Knows, Mentor".
    private static readonly FrozenDictionary<string, RelationshipKind> KindsByName =
        Enum.GetValues<RelationshipKind>().ToFrozenDictionary(k => k.ToString(), StringComparer.OrdinalIgnoreCase);

    private bool allPeopleLoaded;

    /// <summary>Every person's keys were read under the write lock (a bulk load): nobody else can be found.</summary>
    private bool everyoneKnown;

    private sealed record RelationshipRow(long Row, string From, string To, RelationshipKind Kind, int Strength, string? Source, DateTimeOffset? Since);

    private readonly record struct RelationshipKey(int A, int B, RelationshipKind Kind);

    /// <summary>
    /// An accepted row, its ends in canonical order (a symmetric kind's lower person number first).
    /// Sorts as the table's key (From, To, Kind), then by row; kinds by name, as SQLite compares them.
    /// </summary>
    private readonly record struct Relationship(long Row, PersonKey From, PersonKey To, RelationshipKind Kind, int Strength, string? Source, DateTimeOffset? Since, Guid Id)
        : IComparable<Relationship>
    {
        public int CompareTo(Relationship other)
        {
            var c = From.Number.CompareTo(other.From.Number);
            if (c == 0) c = To.Number.CompareTo(other.To.Number);
            if (c == 0) c = string.CompareOrdinal(KindNames[(int)Kind], KindNames[(int)other.Kind]);
            return c != 0 ? c : Row.CompareTo(other.Row);
        }

        public bool SameKey(Relationship other) => From.Number == other.From.Number && To.Number == other.To.Number && Kind == other.Kind;
    }

    private async Task<ImportCounts> ImportRelationshipsAsync(DbConnection connection, Stream stream, CancellationToken cancellationToken)
    {
        var rejectedBefore = rejectedCount;
        var firstByKey = new Dictionary<RelationshipKey, long>();
        var batches = Channel.CreateBounded<List<RelationshipRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rows = 0;
        long? fileBytes = stream.CanSeek ? stream.Length - stream.Position : null;
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
            await using var bulkLoad = bulk.CanUpsert ? await RelationshipBulkLoad.BeginIfWorthItAsync(session, connection, fileBytes, options.Value, stop.Token) : null;
            if (bulkLoad is not null)
            {
                // Everyone's keys, read inside the load's transaction, which holds the write lock: the people it
                // writes exist until it commits, and a key not among them names no one (no lookup per batch).
                await LoadAllPeopleKeysAsync(connection, session.Transaction!, stop.Token);
                everyoneKnown = true;
            }

            // Sized from the guess, up to a million rows: a file of rejects must not reserve gigabytes.
            var pending = bulkLoad is null ? null : new List<Relationship>((int)Math.Min(bulkLoad.EstimatedRows, 1 << 20));
            while (await batches.Reader.WaitToReadAsync(stop.Token))
                while (batches.Reader.TryRead(out var batch))
                    imported += await FlushRelationshipsAsync(connection, batch, bulkLoad is null ? firstByKey : null, pending, stop.Token);
            if (bulkLoad is not null)
            {
                imported -= await WriteBulkLoadAsync(connection, session.Transaction!, pending!, stop.Token);
                await bulkLoad.CommitAsync(stop.Token);
            }
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
        var malformed = new StrongBox<int>();
        await foreach (var record in CsvRecords.ReadAsync(stream, RelationshipsFile, RelationshipsHeader, [], Reject, malformed, cancellationToken))
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
            else if (kindText is null || !KindsByName.TryGetValue(kindText, out kind))
                reason = $"kind '{kindText}' is not one of {string.Join(", ", KindNames)}.";
            else if (!int.TryParse(strengthText, NumberStyles.None, CultureInfo.InvariantCulture, out strength)
                     || strength is < RelationshipKinds.MinStrength or > RelationshipKinds.MaxStrength)
                reason = $"strength '{strengthText}' must be a whole number from {RelationshipKinds.MinStrength} to {RelationshipKinds.MaxStrength}.";
            else if (CsvRecords.TooLong(source, 200, "source") is { } tooLong) reason = tooLong;
            else if (sinceText is not null)
            {
                if (CsvRecords.TryDate(sinceText, out var parsed)) since = parsed;
                else reason = $"since '{sinceText}' is not a date (yyyy-mm-dd).";
            }

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
        return rows + malformed.Value;
    }

    /// <summary>
    /// The people a batch names, by external id or e-mail. Remembered for the whole file (a file
    /// names each person many times); a batch naming thousands of new people loads every person's
    /// keys at once instead of one lookup per batch; keys still unknown are looked up in the
    /// database (someone may have added them since).
    /// </summary>
    private async Task ResolvePeopleAsync(DbConnection connection, DbTransaction transaction, HashSet<string> unknown, CancellationToken cancellationToken)
    {
        if (unknown.Count > LoadAllPeopleAbove && !allPeopleLoaded)
        {
            await LoadAllPeopleKeysAsync(connection, transaction, cancellationToken);
            unknown.RemoveWhere(knownPeople.ContainsKey);
        }

        if (unknown.Count == 0) return;
        var (byExternal, byEmail) = await PeopleByKeysAsync(connection, transaction, unknown, cancellationToken);
        foreach (var key in unknown)
            if (byExternal.TryGetValue(key, out var person) || byEmail.TryGetValue(key, out person)) knownPeople[key] = person;
    }

    private async Task LoadAllPeopleKeysAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        allPeopleLoaded = true;
        var everyone = await connection.QueryAsync<KeyRow>(new CommandDefinition(AllPeopleKeysSql, transaction: transaction, cancellationToken: cancellationToken));
        var byExternalId = new List<KeyRow>();
        foreach (var person in everyone)
        {
            if (person.Email is not null) knownPeople[person.Email] = person.Key;
            if (person.ExternalId is not null) byExternalId.Add(person);
        }

        // An external id wins over an e-mail that happens to be the same text, as in the lookup by keys.
        foreach (var person in byExternalId) knownPeople[person.ExternalId!] = person.Key;
    }

    /// <summary>
    /// Resolves and checks a batch, then writes it in its own transaction; inside a bulk load the
    /// accepted rows are kept in <paramref name="pending"/> instead, to be written at the end.
    /// </summary>
    private async Task<int> FlushRelationshipsAsync(DbConnection connection, List<RelationshipRow> batch, Dictionary<RelationshipKey, long>? firstByKey,
        List<Relationship>? pending, CancellationToken cancellationToken)
    {
        // Through the session (this process's other writers queue at its write gate); inside a bulk load, the load's transaction.
        var transaction = await session.EnsureTransactionAsync(cancellationToken);
        var accepted = await AcceptAsync(connection, transaction, batch, firstByKey, cancellationToken);
        if (pending is not null)
        {
            pending.AddRange(accepted);
            return accepted.Count;
        }

        await WriteRelationshipsAsync(connection, transaction, accepted, cancellationToken);
        await session.CommitAsync(CancellationToken.None);
        return accepted.Count;
    }

    /// <summary>
    /// The batch's rows that name two known, different people, in canonical order; with
    /// <paramref name="firstByKey"/>, only those naming a relationship no earlier row named (a bulk
    /// load finds repeats once the whole file is sorted instead: <see cref="FirstOfEachKey"/>).
    /// </summary>
    private async Task<List<Relationship>> AcceptAsync(DbConnection connection, DbTransaction transaction, List<RelationshipRow> batch,
        Dictionary<RelationshipKey, long>? firstByKey, CancellationToken cancellationToken)
    {
        // One lookup a key: the ids are kept, and only keys nobody knows yet go to the database.
        var ids = new (PersonKey From, PersonKey To)[batch.Count];
        var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        LookUpPeople(batch, ids, unknown);
        if (unknown.Count > 0 && !everyoneKnown)
        {
            await ResolvePeopleAsync(connection, transaction, unknown, cancellationToken);
            LookUpPeople(batch, ids, null);
        }

        var newIds = new Guid[batch.Count];
        Ids.Fill(newIds, clock.GetUtcNow());
        return Accept(batch, ids, newIds, firstByKey);
    }

    // The loops over a batch's rows are plain methods, optimised at once: in the async method their
    // locals were fields of its state machine, and a method run once a batch never leaves tier 0.

    /// <summary>Fills in the ids of the people <paramref name="batch"/> names that are known; adds the other keys to <paramref name="unknown"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LookUpPeople(List<RelationshipRow> batch, (PersonKey From, PersonKey To)[] ids, HashSet<string>? unknown)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (ids[i].From.IsNone && !knownPeople.TryGetValue(batch[i].From, out ids[i].From)) unknown?.Add(batch[i].From);
            if (ids[i].To.IsNone && !knownPeople.TryGetValue(batch[i].To, out ids[i].To)) unknown?.Add(batch[i].To);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Relationship> Accept(List<RelationshipRow> batch, (PersonKey From, PersonKey To)[] ids, Guid[] newIds, Dictionary<RelationshipKey, long>? firstByKey)
    {
        var accepted = new List<Relationship>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (row, (from, to)) = (batch[i], ids[i]);
            string? reason = null;
            if (from.IsNone) reason = $"from '{row.From}' is no known person (external id or e-mail).";
            else if (to.IsNone) reason = $"to '{row.To}' is no known person (external id or e-mail).";
            else if (from == to) reason = "from and to are the same person: a person cannot have a relationship with themselves.";
            else
            {
                // Symmetric kinds are one relationship whichever way round a row names it.
                if (RelationshipKinds.IsSymmetric(row.Kind) && from.Number > to.Number) (from, to) = (to, from);
                var key = new RelationshipKey(from.Number, to.Number, row.Kind);
                if (firstByKey is not null && !firstByKey.TryAdd(key, row.Row)) reason = SameRelationship(firstByKey[key]);
                else
                {
                    accepted.Add(new Relationship(row.Row, from, to, row.Kind, row.Strength, row.Source, row.Since, newIds[i]));
                }
            }

            if (reason is not null) Reject(RelationshipsFile, row.Row, reason);
        }

        return accepted;
    }
}

/// <summary>A person as a relationship names them: the public id and the number Relationships stores (V0060).</summary>
internal readonly record struct PersonKey(Guid Id, int Number)
{
    /// <summary>The default value: no person found.</summary>
    public bool IsNone => Id == Guid.Empty;
}
