using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Audit;
using SearchFirm.Data;
using SearchFirm.Features.Common;
using SearchFirm.Features.Common.Email;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Portal;

namespace SearchFirm.Features.Candidates;

/// <summary>What an erasure removed; no personal data, only counts.</summary>
public sealed record ErasureReceipt(Guid CandidateId, DateTimeOffset ErasedAt, int DocumentsDeleted, int BriefsDeleted) : IAuditedResult
{
    string IAuditedResult.EntityType => "Candidate";

    Guid IAuditedResult.EntityId => CandidateId;
}

/// <summary>
/// "Forget me", the candidate's right to be erased, shared by the candidate's own request and the admin's.
/// In the command's transaction: the candidate row keeps its id and ErasedAt and nothing else (names
/// blank, contact details, profile, compensation and score gone), facets and the keyword-search row
/// deleted, documents, consents, the team's brief notes and every brief that shows the candidate
/// (their own and shortlist books that include them) deleted, free text about them in the pipeline
/// history, referrals and committee comments blanked, their person in the referral network blanked
/// with its ties and marked erased (404 like the candidate), sessions closed and links voided. Candidacies stay as anonymous facts (stage, reason
/// code) so the searches' statistics and off-limits periods still hold. The command's audit event is
/// the tombstone: ids only, as every audit event. Stored files are deleted once the transaction
/// commits, so that a rolled-back erasure leaves everything as it was.
/// </summary>
public sealed partial class CandidateErasure(IDocumentStorage documents, IBriefStore briefs, IEmailSender mail, IConnectionFactory connections,
    ISqlDialect dialect, AfterCommit afterCommit, ILogger<CandidateErasure> logger)
{
    // A blank profile document, so that every reader of ProfileJson still parses it.
    private const string EmptyProfile = """{"education":[],"credentials":[],"positions":[],"committees":[],"competencies":[]}""";

    private const string WhoSql = "SELECT FirstName, LastName, Email FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";

    private const string EraseRowSql = """
        UPDATE Candidates SET FirstName = '', LastName = '', Email = NULL, Phone = NULL, Location = NULL, CurrentTitle = NULL,
            CurrentEmployer = NULL, CurrentEmployerClientId = NULL, Summary = NULL, ProfileJson = @EmptyProfile, CompensationJson = NULL,
            ClinicalYears = 0, HighestRoleLevel = NULL, Version = Version + 1, UpdatedAt = @Now, ErasedAt = @Now
        WHERE Id = @CandidateId AND ErasedAt IS NULL
        """;
    private const string DocumentKeysSql = "SELECT StorageKey FROM CandidateDocuments WHERE CandidateId = @CandidateId";
    private const string CandidaciesSql = "SELECT Id, SearchId FROM Candidacies WHERE CandidateId = @CandidateId";
    private const string BriefsSql = """
        SELECT Id FROM Briefs
        WHERE CandidacyId = @CandidacyId OR (Kind = 'ShortlistBook' AND SearchId = @SearchId AND ModelJson LIKE @Pattern)
        """;
    private const string DeleteBriefSql = "DELETE FROM Briefs WHERE Id = @Id";
    private const string PeopleSql = "SELECT Id FROM People WHERE CandidateId = @CandidateId";
    // Relationships name people by number (V0060); the OR of two key columns is two index seeks.
    private const string TiesSql = """
        SELECT f.Id, t.Id
        FROM Relationships r JOIN People f ON f.Number = r.FromPersonNumber JOIN People t ON t.Number = r.ToPersonNumber
        WHERE r.FromPersonNumber = (SELECT Number FROM People WHERE Id = @PersonId)
           OR r.ToPersonNumber = (SELECT Number FROM People WHERE Id = @PersonId)
        """;

    private static readonly string[] ByCandidate =
    [
        "DELETE FROM CandidateFacets WHERE CandidateId = @CandidateId",
        "DELETE FROM CandidateSearch WHERE CandidateId = @CandidateId",
        "DELETE FROM CandidateDocuments WHERE CandidateId = @CandidateId",
        "DELETE FROM Consents WHERE CandidateId = @CandidateId",
        "UPDATE Referrals SET Note = NULL WHERE CandidateId = @CandidateId",
        "UPDATE Candidacies SET Score = NULL WHERE CandidateId = @CandidateId",
    ];

    private static readonly string[] ByCandidacy =
    [
        "DELETE FROM BriefNotes WHERE CandidacyId = @CandidacyId",
        "UPDATE CandidacyTransitions SET Reason = NULL WHERE CandidacyId = @CandidacyId",
        "UPDATE CommitteeFeedback SET Comment = NULL WHERE CandidacyId = @CandidacyId",
        // A member's conflict declaration is free text about the candidate ("I trained with her").
        "UPDATE CommitteeConflicts SET Description = '' WHERE CandidacyId = @CandidacyId",
    ];

    private static readonly string[] ByPerson =
    [
        """
        DELETE FROM Relationships
        WHERE FromPersonNumber = (SELECT Number FROM People WHERE Id = @PersonId)
           OR ToPersonNumber = (SELECT Number FROM People WHERE Id = @PersonId)
        """,
        "DELETE FROM Employment WHERE PersonId = @PersonId",
        """
        UPDATE People SET FullName = '', Email = NULL, ExternalId = NULL, CurrentTitle = NULL, CurrentOrganisation = NULL, UpdatedAt = @Now, ErasedAt = @Now
        WHERE Id = @PersonId
        """,
    ];

    /// <summary>Erases the candidate; 404 when they do not exist or were erased already.</summary>
    public async Task<ErasureReceipt> EraseAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Task<int> Run(string sql, object args) => connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
        var who = new { CandidateId = candidateId, Now = now };

        var person = await connection.QuerySingleOrDefaultAsync<PersonRow>(
            new CommandDefinition(WhoSql, who, transaction, cancellationToken: cancellationToken));
        if (person is null || await Run(EraseRowSql, new { CandidateId = candidateId, Now = now, EmptyProfile }) == 0)
            throw new NotFoundException("candidate");
        var documentKeys = (await connection.QueryAsync<string>(new CommandDefinition(DocumentKeysSql, who, transaction, cancellationToken: cancellationToken))).AsList();
        foreach (var sql in ByCandidate)
            await Run(sql, who);

        var briefIds = new HashSet<Guid>();
        foreach (var candidacy in await connection.QueryAsync<CandidacyRow>(new CommandDefinition(CandidaciesSql, who, transaction, cancellationToken: cancellationToken)))
        {
            // Briefs store their data as JSON; a shortlist book names each candidacy it shows.
            var args = new { CandidacyId = candidacy.Id, candidacy.SearchId, Pattern = $"%{candidacy.Id:D}%" };
            briefIds.UnionWith(await connection.QueryAsync<Guid>(new CommandDefinition(BriefsSql, args, transaction, cancellationToken: cancellationToken)));
            foreach (var sql in ByCandidacy)
                await Run(sql, new { CandidacyId = candidacy.Id });
        }

        foreach (var briefId in briefIds)
            await Run(DeleteBriefSql, new { Id = briefId });
        foreach (var personId in await connection.QueryAsync<Guid>(new CommandDefinition(PeopleSql, who, transaction, cancellationToken: cancellationToken)))
        {
            // Every instance's in-memory graph learns of the ties going away from the change log,
            // else it would still route warm paths through the erased person.
            var ties = (await connection.QueryAsync<(Guid From, Guid To)>(new CommandDefinition(TiesSql, new { PersonId = personId }, transaction,
                cancellationToken: cancellationToken))).AsList();
            await Network.NetworkChangeLog.RecordBatchAsync(connection, transaction, ties, now, cancellationToken);
            foreach (var sql in ByPerson)
                await Run(sql, new { PersonId = personId, Now = now });
        }

        await CandidateSessions.CloseAllAsync(connection, transaction, candidateId, now, cancellationToken);
        // What e-mail the firm keeps about them (the pickup folder) is found by their address and full name.
        string?[] mentions = [person.Email, $"{person.FirstName} {person.LastName}".Trim()];
        afterCommit.Add(async ct =>
        {
            await DeleteFilesAsync(documentKeys, briefIds, ct);
            await mail.ForgetAsync([.. mentions.OfType<string>().Where(m => m.Length > 0)], ct);
            await CheckpointAsync(ct);
        });
        return new ErasureReceipt(candidateId, now, documentKeys.Count, briefIds.Count);
    }

    /// <summary>After the commit: no row points at these files any more. A failure is logged with keys only, never names.</summary>
    private async Task DeleteFilesAsync(IReadOnlyList<string> documentKeys, IReadOnlyCollection<Guid> briefIds, CancellationToken cancellationToken)
    {
        foreach (var key in documentKeys)
        {
            try { await documents.DeleteAsync(key, cancellationToken); }
            catch (IOException e) { FileNotDeleted(logger, key, e); }
        }

        foreach (var briefId in briefIds)
        {
            try { briefs.DeleteAll(briefId); }
            catch (IOException e) { FileNotDeleted(logger, briefId.ToString("N"), e); }
        }
    }

    /// <summary>
    /// On SQLite, secure_delete zeroes the database's pages, but the write-ahead log still holds frames
    /// with the rows as they were (from this and earlier transactions) until a checkpoint copies them
    /// back; TRUNCATE also empties the -wal file. A checkpoint that readers hold back is finished by the
    /// hourly sweep (<see cref="Housekeeping.SweepFilesJob"/>).
    /// </summary>
    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (dialect.Provider != DatabaseProvider.Sqlite) return;
        if (!await Housekeeping.SweepFilesJob.CheckpointAsync(connections, cancellationToken))
            CheckpointBusy(logger);
    }

    private sealed class PersonRow
    {
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Email { get; init; }
    }

    private sealed class CandidacyRow
    {
        public Guid Id { get; init; }
        public Guid SearchId { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "After an erasure the SQLite log could not be emptied at once (readers were busy); the hourly sweep retries")]
    private static partial void CheckpointBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An erased candidate's stored file {Key} could not be deleted; delete it by hand")]
    private static partial void FileNotDeleted(ILogger logger, string key, Exception exception);
}
