namespace SearchFirm.Features.Common;

/// <summary>
/// Work that must happen only if the command's transaction commits: enqueuing a Hangfire job by
/// id, sending an e-mail. A job enqueued inside the transaction could run before the row it reads
/// exists, or for a row that was rolled back.
/// </summary>
public sealed class AfterCommit
{
    private readonly List<Func<CancellationToken, Task>> actions = [];

    public void Add(Action action) => actions.Add(_ => { action(); return Task.CompletedTask; });

    public void Add(Func<CancellationToken, Task> action) => actions.Add(action);

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = actions.ToArray();
        actions.Clear();
        foreach (var action in pending)
            await action(cancellationToken);
    }

    internal void Discard() => actions.Clear();
}
