using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Data;

/// <summary>
/// SQLite's bulk writer binds many rows a statement and leaves a parameter alone when it already
/// holds the value: what comes back must be exactly what went in, whatever the row count.
/// </summary>
public sealed class SqliteBulkWriterTests
{
    private ServiceProvider services = null!;
    private IBulkWriter writer = null!;
    private IConnectionFactory factory = null!;

    private static readonly BulkColumn[] Columns =
    [
        new("Position", BulkType.Int), new("Label", BulkType.Text), new("Ref", BulkType.Guid), new("At", BulkType.DateTimeOffset), new("Count", BulkType.Int),
    ];

    [SetUp]
    public async Task CreateTable()
    {
        services = TestDatabase.DataServices(TestDatabase.EmptySqlite());
        writer = services.GetRequiredService<IBulkWriter>();
        factory = services.GetRequiredService<IConnectionFactory>();
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE Samples (Position INTEGER PRIMARY KEY, Label TEXT NULL, Ref TEXT NULL, At TEXT NULL, Count INTEGER NULL)");
    }

    [TearDown]
    public async Task Dispose() => await services.DisposeAsync();

    /// <summary>Rows whose values repeat, change, turn null and come back, in runs that straddle statements.</summary>
    private static List<object?[]> Rows(int count)
    {
        var time = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(1));
        var ids = Enumerable.Range(0, 7).Select(_ => Guid.CreateVersion7()).ToArray();
        return Enumerable.Range(0, count).Select(i => new object?[]
        {
            i,
            i % 5 == 0 ? null : i % 3 == 0 ? "three" : new string('x', 1 + i % 4) + (i % 11 == 0 ? new string('é', 300) : ""),
            i % 4 == 3 ? null : ids[i / 9 % ids.Length],
            i % 10 < 7 ? time : time.AddMinutes(i),
            i / 6,
        }).ToList();
    }

    private static string Expected(object?[] row) =>
        string.Join("|", row[0], row[1] ?? "NULL", row[2] is Guid g ? g.ToString("D") : "NULL", TypeHandlers.ToSqliteText((DateTimeOffset)row[3]!), row[4]);

    [TestCase(1)]
    [TestCase(31)]
    [TestCase(32)]
    [TestCase(33)]
    [TestCase(200)]
    public async Task Every_row_is_stored_as_given(int count)
    {
        var rows = Rows(count);
        await using var connection = await factory.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // One array refilled for every row, as the import hands them over.
        var buffer = new object?[Columns.Length];
        var written = await writer.UpsertAsync(connection, transaction, "Samples", Columns, "ON CONFLICT (Position) DO NOTHING",
            rows.Select(r => { r.CopyTo(buffer, 0); return buffer; }), CancellationToken.None);
        await transaction.CommitAsync();

        var stored = await connection.QueryAsync<(long Position, string? Label, string? Ref, string At, long Count)>(
            "SELECT Position, Label, Ref, At, Count FROM Samples ORDER BY Position");
        Assert.That(written, Is.EqualTo(count));
        Assert.That(stored.Select(s => $"{s.Position}|{s.Label ?? "NULL"}|{s.Ref ?? "NULL"}|{s.At}|{s.Count}"), Is.EqualTo(rows.Select(Expected)));
    }

    [Test]
    public async Task An_upsert_counts_the_rows_it_inserted_or_updated_and_not_the_ones_it_left()
    {
        await using var connection = await factory.OpenAsync();
        await writer.WriteAsync(connection, null, "Samples", Columns, Rows(40), CancellationToken.None);

        var changed = Rows(80).Select(r => { r[4] = (int)r[4]! + ((int)r[0]! % 2 == 0 ? 1 : 0); return r; });
        var written = await writer.UpsertAsync(connection, null, "Samples", Columns,
            "ON CONFLICT (Position) DO UPDATE SET Count = excluded.Count WHERE Count <> excluded.Count", changed, CancellationToken.None);

        Assert.That(written, Is.EqualTo(40 + 20), "40 new rows, and the 20 of the first 40 whose count changed");
    }
}
