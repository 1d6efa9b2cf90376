using System.Data.Common;
using System.Text.Json;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidates;

/// <summary>Checks and row shaping that create and update share.</summary>
internal static class CandidateRules
{
    private const string EmailOwnerSql = "SELECT Id FROM Candidates WHERE Email = @Email AND ErasedAt IS NULL";
    private const string ClientExistsSql = "SELECT COUNT(*) FROM Clients WHERE Id = @ClientId";
    private const string CandidateExistsSql = "SELECT COUNT(*) FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";

    /// <summary>404 unless the candidate exists and has not been erased; for slices about a candidate's documents, consents and so on.</summary>
    public static async Task EnsureExistsAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CandidateExistsSql, new { CandidateId = candidateId }, transaction, cancellationToken: cancellationToken)) == 0)
            throw new NotFoundException("candidate");
    }

    /// <summary>E-mails are unique case-insensitively (NOCASE on SQLite, a CI collation on SQL Server).</summary>
    public static async Task EnsureEmailIsFreeAsync(DbConnection connection, DbTransaction? transaction, string? email, Guid? self, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email)) return;
        var owner = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(EmailOwnerSql,
            new { Email = email.Trim() }, transaction, cancellationToken: cancellationToken));
        if (owner is { } existing && existing != self)
            throw new ConflictException("duplicate-candidate", "A candidate with this e-mail already exists.",
                new Dictionary<string, object?> { ["existingCandidateId"] = existing });
    }

    public static async Task EnsureClientExistsAsync(DbConnection connection, DbTransaction? transaction, Guid? clientId, CancellationToken cancellationToken)
    {
        if (clientId is null) return;
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(ClientExistsSql, new { ClientId = clientId }, transaction, cancellationToken: cancellationToken)) == 0)
            throw new ValidationException([new ValidationFailure("currentEmployerClientId", "No client has this id.")]);
    }

    /// <summary>The parameters of a candidate row; <paramref name="extra"/> adds what only create or update needs.</summary>
    public static DynamicParameters Row(Guid id, CandidateFields input, DateOnly today, object extra)
    {
        var document = CandidateWriter.Document(input);
        var row = new DynamicParameters(extra);
        row.AddDynamicParams(new
        {
            Id = id,
            FirstName = input.FirstName!.Trim(),
            LastName = input.LastName!.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            input.Phone,
            input.Location,
            input.CurrentTitle,
            input.CurrentEmployer,
            input.CurrentEmployerClientId,
            input.Summary,
            ProfileJson = JsonSerializer.Serialize(document, CandidateWriter.Json),
            CompensationJson = CandidateWriter.CompensationJson(input),
            ClinicalYears = CandidateWriter.ClinicalYears(document, today),
            HighestRoleLevel = CandidateWriter.HighestRoleLevel(document.Positions)?.ToString(),
        });
        return row;
    }
}
