using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using SearchFirm.Features.Common;
using SearchFirm.Features.Portal;
using SearchFirm.Web.Shared;

namespace SearchFirm.Web.Portal;

/// <summary>
/// What every candidate page shares. What a candidate may see is the requests' business; a page
/// asks, and shows not-found for what does not exist for this candidate.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    [Inject] protected ISender Sender { get; set; } = default!;
    [Inject] protected ICurrentCandidate Candidate { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected FirmIdentity Firm { get; set; } = default!;
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>The browser carried a portal session that has since expired or ended.</summary>
    protected bool SessionEnded { get; private set; }

    /// <summary>
    /// A candidate whose session ran out is told so; anyone else (no session, a staff or board
    /// session) gets the not-found page, which says nothing of whether the page exists.
    /// </summary>
    protected bool SignedIn()
    {
        if (Candidate.IsSignedIn) return true;
        if (HttpContext.Request.Cookies.ContainsKey(CandidateCookie.Name))
        {
            SessionEnded = true;
            HttpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            Navigation.NotFound();
        }
        return false;
    }
}
