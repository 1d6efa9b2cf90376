using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Retention;

/// <summary>
/// Daily retention, a background job: a candidate whose consent to processing has lapsed
/// (withdrawn, or given longer ago than <see cref="RetentionOptions.ConsentValidFor"/> and not given
/// again) is erased once <see cref="RetentionOptions.GracePeriod"/> has passed, exactly as "forget
/// me" erases (<see cref="CandidateErasure"/>), each in its own transaction with a tombstone event
/// by the system. Candidates who never recorded a processing consent are the firm's to decide on,
/// and someone in a live search's pipeline is kept until it ends. Safe to run twice: an erased
/// candidate is never selected again.
/// </summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, IConnectionFactory connections, IOptions<RetentionOptions> options,
    TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention";

    private const string LapsedSql = """
        SELECT k.CandidateId, k.GivenAt, k.WithdrawnAt
        FROM Consents k JOIN Candidates c ON c.Id = k.CandidateId
        WHERE k.Kind = 'Processing' AND c.ErasedAt IS NULL
          AND NOT EXISTS (SELECT 1 FROM Consents v WHERE v.CandidateId = k.CandidateId AND v.Kind = 'Processing'
                          AND v.WithdrawnAt IS NULL AND v.GivenAt > @ValidSince)
          AND NOT EXISTS (SELECT 1 FROM Candidacies cy JOIN Searches s ON s.Id = cy.SearchId
                          WHERE cy.CandidateId = k.CandidateId AND s.Status IN ('Open', 'OnHold')
                            AND cy.Stage NOT IN ('Placed', 'Declined', 'Withdrawn', 'NotSelected'))
        """;

    /// <returns>How many candidates this run erased.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        List<ConsentRow> rows;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync<ConsentRow>(new CommandDefinition(LapsedSql,
                new { ValidSince = now - settings.ConsentValidFor }, cancellationToken: cancellationToken))).AsList();
        }

        // Lapsed at the last withdrawal or expiry of any of their processing consents.
        var due = rows.GroupBy(r => r.CandidateId)
            .Where(g => g.Max(r => r.WithdrawnAt ?? r.GivenAt + settings.ConsentValidFor) < now - settings.GracePeriod)
            .Select(g => g.Key)
            .Take(settings.BatchSize)
            .ToList();

        foreach (var candidateId in due)
            await EraseAsync(candidateId, now, cancellationToken);
        if (due.Count > 0) Erased(logger, due.Count);
        return due.Count;
    }

    private async Task EraseAsync(Guid candidateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var session = services.GetRequiredService<DbSession>();
        var afterCommit = services.GetRequiredService<AfterCommit>();
        await session.BeginAsync(cancellationToken);
        try
        {
            var connection = await session.ConnectionAsync(cancellationToken);
            await services.GetRequiredService<CandidateErasure>().EraseAsync(connection, session.Transaction, candidateId, now, cancellationToken);
            await services.GetRequiredService<AuditTrail>().RecordBySystemAsync("EraseCandidateAfterConsentLapsed", "Candidate", candidateId, cancellationToken);
            await session.CommitAsync(CancellationToken.None);
        }
        catch
        {
            afterCommit.Discard();
            await session.RollbackAsync();
            throw;
        }

        // The stored files go once the erasure is committed.
        await afterCommit.RunAsync(CancellationToken.None);
    }

    private sealed class ConsentRow
    {
        public Guid CandidateId { get; init; }
        public DateTimeOffset GivenAt { get; init; }
        public DateTimeOffset? WithdrawnAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased {Count} candidate(s) whose consent had lapsed")]
    private static partial void Erased(ILogger logger, int count);
}
