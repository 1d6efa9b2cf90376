using Microsoft.AspNetCore.Components;
using SearchFirm.Features.Common;
using SearchFirm.Features.Portal;
using SearchFirm.Web.Shared;

namespace SearchFirm.Web.Portal;

/// <summary>A candidate portal page: the candidate's session only.</summary>
public abstract class PortalPage : FacePage
{
    [Inject] protected ICurrentCandidate Candidate { get; set; } = default!;

    protected override bool HasSession => Candidate.IsSignedIn;

    protected override string SessionCookie => CandidateCookie.Name;
}
