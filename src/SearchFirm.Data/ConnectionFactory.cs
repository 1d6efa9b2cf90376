using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

namespace SearchFirm.Data;

public interface IConnectionFactory
{
    DatabaseProvider Provider { get; }

    /// <summary>On SQLite, the queue of this process's writers (one at a time); null on SQL Server.</summary>
    SemaphoreSlim? WriteGate { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}

internal sealed class ConnectionFactory : IConnectionFactory
{
    private readonly string connectionString;

    public ConnectionFactory(DatabaseOptions options)
    {
        Provider = options.Provider;
        connectionString = Provider == DatabaseProvider.Sqlite
            ? SqliteConnectionString(options.ResolveConnectionString())
            : options.ResolveConnectionString();
        WriteGate = Provider == DatabaseProvider.Sqlite ? WriteGates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1)) : null;
    }

    // One gate per database file, shared by every factory in the process that opens it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    public DatabaseProvider Provider { get; }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    public SemaphoreSlim? WriteGate { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.SqlServer)
        {
            var sql = new SqlConnection(connectionString);
            await sql.OpenAsync(cancellationToken);
            return sql;
        }

        var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync(cancellationToken);
        // A pooled connection reuses its native handle, which keeps the settings below: apply them
        // once per handle, not on every open (they were a twentieth of a pipeline move's CPU).
        if (Configured.TryGetValue(sqlite.Handle!, out _)) return sqlite;
        Configured.AddOrUpdate(sqlite.Handle!, Marker);
        // Per-connection settings; journal_mode=WAL is persistent and set by the migrator.
        // Reads go through a memory map shared by every connection (the OS page cache) instead of
        // a copy per connection; the private cache only has to hold a write transaction's pages
        // (64 MiB, allocated as used), which a 50,000-row import batch needs to avoid spilling.
        using var pragma = sqlite.CreateCommand();
        // secure_delete: freed space is zeroed, so an erased candidate's data does not linger in the file (V0070).
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return sqlite;
    }

    /// <summary>
    /// Foreign keys on and a private cache: Cache=Shared with WAL serialises readers behind writers
    /// and defeats the point of WAL.
    /// </summary>
    private static bool IsInMemory(string dataSource) =>
        dataSource.Length == 0 || dataSource.Equals(":memory:", StringComparison.Ordinal);

    /// <summary>
    /// An empty file (an empty database to SQLite) made owner-only before SQLite creates it with its own
    /// default of 0644; SQLite gives the -wal and -shm files the database file's mode.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        try
        {
            OwnerOnly.CreateFile(path).Dispose();
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }

    internal static string SqliteConnectionString(string raw)
    {
        var builder = new SqliteConnectionStringBuilder(raw)
        {
            ForeignKeys = true,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.Mode != SqliteOpenMode.Memory && !IsInMemory(builder.DataSource))
        {
            OwnerOnly.CreateDirectory(directory);
            CreateOwnerOnly(builder.DataSource);
        }

        return builder.ToString();
    }
}
