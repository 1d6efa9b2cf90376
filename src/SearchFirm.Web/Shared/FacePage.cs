using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace SearchFirm.Web.Shared;

/// <summary>
/// What the pages of an outsiders' face share (the committee's, the candidates'). Who may see what
/// is the requests' business; a page asks, and decides only what a visitor without a session sees:
/// someone whose session ran out is offered a way back; anyone else (no session, another face's
/// session) gets the not-found page, which says nothing of whether the page exists.
/// </summary>
public abstract class FacePage : ComponentBase
{
    [Inject] protected ISender Sender { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected FirmIdentity Firm { get; set; } = default!;
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>The browser carried this face's session cookie, which no longer opens a session.</summary>
    protected bool SessionEnded { get; private set; }

    /// <summary>Whether this face's session is the request's.</summary>
    protected abstract bool HasSession { get; }

    /// <summary>The cookie that carries this face's session.</summary>
    protected abstract string SessionCookie { get; }

    protected bool SignedIn()
    {
        if (HasSession) return true;
        if (HttpContext.Request.Cookies.ContainsKey(SessionCookie))
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
