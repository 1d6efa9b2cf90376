using System.Data.Common;
using Dapper;
using SearchFirm.Data;

namespace SearchFirm.Features.Network;

/// <summary>
/// A first load of the network on SQLite: a relationships file at least as big as the table it
/// goes into is written in one transaction, its rows sorted by the table's key in memory (so the
/// clustered table is written as appends), with the To-side index dropped first and built once at
/// the end and foreign keys checked by the import itself instead of row by row, the way databases
/// are bulk-loaded. Row by row at random keys, with a commit every batch (each commit rewrites the
/// pages a batch touched: for random keys, most of the table), the same file took four times as
/// long (RESULTS.md, Referral network, Import).
/// The price: SQLite's write lock is held for the whole file (about 9 s a million rows), so the
/// firm's other writes wait for it; the file's accepted rows are held in memory until then (about
/// 90 bytes a row). Readers are not blocked (WAL) and never see the table without its index (DDL
/// is transactional). A smaller import goes batch by batch.
/// </summary>
internal sealed class RelationshipBulkLoad : IAsyncDisposable
{
    /// <summary>Bytes a relationships row is assumed to take, to guess a file's rows from its length.</summary>
    private const int AssumedBytesPerRow = 48;

    /// <summary>The load's page cache (KiB, negative as SQLite takes it): the table's pages stay dirty in memory until the commit.</summary>
    private const int LoadCacheKiB = 524_288;

    private const string ToIndex = "IX_Relationships_To";

    private readonly DbSession session;
    private readonly DbConnection connection;
    private readonly long cacheSize;
    private string? indexSql;
    private bool committed;

    /// <summary>The file's rows, as guessed from its size.</summary>
    public long EstimatedRows { get; private init; }

    private RelationshipBulkLoad(DbSession session, DbConnection connection, long cacheSize)
    {
        this.session = session;
        this.connection = connection;
        this.cacheSize = cacheSize;
    }

    /// <summary>
    /// Opens the load's transaction when a file of <paramref name="fileBytes"/> is worth it (SQLite,
    /// allowed by the options, between their fewest and most rows, and the table holds no more rows
    /// than the file seems to); null otherwise.
    /// </summary>
    public static async Task<RelationshipBulkLoad?> BeginIfWorthItAsync(DbSession session, DbConnection connection, long? fileBytes,
        NetworkOptions options, CancellationToken cancellationToken)
    {
        if (session.Provider != DatabaseProvider.Sqlite || !options.ImportBulkLoad || fileBytes is not { } bytes) return null;
        var fileRows = Math.Max(1, bytes / AssumedBytesPerRow);
        if (fileRows < options.ImportBulkLoadMinRows || fileRows > options.ImportBulkLoadMaxRows) return null;

        // Counted only as far as it matters: a big table is not scanned to the end. (A guess: no lock needed.)
        // (SQLite's own SQL here, written in place: a bulk load happens only there.)
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM (SELECT 1 FROM Relationships LIMIT @Limit)",
            new { Limit = fileRows + 1 }, cancellationToken: cancellationToken));
        if (existing > fileRows) return null;

        var cacheSize = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA cache_size", cancellationToken: cancellationToken));
        var load = new RelationshipBulkLoad(session, connection, cacheSize) { EstimatedRows = fileRows };
        try
        {
            // Foreign keys are not checked row by row: every person the load names is read inside its
            // transaction (ImportNetworkHandler), which holds the write lock, so none can go away before
            // the commit. SQLite takes this setting only outside a transaction.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA foreign_keys = OFF", cancellationToken: cancellationToken));
            await session.BeginAsync(cancellationToken);
            var transaction = session.Transaction;
            // The migration's own definition is read back and replayed, so the index comes back exactly as it was.
            load.indexSql = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{ToIndex}'", transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA cache_size = -{LoadCacheKiB}", transaction: transaction, cancellationToken: cancellationToken));
            if (load.indexSql is not null)
                await connection.ExecuteAsync(new CommandDefinition($"DROP INDEX {ToIndex}", transaction: transaction, cancellationToken: cancellationToken));
            return load;
        }
        catch
        {
            await load.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the index again and commits the whole file.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (indexSql is not null)
            await connection.ExecuteAsync(new CommandDefinition(indexSql, transaction: session.Transaction, cancellationToken: cancellationToken));
        await session.CommitAsync(CancellationToken.None);
        committed = true;
    }

    /// <summary>Rolls back a load that did not finish (its index comes back with it) and gives the pooled connection its settings back.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!committed) await session.RollbackAsync();
        }
        finally
        {
            await connection.ExecuteAsync($"PRAGMA cache_size = {cacheSize}; PRAGMA foreign_keys = ON;");
        }
    }
}
