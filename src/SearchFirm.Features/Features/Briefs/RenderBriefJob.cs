using System.Security.Cryptography;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SearchFirm.Data;
using SearchFirm.Features.Briefs.Rendering;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// Who this process is to the briefs it renders. <see cref="SoleWorker"/> is true where Hangfire's
/// storage is in memory: then no other process can be rendering, and a brief leased by another
/// process id was left behind by a crash and may be taken over at once.
/// </summary>
public sealed record BriefWorker(Guid Id, bool SoleWorker);

/// <summary>
/// The Hangfire job that renders one brief, by id. Safe to run twice, or at once on two workers:
/// it first claims the brief with a lease in one UPDATE, and does nothing when the brief is
/// Ready or another worker holds a live lease. Each render is stored under its own key and the
/// others are removed once the brief is Ready, so a Ready brief has exactly one PDF.
/// Errors are stored in words that carry no personal data; Hangfire retries until
/// <see cref="BriefsOptions.MaxAttempts"/>, then the brief is Failed.
/// </summary>
public sealed partial class RenderBriefJob(IConnectionFactory connections, IBriefRenderer renderer, IBriefStore store, BriefWorker worker,
    IOptions<BriefsOptions> options, TimeProvider clock, ILogger<RenderBriefJob> logger)
{
    private const string ClaimSql = """
        UPDATE Briefs SET Status = 'Rendering', Attempts = Attempts + 1, LeaseOwner = @Owner, LeaseUntil = @Until, UpdatedAt = @Now
        WHERE Id = @Id
          AND (Status = 'Requested'
               OR (Status = 'Rendering' AND (LeaseUntil < @Now OR (@SoleWorker = 1 AND LeaseOwner <> @Owner))))
        """;

    /// <summary>Attempts already counts the one just claimed.</summary>
    private const string LoadSql = "SELECT ModelJson, Attempts FROM Briefs WHERE Id = @Id";

    private const string ReadySql = """
        UPDATE Briefs SET Status = 'Ready', StorageKey = @Key, Sha256 = @Sha256, SizeBytes = @Size, PageCount = @Pages,
            Error = NULL, LeaseOwner = NULL, LeaseUntil = NULL, ReadyAt = @Now, UpdatedAt = @Now
        WHERE Id = @Id AND Status = 'Rendering' AND LeaseOwner = @Owner
        """;

    private const string FailedSql = """
        UPDATE Briefs SET Status = @Status, Error = @Error, LeaseOwner = NULL, LeaseUntil = NULL, UpdatedAt = @Now
        WHERE Id = @Id AND Status = 'Rendering' AND LeaseOwner = @Owner
        """;

    private const string ReleaseSql = """
        UPDATE Briefs SET Status = 'Requested', Attempts = Attempts - 1, LeaseOwner = NULL, LeaseUntil = NULL, UpdatedAt = @Now
        WHERE Id = @Id AND Status = 'Rendering' AND LeaseOwner = @Owner
        """;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 120, 300])]
    public async Task RunAsync(Guid briefId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(ClaimSql, new
        {
            Id = briefId, Owner = worker.Id, Until = now + options.Value.Lease, Now = now, SoleWorker = worker.SoleWorker ? 1 : 0,
        }, cancellationToken: cancellationToken));
        if (claimed == 0)
        {
            NothingToDo(logger, briefId);
            return;
        }

        var brief = await connection.QuerySingleAsync<Loaded>(new CommandDefinition(LoadSql, new { Id = briefId }, cancellationToken: cancellationToken));
        try
        {
            var pdf = await renderer.PdfAsync(BriefModel.FromJson(brief.ModelJson), cancellationToken);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
            var key = await store.SaveAsync(briefId, sha256, pdf, cancellationToken);
            var done = await connection.ExecuteAsync(new CommandDefinition(ReadySql, new
            {
                Id = briefId, Owner = worker.Id, Key = key, Sha256 = sha256, Size = (long)pdf.Length, Pages = PageCount(pdf), Now = clock.GetUtcNow(),
            }, cancellationToken: CancellationToken.None));
            if (done == 0)
            {
                // Our lease ran out and another worker finished first: keep its PDF, not ours.
                store.Delete(key);
                LostLease(logger, briefId);
                return;
            }

            foreach (var other in store.Keys(briefId).Where(k => k != key))
                store.Delete(other);
            Rendered(logger, briefId, pdf.Length, brief.Attempts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the brief back untouched; Hangfire or the sweeper runs it again.
            await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { Id = briefId, Owner = worker.Id, Now = clock.GetUtcNow() }));
            throw;
        }
        catch (Exception e)
        {
            var error = SafeError(e);
            var attempts = brief.Attempts;
            var final = attempts >= options.Value.MaxAttempts;
            await connection.ExecuteAsync(new CommandDefinition(FailedSql, new
            {
                Id = briefId, Owner = worker.Id, Now = clock.GetUtcNow(), Error = error,
                Status = final ? nameof(BriefStatus.Failed) : nameof(BriefStatus.Requested),
            }));
            RenderFailed(logger, briefId, attempts, final, e);
            // Not final: let Hangfire retry. The exception it keeps says only what the row says.
            if (!final) throw new BriefRenderException(error);
        }
    }

    /// <summary>What the API may show about a failure: never the exception's message, which can quote the document.</summary>
    internal static string SafeError(Exception e) => e switch
    {
        BrowserNotFoundException => "Chromium was not found. Install it (Debian: apt-get install chromium) or set Briefs__ChromiumPath.",
        TimeoutException => "Printing timed out.",
        PlaywrightException => "The browser failed while printing; the next attempt starts a new one.",
        IOException => "The PDF could not be stored.",
        _ => $"Rendering failed ({e.GetType().Name}); the details are in the server log.",
    };

    private static int PageCount(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private sealed class Loaded
    {
        public string ModelJson { get; init; } = "";
        public int Attempts { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Brief {BriefId} is Ready or being rendered elsewhere; nothing to do")]
    private static partial void NothingToDo(ILogger logger, Guid briefId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Brief {BriefId} rendered: {Bytes} bytes, attempt {Attempt}")]
    private static partial void Rendered(ILogger logger, Guid briefId, int bytes, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Brief {BriefId} was finished by another worker after this one's lease ran out")]
    private static partial void LostLease(ILogger logger, Guid briefId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Brief {BriefId} failed on attempt {Attempt} (final: {Final})")]
    private static partial void RenderFailed(ILogger logger, Guid briefId, int attempt, bool final, Exception exception);
}

/// <summary>A failed render, as Hangfire records it: the safe words only.</summary>
public sealed class BriefRenderException(string message) : Exception(message);
