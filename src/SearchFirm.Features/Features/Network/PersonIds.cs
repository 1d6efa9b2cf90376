using System.Data.Common;
using Dapper;

namespace SearchFirm.Features.Network;

/// <summary>
/// Everyone the firm knows is a person, its own staff and candidates included. So
/// wherever the network takes a person's id it also takes a member of staff's user id or a
/// candidate's id: the person linked to them, or, the first time a relationship or referral names
/// them, a person made for them with the same id (so that the id keeps working everywhere).
/// </summary>
internal static class PersonIds
{
    /// <summary>What a person id may be, as the API documents it wherever it takes one.</summary>
    public const string Described = "A person's id (from POST /api/people), or a member of staff's user id (the id of GET /api/me), " +
        "or a candidate's id: each names their person in the network, made the first time it is used. " +
        "A member of staff's person is where their warm paths start.";

    public sealed class Person
    {
        public Guid Id { get; init; }
        public long Number { get; init; }
    }

    private const string ByIdSql = "SELECT Id, Number FROM People WHERE Id = @Id AND ErasedAt IS NULL";
    private const string ByLinkSql = "SELECT Id, Number FROM People WHERE (UserId = @Id OR CandidateId = @Id) AND ErasedAt IS NULL ORDER BY Number";
    private const string UserSql = "SELECT DisplayName AS FirstName, NULL AS LastName, NULL AS CurrentTitle, NULL AS CurrentOrganisation FROM Users WHERE Id = @Id";
    private const string CandidateSql = """
        SELECT FirstName, LastName, CurrentTitle, CurrentEmployer AS CurrentOrganisation
        FROM Candidates WHERE Id = @Id AND ErasedAt IS NULL
        """;
    // No e-mail is copied: a person's e-mail is unique, and the firm may add them by it later.
    private const string InsertSql = """
        INSERT INTO People (Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt)
        VALUES (@Id, NULL, @FullName, NULL, @CurrentTitle, @CurrentOrganisation, @CandidateId, @UserId, 0, @Now, @Now)
        """;

    private const string SomeoneSql = """
        SELECT (SELECT COUNT(*) FROM Users WHERE Id = @Id) + (SELECT COUNT(*) FROM Candidates WHERE Id = @Id AND ErasedAt IS NULL)
        """;

    /// <summary>True when the id is a member of staff's or a (not erased) candidate's, who may not have a person yet.</summary>
    public static async Task<bool> NamesSomeoneAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(SomeoneSql, new { Id = id }, transaction, cancellationToken: cancellationToken)) > 0;

    /// <summary>The person this id names, directly or through their staff account or candidacy profile; null when none.</summary>
    public static async Task<Person?> FindAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken cancellationToken) =>
        await connection.QueryFirstOrDefaultAsync<Person>(new CommandDefinition(ByIdSql, new { Id = id }, transaction, cancellationToken: cancellationToken))
        ?? await connection.QueryFirstOrDefaultAsync<Person>(new CommandDefinition(ByLinkSql, new { Id = id }, transaction, cancellationToken: cancellationToken));

    /// <summary>As <see cref="FindAsync"/>, and a member of staff or a candidate without a person yet gets one; null when the id names no one.</summary>
    public static async Task<Person?> FindOrAddAsync(DbConnection connection, DbTransaction? transaction, Guid id, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(connection, transaction, id, cancellationToken) is { } found) return found;

        CommandDefinition Command(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<Profile>(Command(UserSql, new { Id = id }));
        var candidate = user is null ? await connection.QuerySingleOrDefaultAsync<Profile>(Command(CandidateSql, new { Id = id })) : null;
        if ((user ?? candidate) is not { } profile) return null;

        await connection.ExecuteAsync(Command(InsertSql, new
        {
            Id = id,
            FullName = $"{profile.FirstName} {profile.LastName}".Trim(),
            profile.CurrentTitle,
            profile.CurrentOrganisation,
            CandidateId = candidate is null ? (Guid?)null : id,
            UserId = user is null ? (Guid?)null : id,
            Now = now,
        }));
        return await FindAsync(connection, transaction, id, cancellationToken);
    }

    private sealed class Profile
    {
        public string FirstName { get; init; } = "";
        public string? LastName { get; init; }
        public string? CurrentTitle { get; init; }
        public string? CurrentOrganisation { get; init; }
    }
}

