namespace SearchFirm.Features.Common;

/// <summary>
/// A client's board member signed in through their one-time link: who they are and the one
/// search their session is for. The host fills it from the board session's claims.
/// </summary>
public interface ICurrentBoardMember
{
    bool IsSignedIn { get; }

    Guid MemberId { get; }

    Guid SearchId { get; }

    string Name { get; }
}

/// <summary>
/// A request a board member sends (routes under /api/board). The authorization behaviour refuses
/// it (401) without a board session, and staff requests refuse board members: the two never mix.
/// </summary>
public interface IBoardRequest;

/// <summary>Nobody signed in as a board member: the default outside board routes.</summary>
public sealed class NoBoardMember : ICurrentBoardMember
{
    public bool IsSignedIn => false;
    public Guid MemberId => throw new UnauthorizedException();
    public Guid SearchId => throw new UnauthorizedException();
    public string Name => throw new UnauthorizedException();
}
