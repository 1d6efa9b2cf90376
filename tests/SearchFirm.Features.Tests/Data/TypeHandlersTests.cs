using Dapper;
using Microsoft.Data.Sqlite;
using SearchFirm.Data;

namespace SearchFirm.Features.Tests.Data;

/// <summary>SQLite has no GUID, time or decimal type; the type handlers store them as TEXT and read them back.</summary>
public sealed class TypeHandlersTests
{
    private SqliteConnection connection = null!;

    [SetUp]
    public async Task OpenDatabase()
    {
        TypeHandlers.Register();
        connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE Samples (Position INTEGER PRIMARY KEY, G TEXT NULL, D TEXT NULL, M TEXT NULL)");
    }

    [TearDown]
    public async Task CloseDatabase() => await connection.DisposeAsync();

    [Test]
    public async Task A_guid_round_trips_as_text()
    {
        var id = Guid.CreateVersion7();

        await InsertAsync(new Sample(1, id, null, null));

        Assert.That((await ReadAsync()).Single().G, Is.EqualTo(id));
        Assert.That(await RawAsync("G"), Is.EqualTo(new[] { ("text", id.ToString("D")) }));
    }

    [Test]
    public async Task A_time_round_trips_as_sortable_UTC_text()
    {
        // 23:30 UTC the day before, written with a +02:00 offset and full tick precision.
        var local = new DateTimeOffset(2024, 3, 31, 1, 30, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var laterButSmallerLocalHour = new DateTimeOffset(2024, 3, 30, 23, 45, 0, TimeSpan.Zero);

        await InsertAsync(new Sample(1, null, laterButSmallerLocalHour, null));
        await InsertAsync(new Sample(2, null, local, null));

        var read = await connection.QueryAsync<DateTimeOffset>("SELECT D FROM Samples ORDER BY D");
        Assert.That(read, Is.EqualTo(new[] { local, laterButSmallerLocalHour }), "ordered by the stored text");
        Assert.That(read.Select(d => d.Offset), Is.All.EqualTo(TimeSpan.Zero));
        Assert.That((await RawAsync("D"))[1], Is.EqualTo(("text", "2024-03-30T23:30:00.1234567Z")));
    }

    [Test]
    public async Task A_decimal_round_trips_as_exact_text()
    {
        // More digits than a double holds: stored as REAL it would come back rounded.
        var amount = 1234567890123456789.123456789m;

        await InsertAsync(new Sample(1, null, null, amount));
        await InsertAsync(new Sample(2, null, null, -0.10m));

        Assert.That((await ReadAsync()).Select(s => s.M), Is.EqualTo(new decimal?[] { amount, -0.10m }));
        Assert.That(await RawAsync("M"), Is.EqualTo(new[] { ("text", "1234567890123456789.123456789"), ("text", "-0.10") }));
    }

    [Test]
    public async Task Nulls_round_trip_as_null()
    {
        await InsertAsync(new Sample(1, null, null, null));

        Assert.That((await ReadAsync()).Single(), Is.EqualTo(new Sample(1, null, null, null)));
    }

    private Task InsertAsync(Sample sample) =>
        connection.ExecuteAsync("INSERT INTO Samples (Position, G, D, M) VALUES (@Position, @G, @D, @M)", sample);

    private async Task<List<Sample>> ReadAsync() =>
        (await connection.QueryAsync<Sample>("SELECT Position, G, D, M FROM Samples ORDER BY Position")).AsList();

    private async Task<List<(string, string)>> RawAsync(string column) =>
        (await connection.QueryAsync<(string, string)>($"SELECT typeof({column}), {column} FROM Samples ORDER BY Position")).AsList();

    private sealed record Sample(long Position, Guid? G, DateTimeOffset? D, decimal? M);
}
