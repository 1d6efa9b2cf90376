using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Network;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Import throughput into a network that is already big (a copy of the generated one): a file of
/// relationships between people it already holds (by external id, as the generator names them)
/// goes in batch by batch, the way any import smaller than the table does.
/// </summary>
public sealed class ImportIntoBenchmark(string sourceDb, int relationships, TextWriter log, int? batchSize = null)
{
    public async Task RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "searchfirm-import-into");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "network.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
            if (File.Exists(sourceDb + suffix)) File.Copy(sourceDb + suffix, path + suffix);
        }

        var partner = await ImportBenchmark.AddPartnerAsync(path, "import-partner@firm.test");
        long people, before;
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM People";
            people = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "SELECT COUNT(*) FROM Relationships";
            before = (long)(await command.ExecuteScalarAsync())!;
        }

        var csv = Path.Combine(directory, "relationships.csv");
        var random = new Random(5);
        string[] kinds = ["WorkedWith", "Knows", "ReportedTo", "Mentor", "BoardTogether"];
        await using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("from,to,kind,strength,source");
            for (var written = 0; written < relationships;)
            {
                long a = random.NextInt64(people), b = random.NextInt64(people);
                if (a == b) continue;
                await writer.WriteLineAsync($"ext-{a},ext-{b},{kinds[random.Next(kinds.Length)]},{random.Next(1, 6)},");
                written++;
            }
        }

        log.WriteLine($"into a network of {people:N0} people and {before:N0} relationships ({new FileInfo(path).Length / 1048576.0:F0} MiB)");
        var settings = new Dictionary<string, string?>();
        if (batchSize is { } size) settings["Network:ImportBatchSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = new BenchmarkHost(path, settings) { UserId = partner, Role = Role.Partner };
        foreach (var label in new[] { "relationships", "the same relationships again" })
        {
            var import = new ImportNetwork(null, File.OpenRead(csv));
            var (cpu, faults) = (Process.GetCurrentProcess().TotalProcessorTime, PageFaults.Minor());
            var watch = Stopwatch.StartNew();
            var report = await host.SendAsync(import);
            var wall = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            await import.Relationships!.DisposeAsync();
            log.WriteLine($"import {label}: {report.Relationships.Imported:N0} accepted, {report.Relationships.Rejected:N0} rejected in {wall:F1} s wall = " +
                          $"{relationships / wall:N0} rows/s ({cpuSeconds:F1} s CPU = {relationships / cpuSeconds:N0} rows per CPU-second), {PageFaults.Minor() - faults:N0} page faults");
        }
    }
}
