using SearchFirm.Domain.Users;

namespace SearchFirm.Features.Common;

/// <summary>
/// Declares on a request which staff roles may send it; the authorization behaviour enforces it.
/// A request without it needs only a signed-in staff user, unless it is marked <see cref="AllowAnonymousAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequireRoleAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousAttribute : Attribute;

/// <summary>
/// A request about one search: the authorization behaviour answers 404 unless the caller is on
/// the search's team (or an admin), so handlers never see a search the caller may not.
/// </summary>
public interface ISearchScoped
{
    Guid SearchId { get; }
}

/// <summary>
/// A request about one candidacy: answered 404 unless the caller is on the team of the
/// candidacy's search (or an admin), exactly like <see cref="ISearchScoped"/>.
/// </summary>
public interface ICandidacyScoped
{
    Guid CandidacyId { get; }
}

/// <summary>
/// A request about one brief: answered 404 unless the caller is on the team of the brief's search
/// (or an admin), like <see cref="ISearchScoped"/>.
/// </summary>
public interface IBriefScoped
{
    Guid BriefId { get; }
}
