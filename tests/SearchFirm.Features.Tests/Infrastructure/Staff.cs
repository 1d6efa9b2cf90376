using Dapper;
using Microsoft.AspNetCore.Identity;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Tests.Infrastructure;

/// <summary>Puts staff straight into the database, so that tests about other slices need no admin round-trip.</summary>
public static class Staff
{
    private static readonly string Hash = new PasswordHasher<StaffAccount>().HashPassword(StaffAccount.Instance, "a-long-test-password");

    public const string Password = "a-long-test-password";

    public static async Task<Actor> AddAsync(IConnectionFactory factory, Role role, string? email = null)
    {
        var id = Ids.New();
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO Users (Id, Email, DisplayName, Role, PasswordHash, IsEnabled, CreatedAt) VALUES (@Id, @Email, @Name, @Role, @Hash, 1, @Now)",
            new { Id = id, Email = email ?? $"{role.ToString().ToLowerInvariant()}-{id:N}@firm.test", Name = $"{role} {id.ToString()[..8]}", Role = role.ToString(), Hash, Now = DateTimeOffset.UtcNow });
        return new Actor(id, role);
    }
}
