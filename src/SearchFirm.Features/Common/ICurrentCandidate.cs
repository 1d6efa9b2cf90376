namespace SearchFirm.Features.Common;

/// <summary>
/// A candidate signed in to the portal through their one-time link. The host fills it from the
/// candidate session's claims; they see and change only what is theirs.
/// </summary>
public interface ICurrentCandidate
{
    bool IsSignedIn { get; }

    Guid CandidateId { get; }
}

/// <summary>
/// A request only a candidate sends (routes under /api/portal): refused (401) without a candidate
/// session, and staff requests refuse candidates, unless they are <see cref="IAlsoForTheCandidate"/>.
/// </summary>
public interface ICandidateRequest;

/// <summary>
/// A staff request also open to "the candidate for their own": their documents and
/// consents. When a candidate sends it, <see cref="AboutCandidate"/> must be them (404 otherwise);
/// a request that names no candidate (a document by its id) is narrowed by its handler.
/// </summary>
public interface IAlsoForTheCandidate
{
    Guid? AboutCandidate { get; }
}

/// <summary>Nobody signed in as a candidate: the default outside portal routes.</summary>
public sealed class NoCandidate : ICurrentCandidate
{
    public bool IsSignedIn => false;
    public Guid CandidateId => throw new UnauthorizedException();
}
