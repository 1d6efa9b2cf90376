using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Generator;

/// <summary>A signed-in member of staff for code that drives the mediator without HTTP (benchmarks, load runs).</summary>
public sealed class FixedUser(Guid id, Role role) : ICurrentUser
{
    public bool IsAuthenticated => true;
    public Guid Id { get; } = id;
    public Role? Role { get; } = role;
    public string? IpAddress => "127.0.0.1";
}
