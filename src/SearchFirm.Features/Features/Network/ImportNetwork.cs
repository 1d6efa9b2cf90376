using System.Runtime.CompilerServices;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// POST /api/network/import (multipart: <c>people</c> and/or <c>relationships</c> CSV files).
/// Every row is either imported whole or reported as rejected with its row number (the line in
/// the file; the header is row 1) and the reason; the rest goes in batches of
/// <see cref="NetworkOptions.ImportBatchSize"/>, one transaction each, so a huge file neither
/// holds the write lock for minutes nor loses finished batches if it stops half-way. The one
/// exception, on SQLite: a relationships file at least as big as the table (a first load) is one
/// transaction, several times faster (<see cref="RelationshipBulkLoad"/>). Idempotent
/// on natural keys: a person is matched by external id, else by e-mail; a relationship by
/// (from, to, kind), both ways for symmetric kinds. Running a file twice changes nothing.
/// Partners and admins: an import rewrites the firm's network at scale.
/// people.csv: external_id, full_name, email, current_title, current_organisation, off_limits
/// relationships.csv: from, to, kind, strength, source, since (from/to: external id or e-mail)
/// </summary>
[RequireRole(Role.Partner, Role.Admin)]
public sealed record ImportNetwork(Stream? People, Stream? Relationships) : IRequest<ImportReport>;

public sealed class ImportReport
{
    public ImportCounts People { get; init; } = new(0, 0, 0);
    public ImportCounts Relationships { get; init; } = new(0, 0, 0);
    /// <summary>The first <see cref="ImportNetworkHandler.MaxListedRejections"/> rejected rows, in file order.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; init; } = [];
    public bool RejectedListTruncated { get; init; }
}

public sealed record ImportCounts(int Rows, int Imported, int Rejected);

/// <summary>A row that was not imported: which file, its row (line in the file, header = 1), and why.</summary>
public sealed record RejectedRow(string File, long Row, string Reason);

public sealed class ImportNetworkValidator : AbstractValidator<ImportNetwork>
{
    public ImportNetworkValidator() =>
        RuleFor(x => x.People).NotNull().When(x => x.Relationships is null)
            .WithMessage("Send a people file, a relationships file, or both.");
}

/// <summary>A CSV file's header is wrong: the whole file is refused (400 naming the file).</summary>
internal sealed class CsvHeaderException(string file, string message) : Exception(message)
{
    public string File { get; } = file;
}

internal sealed partial class ImportNetworkHandler(DbSession session, ISqlDialect dialect, IBulkWriter bulk, ICurrentUser user,
    IOptions<NetworkOptions> options, TimeProvider clock) : IRequestHandler<ImportNetwork, ImportReport>
{
    public const int MaxListedRejections = 1_000;
    private const string PeopleFile = "people";
    private const string RelationshipsFile = "relationships";
    private static readonly string[] PeopleHeader = ["full_name"], PeopleKeyHeader = ["external_id", "email"];
    private static readonly string[] RelationshipsHeader = ["from", "to", "kind", "strength"];

    // ---- staging tables: created per import on the session's connection, dropped at the end ----

    private static readonly DialectSql CreateStagingSql = new(
        SqlServer: """
            IF OBJECT_ID(N'tempdb..#PersonImport') IS NULL
                CREATE TABLE #PersonImport (Id UNIQUEIDENTIFIER NOT NULL, IsNew INT NOT NULL, ExternalId NVARCHAR(100) NULL, FullName NVARCHAR(200) NOT NULL,
                    Email NVARCHAR(320) NULL, CurrentTitle NVARCHAR(200) NULL, CurrentOrganisation NVARCHAR(200) NULL, IsOffLimits INT NULL);
            IF OBJECT_ID(N'tempdb..#RelationshipImport') IS NULL
                CREATE TABLE #RelationshipImport (FromNumber INT NOT NULL, ToNumber INT NOT NULL, Kind NVARCHAR(20) NOT NULL,
                    Strength INT NOT NULL, Source NVARCHAR(200) NULL, Since DATETIMEOFFSET(7) NULL, Id UNIQUEIDENTIFIER NOT NULL);
            """,
        Sqlite: """
            CREATE TEMP TABLE IF NOT EXISTS PersonImport (Id TEXT NOT NULL, IsNew INTEGER NOT NULL, ExternalId TEXT NULL, FullName TEXT NOT NULL,
                Email TEXT NULL, CurrentTitle TEXT NULL, CurrentOrganisation TEXT NULL, IsOffLimits INTEGER NULL);
            CREATE TEMP TABLE IF NOT EXISTS RelationshipImport (FromNumber INTEGER NOT NULL, ToNumber INTEGER NOT NULL, Kind TEXT NOT NULL,
                Strength INTEGER NOT NULL, Source TEXT NULL, Since TEXT NULL, Id TEXT NOT NULL);
            """);

    private static readonly DialectSql DropStagingSql = new(
        SqlServer: "DROP TABLE IF EXISTS #PersonImport; DROP TABLE IF EXISTS #RelationshipImport;",
        Sqlite: "DROP TABLE IF EXISTS temp.PersonImport; DROP TABLE IF EXISTS temp.RelationshipImport;");

    private static readonly DialectSql ClearPeopleSql = new(SqlServer: "TRUNCATE TABLE #PersonImport", Sqlite: "DELETE FROM temp.PersonImport");
    private static readonly DialectSql ClearRelationshipsSql = new(SqlServer: "TRUNCATE TABLE #RelationshipImport", Sqlite: "DELETE FROM temp.RelationshipImport");

    // Staging table names for the bulk writer (SQL Server temp tables are #-named, SQLite's live in the temp schema).
    private string PersonStaging => dialect.Provider == DatabaseProvider.SqlServer ? "#PersonImport" : "temp.PersonImport";
    private string RelationshipStaging => dialect.Provider == DatabaseProvider.SqlServer ? "#RelationshipImport" : "temp.RelationshipImport";

    private static readonly BulkColumn[] PersonColumns =
    [
        new("Id", BulkType.Guid), new("IsNew", BulkType.Int), new("ExternalId", BulkType.Text), new("FullName", BulkType.Text),
        new("Email", BulkType.Text), new("CurrentTitle", BulkType.Text), new("CurrentOrganisation", BulkType.Text), new("IsOffLimits", BulkType.Int),
    ];

    private static readonly BulkColumn[] RelationshipColumns =
    [
        new("FromNumber", BulkType.Int), new("ToNumber", BulkType.Int), new("Kind", BulkType.Text),
        new("Strength", BulkType.Int), new("Source", BulkType.Text), new("Since", BulkType.DateTimeOffset), new("Id", BulkType.Guid),
    ];

    // ---- natural keys: one query per batch for every key it names ----
    // (IS NOT NULL spelled out so that SQL Server matches the filtered unique indexes.)

    private static readonly DialectSql PeopleByKeysSql = new(
        SqlServer: """
            SELECT p.Id, p.Number, p.ExternalId, p.Email
            FROM OPENJSON(@Keys) WITH (K NVARCHAR(320) '$') k JOIN dbo.People p ON p.ExternalId = k.K AND p.ExternalId IS NOT NULL
            UNION
            SELECT p.Id, p.Number, p.ExternalId, p.Email
            FROM OPENJSON(@Keys) WITH (K NVARCHAR(320) '$') k JOIN dbo.People p ON p.Email = k.K AND p.Email IS NOT NULL
            """,
        Sqlite: """
            SELECT p.Id, p.Number, p.ExternalId, p.Email FROM json_each(@Keys) k CROSS JOIN People p WHERE p.ExternalId = k.value
            UNION
            SELECT p.Id, p.Number, p.ExternalId, p.Email FROM json_each(@Keys) k CROSS JOIN People p WHERE p.Email = k.value
            """);

    // ---- merges: staging into the real tables, set-based ----

    private static readonly DialectSql MergePeopleSql = new(
        SqlServer: """
            UPDATE p SET FullName = s.FullName, ExternalId = COALESCE(s.ExternalId, p.ExternalId), Email = COALESCE(s.Email, p.Email),
                   CurrentTitle = COALESCE(s.CurrentTitle, p.CurrentTitle), CurrentOrganisation = COALESCE(s.CurrentOrganisation, p.CurrentOrganisation),
                   IsOffLimits = COALESCE(s.IsOffLimits, p.IsOffLimits), UpdatedAt = @Now
            FROM dbo.People p JOIN #PersonImport s ON s.Id = p.Id
            WHERE s.IsNew = 0;
            INSERT INTO dbo.People (Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt)
            SELECT s.Id, s.ExternalId, s.FullName, s.Email, s.CurrentTitle, s.CurrentOrganisation, NULL, NULL, COALESCE(s.IsOffLimits, 0), @Now, @Now
            FROM #PersonImport s WHERE s.IsNew = 1;
            """,
        Sqlite: """
            UPDATE People SET FullName = s.FullName, ExternalId = COALESCE(s.ExternalId, People.ExternalId), Email = COALESCE(s.Email, People.Email),
                   CurrentTitle = COALESCE(s.CurrentTitle, People.CurrentTitle), CurrentOrganisation = COALESCE(s.CurrentOrganisation, People.CurrentOrganisation),
                   IsOffLimits = COALESCE(s.IsOffLimits, People.IsOffLimits), UpdatedAt = @Now
            FROM temp.PersonImport s
            WHERE s.Id = People.Id AND s.IsNew = 0;
            INSERT INTO People (Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt)
            SELECT s.Id, s.ExternalId, s.FullName, s.Email, s.CurrentTitle, s.CurrentOrganisation, NULL, NULL, COALESCE(s.IsOffLimits, 0), @Now, @Now
            FROM temp.PersonImport s WHERE s.IsNew = 1;
            """);

    // The rows arrive in canonical order (a symmetric kind's lower person number first: the import
    // decides it, as CreateRelationship does). An unchanged row is not rewritten, so a second run
    // writes nothing. SQLite: rows go in key order (ORDER BY), so the clustered B-tree is written
    // page by page instead of at random: a third less time per batch, measured.
    private static readonly DialectSql MergeRelationshipsSql = new(
        SqlServer: """
            MERGE dbo.Relationships WITH (HOLDLOCK) AS r
            USING #RelationshipImport s ON r.FromPersonNumber = s.FromNumber AND r.ToPersonNumber = s.ToNumber AND r.Kind = s.Kind
            WHEN MATCHED AND (r.Strength <> s.Strength
                              OR (s.Source IS NOT NULL AND (r.Source IS NULL OR r.Source <> s.Source))
                              OR (s.Since IS NOT NULL AND (r.Since IS NULL OR r.Since <> s.Since))) THEN
                UPDATE SET Strength = s.Strength, Source = COALESCE(s.Source, r.Source), Since = COALESCE(s.Since, r.Since), UpdatedAt = @Now
            WHEN NOT MATCHED THEN
                INSERT (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
                VALUES (s.FromNumber, s.ToNumber, s.Kind, s.Strength, s.Id, s.Source, s.Since, NULL, @Now, @Now);
            """,
        Sqlite: """
            INSERT INTO Relationships (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
            SELECT i.FromNumber, i.ToNumber, i.Kind, i.Strength, i.Id, i.Source, i.Since, NULL, @Now, @Now
            FROM temp.RelationshipImport i WHERE true
            ORDER BY 1, 2, 3
            """ + "\n" + UpsertRelationshipClause + ";");

    private readonly List<RejectedRow> rejected = [];
    private readonly Dictionary<string, PersonKey> knownPeople = new(StringComparer.OrdinalIgnoreCase);
    private int rejectedCount;

    private static int FileOrder(RejectedRow r) => r.File == PeopleFile ? 0 : 1;

    // Called from the parsing thread and the writing one: rows arrive out of order, so the list
    // keeps the first rejections in file order (trimmed as it goes, sorted once at the end).
    private void Reject(string file, long row, string reason)
    {
        lock (rejected)
        {
            rejectedCount++;
            rejected.Add(new RejectedRow(file, row, reason));
            if (rejected.Count < 2 * MaxListedRejections) return;
            var first = rejected.OrderBy(FileOrder).ThenBy(r => r.Row).Take(MaxListedRejections).ToList();
            rejected.Clear();
            rejected.AddRange(first);
        }
    }

    public async ValueTask<ImportReport> Handle(ImportNetwork request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(CreateStagingSql), cancellationToken: cancellationToken));
        try
        {
            // Both headers before anything is written: a bad relationships file must not leave the people half-imported.
            if (request.People is not null) await CsvRecords.CheckHeaderAsync(request.People, PeopleFile, PeopleHeader, PeopleKeyHeader, cancellationToken);
            if (request.Relationships is not null) await CsvRecords.CheckHeaderAsync(request.Relationships, RelationshipsFile, RelationshipsHeader, [], cancellationToken);
            var people = request.People is null ? new ImportCounts(0, 0, 0) : await ImportPeopleAsync(connection, request.People, cancellationToken);
            var relationships = request.Relationships is null ? new ImportCounts(0, 0, 0) : await ImportRelationshipsAsync(connection, request.Relationships, cancellationToken);
            return new ImportReport
            {
                People = people,
                Relationships = relationships,
                Rejected = rejected.OrderBy(FileOrder).ThenBy(r => r.Row).Take(MaxListedRejections).ToList(),
                RejectedListTruncated = rejectedCount > MaxListedRejections,
            };
        }
        catch (CsvHeaderException e)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(e.File, e.Message)]);
        }
        finally
        {
            // A batch (or a bulk load) that failed half-way is undone as a whole.
            await session.RollbackAsync();
            await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(DropStagingSql), cancellationToken: CancellationToken.None));
        }
    }

    // ---------------------------------------------------------------- people

    private sealed record PersonRow(long Row, string? ExternalId, string FullName, string? Email, string? Title, string? Organisation, int? OffLimits);

    private async Task<ImportCounts> ImportPeopleAsync(DbConnection connection, Stream stream, CancellationToken cancellationToken)
    {
        int rows = 0, imported = 0, rejectedBefore = rejectedCount;
        var firstByKey = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var batch = new List<PersonRow>();
        var mayFlag = user.Role is Role.Partner or Role.Admin;

        var malformed = new StrongBox<int>();
        await foreach (var record in CsvRecords.ReadAsync(stream, PeopleFile, PeopleHeader, PeopleKeyHeader, Reject, malformed, cancellationToken))
        {
            rows++;
            var externalId = record.Get("external_id");
            var fullName = record.Get("full_name");
            var email = record.Get("email");
            var offLimitsText = record.Get("off_limits");
            string? reason = null;
            int? offLimits = null;
            if (fullName is null) reason = "full_name is required.";
            else if (externalId is null && email is null) reason = "external_id or email is required (it is how a second import finds the person again).";
            else if ((CsvRecords.TooLong(fullName, 200) ?? CsvRecords.TooLong(externalId, 100, "external_id") ?? CsvRecords.TooLong(record.Get("current_title"), 200, "current_title")
                     ?? CsvRecords.TooLong(record.Get("current_organisation"), 200, "current_organisation")) is { } tooLong) reason = tooLong;
            else if (email is not null && !CsvRecords.IsEmail(email)) reason = $"email '{email}' is not an e-mail address.";
            else if (offLimitsText is not null && !CsvRecords.TryBool(offLimitsText, out var flag)) reason = $"off_limits '{offLimitsText}' is not true or false.";
            else if (offLimitsText is not null && CsvRecords.TryBool(offLimitsText, out flag) && (offLimits = flag ? 1 : 0) == 1 && !mayFlag) reason = "only a partner or an admin may flag a person off-limits.";
            else if (externalId is not null && firstByKey.TryGetValue("x:" + externalId, out var first)) reason = $"external_id '{externalId}' is also on row {first}.";
            else if (email is not null && firstByKey.TryGetValue("e:" + email, out first)) reason = $"email '{email}' is also on row {first}.";

            if (reason is not null)
            {
                Reject(PeopleFile, record.Row, reason);
                continue;
            }

            if (externalId is not null) firstByKey["x:" + externalId] = record.Row;
            if (email is not null) firstByKey["e:" + email] = record.Row;
            batch.Add(new PersonRow(record.Row, externalId, fullName!, email, record.Get("current_title"), record.Get("current_organisation"), offLimits));
            if (batch.Count >= options.Value.ImportBatchSize)
            {
                imported += await FlushPeopleAsync(connection, batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0) imported += await FlushPeopleAsync(connection, batch, cancellationToken);
        return new ImportCounts(rows + malformed.Value, imported, rejectedCount - rejectedBefore);
    }

    private sealed class KeyRow
    {
        public Guid Id { get; init; }
        public int Number { get; init; }
        public PersonKey Key => new(Id, Number);
        public string? ExternalId { get; init; }
        public string? Email { get; init; }
    }

    /// <summary>Who the batch's keys already name: external id and e-mail, each case-insensitive.</summary>
    private async Task<(Dictionary<string, PersonKey> ByExternalId, Dictionary<string, PersonKey> ByEmail)> PeopleByKeysAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var found = await connection.QueryAsync<KeyRow>(new CommandDefinition(dialect.Pick(PeopleByKeysSql),
            new { Keys = JsonSerializer.Serialize(keys.Distinct(StringComparer.OrdinalIgnoreCase)) }, transaction, cancellationToken: cancellationToken));
        var byExternalId = new Dictionary<string, PersonKey>(StringComparer.OrdinalIgnoreCase);
        var byEmail = new Dictionary<string, PersonKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in found)
        {
            if (row.ExternalId is not null) byExternalId[row.ExternalId] = row.Key;
            if (row.Email is not null) byEmail[row.Email] = row.Key;
        }

        return (byExternalId, byEmail);
    }

    private async Task<int> FlushPeopleAsync(DbConnection connection, List<PersonRow> batch, CancellationToken cancellationToken)
    {
        // Through the session: this process's other writers queue behind the batch at the write gate.
        var transaction = await session.EnsureTransactionAsync(cancellationToken);
        var (byExternalId, byEmail) = await PeopleByKeysAsync(connection, transaction,
            batch.SelectMany(p => new[] { p.ExternalId, p.Email }).OfType<string>(), cancellationToken);

        var staged = new List<object?[]>(batch.Count);
        foreach (var person in batch)
        {
            var matchByExternalId = person.ExternalId is not null && byExternalId.TryGetValue(person.ExternalId, out var x) ? x.Id : (Guid?)null;
            var matchByEmail = person.Email is not null && byEmail.TryGetValue(person.Email, out var e) ? e.Id : (Guid?)null;
            if (matchByExternalId is not null && matchByEmail is not null && matchByExternalId != matchByEmail)
            {
                Reject(PeopleFile, person.Row, $"email '{person.Email}' belongs to another person than external_id '{person.ExternalId}'.");
                continue;
            }

            var match = matchByExternalId ?? matchByEmail;
            staged.Add([match ?? Ids.New(), match is null ? 1 : 0, person.ExternalId, person.FullName, person.Email, person.Title, person.Organisation, person.OffLimits]);
        }

        await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(ClearPeopleSql), transaction: transaction, cancellationToken: cancellationToken));
        await bulk.WriteAsync(connection, transaction, PersonStaging, PersonColumns, staged, cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(dialect.Pick(MergePeopleSql), new { Now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        }
        catch (Exception ex) when (dialect.IsUniqueViolation(ex))
        {
            throw new ConflictException("import-raced", "Someone changed the same people while this import ran; nothing of this batch was written. Run the import again: it is safe to repeat.");
        }

        await session.CommitAsync(CancellationToken.None);
        return staged.Count;
    }
}
