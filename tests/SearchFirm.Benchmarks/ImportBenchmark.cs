using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Network;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Import throughput: CSV files of people and relationships through the real ImportNetwork slice
/// (CSV parsing, validation, natural-key lookups, staging, merge) into a fresh SQLite database,
/// then the same relationships file again (the idempotent re-run).
/// </summary>
public sealed class ImportBenchmark(int people, int relationships, TextWriter log, int? batchSize = null, bool bulkLoad = true)
{
    public async Task RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "searchfirm-import-bench");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "import.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        var services = new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSearchFirmData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
        await using (var provider = services.BuildServiceProvider())
            await provider.GetRequiredService<Migrator>().MigrateAsync();

        var partner = await AddPartnerAsync(path, "partner@firm.test");

        var peopleCsv = Path.Combine(directory, "people.csv");
        var relationshipsCsv = Path.Combine(directory, "relationships.csv");
        WriteFiles(peopleCsv, relationshipsCsv);
        log.WriteLine($"files: {new FileInfo(peopleCsv).Length / 1024.0 / 1024.0:F1} MiB of people, {new FileInfo(relationshipsCsv).Length / 1024.0 / 1024.0:F1} MiB of relationships");

        var settings = new Dictionary<string, string?>();
        if (batchSize is { } size) settings["Network:ImportBatchSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Network:ImportBulkLoad"] = bulkLoad ? "true" : "false";
        await using var host = new BenchmarkHost(path, settings) { UserId = partner, Role = Role.Partner };
        await Measure(host, "people", people, () => new ImportNetwork(File.OpenRead(peopleCsv), null));
        await Measure(host, "relationships", relationships, () => new ImportNetwork(null, File.OpenRead(relationshipsCsv)));
        await Measure(host, "relationships again (nothing changes)", relationships, () => new ImportNetwork(null, File.OpenRead(relationshipsCsv)));
        log.WriteLine($"database after import: {(new FileInfo(path).Length + new FileInfo(path + "-wal").Length) / 1024.0 / 1024.0:F0} MiB");
    }

    /// <summary>A partner to import as (only a partner or an admin may import off-limits flags); their user id.</summary>
    internal static async Task<Guid> AddPartnerAsync(string path, string email)
    {
        var partner = Guid.CreateVersion7();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO Users (Id, Email, DisplayName, Role, PasswordHash, IsEnabled, CreatedAt) VALUES ($id, $email, 'Partner', 'Partner', 'x', 1, '2026-11-01T00:00:00.0000000Z')";
        command.Parameters.AddWithValue("$id", partner.ToString("D"));
        command.Parameters.AddWithValue("$email", email);
        await command.ExecuteNonQueryAsync();
        return partner;
    }

    private async Task Measure(BenchmarkHost host, string label, int rows, Func<ImportNetwork> request)
    {
        var import = request();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = await host.SendAsync(import);
        var wall = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await (import.People?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (import.Relationships?.DisposeAsync() ?? ValueTask.CompletedTask);
        var counts = import.People is not null ? report.People : report.Relationships;
        log.WriteLine($"import {label}: {counts.Imported:N0} imported, {counts.Rejected:N0} rejected in {wall:F1} s wall = {rows / wall:N0} rows/s " +
                      $"({cpuSeconds:F1} s CPU = {rows / cpuSeconds:N0} rows per CPU-second)");
    }

    private void WriteFiles(string peopleCsv, string relationshipsCsv)
    {
        var random = new Random(11);
        using (var writer = new StreamWriter(peopleCsv, false, new UTF8Encoding(false)))
        {
            writer.WriteLine("external_id,full_name,email,current_title,current_organisation");
            for (var i = 0; i < people; i++)
                writer.WriteLine($"p{i},Person {i},{(i % 2 == 0 ? $"person{i}@example.org" : "")},Physician,Organisation {i % 997}");
        }

        var seen = new HashSet<long>();
        string[] kinds = ["WorkedWith", "Knows", "ReportedTo", "Mentor", "BoardTogether"];
        using (var writer = new StreamWriter(relationshipsCsv, false, new UTF8Encoding(false)))
        {
            writer.WriteLine("from,to,kind,strength,source");
            var written = 0;
            while (written < relationships)
            {
                int a = random.Next(people), b = random.Next(people);
                if (a == b || !seen.Add(((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b))) continue;
                // Half the rows name people by e-mail, as exports from other systems do.
                var from = a % 2 == 0 && random.Next(2) == 0 ? $"person{a}@example.org" : $"p{a}";
                writer.WriteLine($"{from},p{b},{kinds[random.Next(kinds.Length)]},{random.Next(1, 6)},{(random.Next(10) == 0 ? "CV" : "")}");
                written++;
            }
        }
    }
}
