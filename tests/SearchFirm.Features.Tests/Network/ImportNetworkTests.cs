using System.Text;
using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;
using SearchFirm.Features.Network;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

/// <summary>
/// The import on each provider's own path (SQLite: an upsert straight into Relationships, batch by
/// batch or as one bulk load; SQL Server: staging and MERGE), and on SQLite also through the
/// staging path, which is what SQL Server runs and the only way to exercise its shape on a machine
/// without SQL Server. The bulk fixture lowers the bulk load's threshold so that these small files
/// take it whenever the table is no bigger than the file.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite, false, false)]
[TestFixture(DatabaseProvider.Sqlite, false, true)]
[TestFixture(DatabaseProvider.Sqlite, true, false)]
[TestFixture(DatabaseProvider.SqlServer, false, false)]
public sealed class ImportNetworkTests(DatabaseProvider provider, bool staged, bool bulkLoad) : Slice(provider)
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        if (!staged) return;
        var real = (IBulkWriter)services.Single(d => d.ServiceType == typeof(IBulkWriter)).ImplementationInstance!;
        services.Replace(ServiceDescriptor.Singleton<IBulkWriter>(new StagingOnly(real)));
    }

    /// <summary>The provider's bulk writer without its upsert: the import stages and merges.</summary>
    private sealed class StagingOnly(IBulkWriter real) : IBulkWriter
    {
        public bool CanUpsert => false;

        public Task WriteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string table,
            IReadOnlyList<BulkColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
            real.WriteAsync(connection, transaction, table, columns, rows, cancellationToken);

        public Task<int> UpsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string table,
            IReadOnlyList<BulkColumn> columns, string onConflict, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private Actor partner = null!;
    private Actor recruiter = null!;

    [SetUp]
    public async Task AddStaff()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        // Small batches, so that these few rows go through several transactions.
        var options = Services.GetRequiredService<IOptions<NetworkOptions>>().Value;
        options.ImportBatchSize = 2;
        options.ImportBulkLoad = bulkLoad;
        options.ImportBulkLoadMinRows = 1;
    }

    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")));

    private sealed class PersonRow
    {
        public string FullName { get; init; } = "";
        public bool IsOffLimits { get; init; }
    }

    private sealed record StoredRelationship(Guid Id, int Strength, string? Source, DateTimeOffset UpdatedAt);

    private async Task<List<StoredRelationship>> StoredRelationshipsAsync() =>
        (await Db(c => c.QueryAsync<(Guid Id, int Strength, string? Source, DateTimeOffset UpdatedAt)>("SELECT Id, Strength, Source, UpdatedAt FROM Relationships ORDER BY Id")))
        .Select(r => new StoredRelationship(r.Id, r.Strength, r.Source, r.UpdatedAt)).ToList();

    private Task<long> CountAsync(string table) => Db(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));

    private const string People = """
        external_id,full_name,email,current_title,current_organisation,off_limits
        ana,Dr Ana Ruiz,ana@mercy.example,CMO,Mercy Health,
        bo,Dr Bo Chen,,VP Medical Affairs,St Luke's,no
        ,Carla Diaz,carla@payer.example,Medical Director,Blue Payer,
        ,Nobody Knows,,,,
        dee,,dee@x.example,,,
        eve,Eve Evans,not-an-email,,,
        ana,Ana Again,,,,
        fay,"Fay ""The Fixer"" Fox",fay@x.example,,,yes
        gus,Gus "broken,gus@x.example,,,
        """;

    private const string Relationships = """
        from,to,kind,strength,source,since
        ana,bo,WorkedWith,4,CV,2015-06-01
        BO,ANA,workedwith,5,,
        carla@payer.example,ana,Mentor,3,,
        ana,ana,Knows,3,,
        ana,zed,Knows,3,,
        ana,fay,Enemies,3,,
        ana,fay,Knows,9,,
        ana,fay,Knows,2,,yesterday
        ana,"fay,Knows,2,,
        fay@x.example,bo,BoardTogether,2,Annual report,
        """;

    [Test]
    public async Task Good_rows_are_imported_in_batches_and_every_bad_row_is_reported_with_its_reason()
    {
        var report = await SendAs(partner, new ImportNetwork(Csv(People), Csv(Relationships)));

        Assert.That(report.Rejected.Select(r => (r.File, r.Row)), Is.EqualTo(new[]
        {
            ("people", 5L), ("people", 6L), ("people", 7L), ("people", 8L), ("people", 10L),
            ("relationships", 3L), ("relationships", 5L), ("relationships", 6L), ("relationships", 7L),
            ("relationships", 8L), ("relationships", 9L), ("relationships", 10L),
        }), string.Join("\n", report.Rejected));
        var reasons = report.Rejected.ToDictionary(r => (r.File, r.Row), r => r.Reason);
        Assert.Multiple(() =>
        {
            Assert.That(reasons[("people", 5)], Does.Contain("external_id or email is required"));
            Assert.That(reasons[("people", 6)], Does.Contain("full_name is required"));
            Assert.That(reasons[("people", 7)], Does.Contain("not an e-mail address"));
            Assert.That(reasons[("people", 8)], Does.Contain("also on row 2"));
            Assert.That(reasons[("people", 10)], Does.Contain("malformed CSV"));
            Assert.That(reasons[("relationships", 3)], Does.Contain("also on row 2"), "a symmetric relationship named the other way round is the same one");
            Assert.That(reasons[("relationships", 5)], Does.Contain("themselves"));
            Assert.That(reasons[("relationships", 6)], Does.Contain("'zed' is no known person"));
            Assert.That(reasons[("relationships", 7)], Does.Contain("kind 'Enemies'"));
            Assert.That(reasons[("relationships", 8)], Does.Contain("strength '9'"));
            Assert.That(reasons[("relationships", 9)], Does.Contain("since 'yesterday'"));
            Assert.That(reasons[("relationships", 10)], Does.Contain("malformed CSV"));
        });
        // Every data row counts, the malformed ones too: rows = imported + rejected.
        Assert.That(report.People, Is.EqualTo(new ImportCounts(9, 4, 5)));
        Assert.That(report.Relationships, Is.EqualTo(new ImportCounts(10, 3, 7)));
        Assert.That(await CountAsync("People"), Is.EqualTo(4));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(3));
        var fay = await Db(c => c.QuerySingleAsync<PersonRow>("SELECT FullName, IsOffLimits FROM People WHERE ExternalId = 'fay'"));
        Assert.That((fay.FullName, fay.IsOffLimits), Is.EqualTo(("Fay \"The Fixer\" Fox", true)));
    }

    [Test]
    public async Task Running_the_same_import_twice_changes_nothing()
    {
        var first = await SendAs(partner, new ImportNetwork(Csv(People), Csv(Relationships)));
        var before = await StoredRelationshipsAsync();

        var second = await SendAs(partner, new ImportNetwork(Csv(People), Csv(Relationships)));

        Assert.That(second.People, Is.EqualTo(first.People));
        Assert.That(second.Relationships, Is.EqualTo(first.Relationships));
        Assert.That(await CountAsync("People"), Is.EqualTo(4));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(3));
        Assert.That(await StoredRelationshipsAsync(), Is.EqualTo(before), "unchanged relationships are not rewritten");
    }

    [Test]
    public async Task A_later_import_updates_people_and_relationships_by_their_natural_keys()
    {
        await SendAs(partner, new ImportNetwork(Csv(People), Csv(Relationships)));

        var report = await SendAs(partner, new ImportNetwork(
            Csv("external_id,email,full_name,current_title\nbo,bo@stlukes.example,Dr Bo Chen,CMO\n"),
            Csv("from,to,kind,strength\nbo@stlukes.example,ana@mercy.example,WorkedWith,2\n")));

        Assert.That(report.Rejected, Is.Empty);
        var bo = await Db(c => c.QuerySingleAsync<(string Email, string CurrentTitle)>("SELECT Email, CurrentTitle FROM People WHERE ExternalId = 'bo'"));
        Assert.That(bo, Is.EqualTo(("bo@stlukes.example", "CMO")));
        Assert.That(await CountAsync("People"), Is.EqualTo(4));
        Assert.That(await Db(c => c.QueryAsync<long>("SELECT Strength FROM Relationships WHERE Kind = 'WorkedWith'")), Is.EqualTo(new[] { 2L }));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(3));
    }

    [Test]
    public async Task An_e_mail_that_belongs_to_someone_else_is_refused_for_that_row()
    {
        await SendAs(partner, new ImportNetwork(Csv(People), null));

        var report = await SendAs(partner, new ImportNetwork(Csv("external_id,full_name,email\nbo,Dr Bo Chen,ana@mercy.example\n"), null));

        Assert.That(report.Rejected.Single().Reason, Does.Contain("belongs to another person"));
        Assert.That(await Db(c => c.ExecuteScalarAsync<string?>("SELECT Email FROM People WHERE ExternalId = 'bo'")), Is.Null);
    }

    [Test]
    public void A_file_without_the_columns_it_needs_is_refused_whole()
    {
        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ImportNetwork(null, Csv("from,to,strength\na,b,3\n"))));
        var empty = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ImportNetwork(Csv(""), null)));
        var none = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ImportNetwork(null, null)));

        Assert.That(invalid!.Errors.Single().PropertyName, Is.EqualTo("relationships"));
        Assert.That(invalid.Errors.Single().ErrorMessage, Does.Contain("kind"));
        Assert.That(empty!.Errors.Single().PropertyName, Is.EqualTo("people"));
        Assert.That(none!.Errors.Single().PropertyName, Is.EqualTo("people"));
    }

    [Test]
    public async Task A_bad_relationships_header_refuses_the_import_before_any_person_is_written()
    {
        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ImportNetwork(Csv(People), Csv("foo,bar\n1,2\n"))));

        Assert.That(invalid!.Errors.Single().PropertyName, Is.EqualTo("relationships"));
        Assert.That(await CountAsync("People"), Is.Zero);
    }

    [Test]
    public async Task A_source_that_is_too_long_or_carries_control_characters_is_refused_for_that_row()
    {
        await SendAs(partner, new ImportNetwork(Csv(People), null));
        var ties = $"from,to,kind,strength,source\nana,bo,Knows,3,met at \u0007 a conference\nana,bo,Mentor,3,{new string('x', 201)}\nana,bo,ReportedTo,3,\u0090 a C1 control\nana,fay,Knows,3,Ça va - ünïcode fine\n";

        var report = await SendAs(partner, new ImportNetwork(null, Csv(ties)));

        Assert.That(report.Rejected.Select(r => (r.Row, r.Reason)), Is.EqualTo(new[]
        {
            (2L, "source must be at most 200 characters, without control characters."),
            (3L, "source must be at most 200 characters, without control characters."),
            (4L, "source must be at most 200 characters, without control characters."),
        }));
        Assert.That(await Db(c => c.ExecuteScalarAsync<string>("SELECT Source FROM Relationships")), Is.EqualTo("Ça va - ünïcode fine"));
    }

    [Test]
    public void Only_partners_and_admins_import() =>
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(recruiter, new ImportNetwork(Csv(People), null)));

    [Test]
    public async Task Imported_relationships_are_found_by_warm_paths()
    {
        await SendAs(partner, new ImportNetwork(Csv(People), Csv(Relationships)));
        var ana = await Db(c => c.ExecuteScalarAsync<string>("SELECT Id FROM People WHERE ExternalId = 'ana'"));
        await Db(c => c.ExecuteAsync("UPDATE People SET UserId = @UserId WHERE ExternalId = 'fay'", new { UserId = partner.Id }));

        var paths = await SendAs(partner, new FindWarmPaths(Guid.Parse(ana!)));

        Assert.That(paths.Paths.First().Steps.Select(s => s.Kind), Is.EqualTo(new[] { RelationshipKind.BoardTogether, RelationshipKind.WorkedWith }));
    }
    [Test]
    public async Task Bigger_batches_go_through_the_bulk_writer_in_chunks()
    {
        Services.GetRequiredService<IOptions<NetworkOptions>>().Value.ImportBatchSize = 1_000;
        var people = new StringBuilder("external_id,full_name\n");
        var ties = new StringBuilder("from,to,kind,strength\n");
        for (var i = 0; i < 150; i++)
        {
            people.Append($"p{i},Person {i}\n");
            ties.Append($"p{i},p{(i + 1) % 150},Knows,{1 + i % 5}\n");
        }

        var report = await SendAs(partner, new ImportNetwork(Csv(people.ToString()), Csv(ties.ToString())));

        Assert.That(report.Rejected, Is.Empty);
        Assert.That((report.People.Imported, report.Relationships.Imported), Is.EqualTo((150, 150)));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(150));
    }

    [Test]
    public async Task A_file_naming_thousands_of_people_resolves_them_once_and_still_rejects_strangers()
    {
        Services.GetRequiredService<IOptions<NetworkOptions>>().Value.ImportBatchSize = 20_000;
        var people = new StringBuilder("external_id,full_name,email\n");
        var ties = new StringBuilder("from,to,kind,strength\n");
        for (var i = 0; i < 6_000; i++)
        {
            people.Append($"p{i},Person {i},person{i}@example.org\n");
            // Half by e-mail, whichever way round: the symmetric ones must land once, in canonical order.
            ties.Append(i % 2 == 0 ? $"person{i}@example.org,p{(i + 1) % 6_000},WorkedWith,3\n" : $"p{(i + 1) % 6_000},p{i},Mentor,4\n");
        }

        ties.Append("stranger,p1,Knows,2\n");
        await SendAs(partner, new ImportNetwork(Csv(people.ToString()), null));

        var report = await SendAs(partner, new ImportNetwork(null, Csv(ties.ToString())));

        Assert.That((report.Relationships.Imported, report.Relationships.Rejected), Is.EqualTo((6_000, 1)));
        Assert.That(report.Rejected.Single().Reason, Does.Contain("'stranger' is no known person"));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(6_000));
        var again = await SendAs(partner, new ImportNetwork(null, Csv(ties.ToString())));
        Assert.That(again.Relationships.Imported, Is.EqualTo(6_000));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(6_000), "a re-run adds nothing");
    }

    [Test]
    public async Task Past_a_thousand_rejections_the_report_lists_the_first_thousand_in_file_order()
    {
        Services.GetRequiredService<IOptions<NetworkOptions>>().Value.ImportBatchSize = 500;
        await SendAs(partner, new ImportNetwork(Csv("external_id,full_name\na,A\nb,B\n"), null));
        // Rejected on both threads: bad strength while parsing, unknown people while writing.
        var ties = new StringBuilder("from,to,kind,strength\n");
        for (var i = 0; i < 3_000; i++) ties.Append(i % 2 == 0 ? "a,b,Knows,9\n" : $"a,nobody{i},Knows,2\n");

        var report = await SendAs(partner, new ImportNetwork(null, Csv(ties.ToString())));

        Assert.That(report.Relationships.Rejected, Is.EqualTo(3_000));
        Assert.That(report.RejectedListTruncated, Is.True);
        Assert.That(report.Rejected.Select(r => r.Row), Is.EqualTo(Enumerable.Range(2, 1_000).Select(r => (long)r)));
    }
}
