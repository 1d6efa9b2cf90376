namespace SearchFirm.Features.Network;

/// <summary>
/// Bounds on graph work, bound from the <c>Network</c> section (e.g. <c>Network__WarmPathTimeLimit=00:00:00.500</c>).
/// A super-connector with tens of thousands of ties must not turn one request into minutes of work:
/// past either bound the answer is what was found so far, marked truncated.
/// </summary>
public sealed class NetworkOptions
{
    /// <summary>People a warm-path search may discover before it stops looking.</summary>
    public int WarmPathMaxNodes { get; set; } = 100_000;

    /// <summary>Wall-clock budget of one warm-path search.</summary>
    public TimeSpan WarmPathTimeLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>People at one organisation examined by "who we know there".</summary>
    public int OrganisationMaxPeople { get; set; } = 5_000;

    /// <summary>
    /// Warm paths over a copy of the graph held in memory by each instance (<see cref="InMemoryNetwork"/>);
    /// false: every search reads ties from the database, as it does while the copy loads.
    /// </summary>
    public bool InMemoryGraph { get; set; } = true;

    /// <summary>How often an instance reads the change log when no search asks it to.</summary>
    public TimeSpan GraphPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an instance re-reads everyone off-limits, which its in-memory search uses to steer (the paths found are checked against the database).</summary>
    public TimeSpan OffLimitsRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the change log keeps a row (<see cref="PruneNetworkChangesJob"/>, hourly). A copy
    /// that has not read the log for half of it reloads rather than trust what is left.
    /// </summary>
    public TimeSpan ChangeLogRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// <see cref="ChangeLogRetention"/>, never under an hour: a row is stamped before its transaction
    /// commits (an import can hold one for minutes), and copies must read the log well inside it.
    /// </summary>
    internal TimeSpan EffectiveChangeLogRetention => ChangeLogRetention < MinimumChangeLogRetention ? MinimumChangeLogRetention : ChangeLogRetention;

    internal static readonly TimeSpan MinimumChangeLogRetention = TimeSpan.FromHours(1);

    /// <summary>How long to wait after a failed load or catch-up before trying again.</summary>
    public TimeSpan GraphRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows per transaction in a CSV import.</summary>
    public int ImportBatchSize { get; set; } = 50_000;

    /// <summary>
    /// On SQLite, a relationships file at least as big as the table (a first load) goes in one
    /// transaction with the To-side index built once at the end (<see cref="RelationshipBulkLoad"/>):
    /// several times faster, but the firm's other writes wait for the whole file.
    /// </summary>
    public bool ImportBulkLoad { get; set; } = true;

    /// <summary>The fewest rows (guessed from the file's size) worth a bulk load.</summary>
    public long ImportBulkLoadMinRows { get; set; } = 100_000;

    /// <summary>
    /// The most rows (guessed from the file's size) a bulk load takes: it holds them in memory
    /// (~100 bytes each) and the write lock for the whole file (~10 s a million); a bigger file goes in batches.
    /// </summary>
    public long ImportBulkLoadMaxRows { get; set; } = 10_000_000;

    /// <summary>The largest import request, in bytes.</summary>
    public long ImportMaxBytes { get; set; } = 1L << 30;
}
