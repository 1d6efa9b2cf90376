using System.Data.Common;

namespace SearchFirm.Data;

/// <summary>
/// The unit of work of one request: one connection, opened on first use, and at most one
/// transaction. Handlers take <see cref="ConnectionAsync"/> and <see cref="Transaction"/> and pass
/// both to Dapper; the transaction behaviour owns begin, commit and rollback.
/// </summary>
public sealed class DbSession(IConnectionFactory factory) : IAsyncDisposable
{
    private DbConnection? connection;
    private SemaphoreSlim? writeGate;

    public DbTransaction? Transaction { get; private set; }

    public DatabaseProvider Provider => factory.Provider;

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken cancellationToken = default) =>
        connection ??= await factory.OpenAsync(cancellationToken);

    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        if (Transaction is not null)
            throw new InvalidOperationException("A transaction is already open on this session.");
        var open = await ConnectionAsync(cancellationToken);
        // SQLite has one writer at a time. Writers of this process queue here, in order, instead of
        // polling the file lock with busy_timeout's growing sleeps (which made the slowest writer
        // wait seconds under load); other processes still meet the file lock and busy_timeout.
        writeGate = factory.WriteGate;
        if (writeGate is not null) await writeGate.WaitAsync(cancellationToken);
        try
        {
            // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is
            // taken up front, so two writers cannot deadlock on a lock upgrade.
            Transaction = await open.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            ReleaseGate();
            throw;
        }
    }

    /// <summary>The open transaction, begun now if there is none (for handlers that decide before writing).</summary>
    public async Task<DbTransaction> EnsureTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (Transaction is null) await BeginAsync(cancellationToken);
        return Transaction!;
    }

    private void ReleaseGate()
    {
        writeGate?.Release();
        writeGate = null;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.CommitAsync(cancellationToken);
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        finally
        {
            if (Transaction is null) ReleaseGate();
        }
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.RollbackAsync();
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            ReleaseGate();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await RollbackAsync();
        if (connection is not null) await connection.DisposeAsync();
    }
}
