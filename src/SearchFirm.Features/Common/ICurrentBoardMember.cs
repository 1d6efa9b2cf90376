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

/// <summary>
/// A board request about the member's own search: any other search id does not exist for them (404).
/// </summary>
public interface IBoardSearchScoped : IBoardRequest
{
    Guid SearchId { get; }
}

/// <summary>
/// A board request about one candidacy. The authorization behaviour answers 404 unless the candidacy
/// is presented to the member's committee (<see cref="Board.BoardAccess"/>: a presented stage, the
/// candidate not erased and still consenting to this client), so no handler decides it again.
/// </summary>
public interface IPresentedCandidacyScoped : IBoardRequest
{
    Guid CandidacyId { get; }
}

/// <summary>Nobody signed in as a board member: the default outside board routes.</summary>
public sealed class NoBoardMember : ICurrentBoardMember
{
    public bool IsSignedIn => false;
    public Guid MemberId => throw new UnauthorizedException();
    public Guid SearchId => throw new UnauthorizedException();
    public string Name => throw new UnauthorizedException();
}
