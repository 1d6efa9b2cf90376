using System.Data.Common;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>202 body of a brief request: the brief, new or the existing one for the same inputs.</summary>
public sealed record BriefAccepted(Guid BriefId, BriefStatus Status);

/// <summary>
/// Creates a brief row in the command's transaction, or finds the one already made from the same
/// inputs, and enqueues its render only after the commit.
/// </summary>
internal static class BriefRequests
{
    private const string FindSql = "SELECT Id, Status FROM Briefs WHERE SearchId = @SearchId AND InputHash = @InputHash";

    private const string InsertSql = """
        INSERT INTO Briefs (Id, SearchId, CandidacyId, Kind, Audience, InputHash, TemplateVersion, ModelJson, Status, Attempts,
            RequestedBy, RequestedAt, UpdatedAt)
        VALUES (@Id, @SearchId, @CandidacyId, @Kind, @Audience, @InputHash, @TemplateVersion, @ModelJson, 'Requested', 0,
            @RequestedBy, @Now, @Now)
        """;

    // Ready ones only: a Requested brief's UpdatedAt is how the sweep finds one stuck in the queue.
    private const string TouchSql = "UPDATE Briefs SET UpdatedAt = @Now WHERE Id = @Id AND Status = 'Ready'";

    /// <summary>A failed brief asked for again is given a fresh set of attempts.</summary>
    internal const string RequeueSql = """
        UPDATE Briefs SET Status = 'Requested', Attempts = 0, Error = NULL, LeaseOwner = NULL, LeaseUntil = NULL, UpdatedAt = @Now
        WHERE Id = @Id AND Status = 'Failed'
        """;

    public static async Task<BriefAccepted> CreateOrReuseAsync(DbConnection connection, DbTransaction? tx, ISqlDialect dialect, AfterCommit afterCommit,
        IBriefQueue queue, Guid searchId, Guid? candidacyId, BriefModel model, Guid requestedBy, DateTimeOffset now, CancellationToken ct)
    {
        var json = model.ToJson();
        var hash = BriefModel.InputHash(json);
        var existing = await FindAsync(connection, tx, searchId, hash, ct);
        if (existing is not null)
            return await ReuseAsync(connection, tx, afterCommit, queue, existing, now, ct);

        var id = Ids.New();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                Id = id,
                SearchId = searchId,
                CandidacyId = candidacyId,
                Kind = model.Kind.ToString(),
                Audience = model.Audience.ToString(),
                InputHash = hash,
                TemplateVersion = BriefModel.TemplateVersion,
                ModelJson = json,
                RequestedBy = requestedBy,
                Now = now,
            }, tx, cancellationToken: ct));
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            // Two identical requests at once: the other one won; answer with its brief.
            existing = await FindAsync(connection, tx, searchId, hash, ct) ?? throw new InvalidOperationException("A brief vanished after a duplicate insert.");
            return await ReuseAsync(connection, tx, afterCommit, queue, existing, now, ct);
        }

        afterCommit.Add(() => queue.Enqueue(id));
        return new BriefAccepted(id, BriefStatus.Requested);
    }

    private static async Task<BriefAccepted> ReuseAsync(DbConnection connection, DbTransaction? tx, AfterCommit afterCommit, IBriefQueue queue,
        Existing existing, DateTimeOffset now, CancellationToken ct)
    {
        if (existing.Status != nameof(BriefStatus.Failed))
        {
            // Asked for again: these inputs are the current ones, so this is the brief a board is shown.
            await connection.ExecuteAsync(new CommandDefinition(TouchSql, new { existing.Id, Now = now }, tx, cancellationToken: ct));
            return new BriefAccepted(existing.Id, Enum.Parse<BriefStatus>(existing.Status));
        }

        await connection.ExecuteAsync(new CommandDefinition(RequeueSql, new { existing.Id, Now = now }, tx, cancellationToken: ct));
        afterCommit.Add(() => queue.Enqueue(existing.Id));
        return new BriefAccepted(existing.Id, BriefStatus.Requested);
    }

    private static Task<Existing?> FindAsync(DbConnection connection, DbTransaction? tx, Guid searchId, string hash, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(FindSql, new { SearchId = searchId, InputHash = hash }, tx, cancellationToken: ct));

    private sealed class Existing
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
    }
}
