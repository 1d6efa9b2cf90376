using System.Data.Common;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Network;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

/// <summary>
/// SQLite's bulk load of a relationships file (one transaction, the To-side index rebuilt at the
/// end): what it leaves behind when it finishes, and when it fails half-way.
/// </summary>
public sealed class RelationshipBulkLoadTests() : Slice(DatabaseProvider.Sqlite)
{
    private FailingWriter writer = null!;
    private Actor partner = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        var real = (IBulkWriter)services.Single(d => d.ServiceType == typeof(IBulkWriter)).ImplementationInstance!;
        writer = new FailingWriter(real);
        services.Replace(ServiceDescriptor.Singleton<IBulkWriter>(writer));
    }

    /// <summary>The real writer, made to fail on a chosen upsert: a disk full or a crash half-way through an import.</summary>
    private sealed class FailingWriter(IBulkWriter real) : IBulkWriter
    {
        private int upserts;
        private int failOn;

        /// <summary>The <paramref name="nth"/> upsert from now on fails.</summary>
        public void FailOn(int nth) => (upserts, failOn) = (0, nth);

        public bool CanUpsert => true;

        public Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
            IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
            real.WriteAsync(connection, transaction, table, columns, rows, cancellationToken);

        public Task<int> UpsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
            string onConflict, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
            ++upserts == failOn
                ? throw new IOException("disk full")
                : real.UpsertAsync(connection, transaction, table, columns, onConflict, rows, cancellationToken);
    }

    [SetUp]
    public async Task AddPeople()
    {
        partner = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Partner);
        var options = Services.GetRequiredService<IOptions<NetworkOptions>>().Value;
        options.ImportBatchSize = 10;
        options.ImportBulkLoadMinRows = 1;
        var people = new StringBuilder("external_id,full_name\n");
        for (var i = 0; i < 40; i++) people.Append($"p{i},Person {i}\n");
        await SendAs(partner, new ImportNetwork(Csv(people.ToString()), null));
    }

    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    /// <summary>Ties p{first}..p{first + count - 1}, each to the next person: a file of about 25 bytes a row.</summary>
    private static Stream Ties(int first, int count)
    {
        var ties = new StringBuilder("from,to,kind,strength\n");
        for (var i = first; i < first + count; i++) ties.Append($"p{i},p{i + 1},Mentor,3\n");
        return Csv(ties.ToString());
    }

    private Task<long> RelationshipsAsync() => Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Relationships"));

    private Task<string?> ToIndexSqlAsync() =>
        Db(c => c.ExecuteScalarAsync<string?>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'IX_Relationships_To'"));

    [Test]
    public async Task A_first_load_leaves_the_to_side_index_as_the_migration_made_it_and_in_use()
    {
        var before = await ToIndexSqlAsync();

        var report = await SendAs(partner, new ImportNetwork(null, Ties(0, 30)));

        Assert.That(report.Relationships.Imported, Is.EqualTo(30));
        Assert.That(await RelationshipsAsync(), Is.EqualTo(30));
        Assert.That(before, Does.Contain("ToPersonNumber"));
        Assert.That(await ToIndexSqlAsync(), Is.EqualTo(before));
        var plan = await Db(c => c.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN SELECT FromPersonNumber FROM Relationships WHERE ToPersonNumber = 7"));
        Assert.That(string.Join("\n", plan.Select(p => p.Detail)), Does.Contain("IX_Relationships_To"));
    }

    [Test]
    public async Task Repeats_are_found_once_the_file_is_sorted_and_each_names_the_first_row_of_its_relationship()
    {
        // Rows 2, 5 and 9 are one relationship (a symmetric kind, named both ways round and in any case); 3 and 7 another.
        var file = """
            from,to,kind,strength
            p1,p2,Knows,3
            p3,p4,Mentor,2
            p5,p6,Knows,2
            P2,p1,knows,5
            p7,p8,Mentor,4
            p3,p4,Mentor,5
            p9,p10,Mentor,1
            p2,P1,KNOWS,1
            """;

        var report = await SendAs(partner, new ImportNetwork(null, Csv(file.ReplaceLineEndings("\n"))));

        Assert.That(report.Relationships, Is.EqualTo(new ImportCounts(8, 5, 3)));
        Assert.That(report.Rejected.Select(r => (r.Row, r.Reason)), Is.EqualTo(new[]
        {
            (5L, "the same relationship is also on row 2."), (7L, "the same relationship is also on row 3."), (9L, "the same relationship is also on row 2."),
        }));
        Assert.That(await RelationshipsAsync(), Is.EqualTo(5));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT Strength FROM Relationships WHERE Kind = 'Knows' AND Strength <> 2")), Is.EqualTo(3),
            "the first row's strength is the one stored");
    }

    [Test]
    public async Task A_load_that_fails_half_way_writes_nothing_keeps_its_index_and_foreign_keys_hold_afterwards()
    {
        var index = await ToIndexSqlAsync();
        writer.FailOn(1);

        Assert.ThrowsAsync<IOException>(() => SendAs(partner, new ImportNetwork(null, Ties(0, 30))));

        Assert.That(await RelationshipsAsync(), Is.Zero, "one transaction: nothing of the file is kept");
        Assert.That(await ToIndexSqlAsync(), Is.EqualTo(index));
        // The load turned foreign-key checks off on its pooled connection; they are back for the next user of it.
        var orphan = Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Db(c => c.ExecuteAsync(
            "INSERT INTO Relationships (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, CreatedAt, UpdatedAt) VALUES (-1, -2, 'Mentor', 3, 'x', 't', 't')")));
        Assert.That(orphan!.Message, Does.Contain("FOREIGN KEY"));
        var again = await SendAs(partner, new ImportNetwork(null, Ties(0, 30)));
        Assert.That(again.Relationships.Imported, Is.EqualTo(30));
        Assert.That(await RelationshipsAsync(), Is.EqualTo(30));
    }

    [Test]
    public async Task A_file_smaller_than_the_table_goes_batch_by_batch_and_keeps_the_batches_it_finished()
    {
        await SendAs(partner, new ImportNetwork(null, Ties(0, 30)));
        writer.FailOn(3);
        // 30 rows of about 16 bytes: taken for 10 rows by its size, fewer than the 30 in the table.
        var smaller = "from,to,kind,strength\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"p{i},p{(i + 7) % 40},Knows,2\n"));

        Assert.ThrowsAsync<IOException>(() => SendAs(partner, new ImportNetwork(null, Csv(smaller))));

        Assert.That(await RelationshipsAsync(), Is.EqualTo(30 + 20), "batches of 10, each its own transaction: the two before the failure are kept");
    }

    [Test]
    public async Task A_file_guessed_bigger_than_the_bulk_loads_ceiling_goes_batch_by_batch_even_into_an_empty_table()
    {
        Services.GetRequiredService<IOptions<NetworkOptions>>().Value.ImportBulkLoadMaxRows = 5;
        writer.FailOn(3);

        // 30 rows of about 16 bytes, taken for 10: over the ceiling of 5, so batches of 10, each its own transaction.
        Assert.ThrowsAsync<IOException>(() => SendAs(partner, new ImportNetwork(null, Ties(0, 30))));

        Assert.That(await RelationshipsAsync(), Is.EqualTo(20), "the two batches before the failure are kept");
    }
}
