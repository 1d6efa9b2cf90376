namespace SearchFirm.Features.Common;

/// <summary>
/// A command whose handler reads and decides before it writes, and opens the transaction itself
/// (<see cref="Data.DbSession.BeginAsync"/>) just before its first write. Its writes must be
/// guarded (an expected version in the UPDATE) so that what it read cannot have changed unseen.
/// Why: SQLite has one writer at a time, and a command that reads inside its transaction holds
/// the write lock for its reads too; every other writer of the firm waits for them.
/// </summary>
public interface IDecidesBeforeWriting;
