using Microsoft.Extensions.Logging;

namespace SearchFirm.Features.Common;

/// <summary>
/// Undo for what a command did outside the database, such as a stored file: it runs only if the
/// command's transaction rolls back (the handler failed, the audit insert failed, the commit
/// failed), so that a refused or failed command leaves nothing behind.
/// </summary>
public sealed partial class OnRollback
{
    private readonly List<Func<Task>> undo = [];

    public void Add(Func<Task> action) => undo.Add(action);

    /// <summary>Best effort, newest first; a failing undo is logged and does not hide the original error.</summary>
    internal async Task RunAsync(ILogger logger)
    {
        var pending = undo.ToArray();
        undo.Clear();
        for (var i = pending.Length - 1; i >= 0; i--)
        {
            try
            {
                await pending[i]();
            }
            catch (Exception e)
            {
                // The command already failed; its error is the one the caller must see.
                UndoFailed(logger, e);
            }
        }
    }

    internal void Forget() => undo.Clear();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not undo work outside the database after a rollback")]
    private static partial void UndoFailed(ILogger logger, Exception exception);
}
