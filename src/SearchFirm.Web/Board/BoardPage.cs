using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using SearchFirm.Features.Board;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common;
using SearchFirm.Web.Shared;

namespace SearchFirm.Web.Board;

/// <summary>
/// What every committee page shares. Who may see what is the requests' business (the pipeline and
/// the handlers); a page only asks, and shows not-found for what does not exist for this member.
/// </summary>
public abstract class BoardPage : ComponentBase
{
    [Inject] protected ISender Sender { get; set; } = default!;
    [Inject] protected ICurrentBoardMember Member { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected FirmIdentity Firm { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>The browser carried a board session that has since expired or been ended: offer a new link.</summary>
    protected bool SessionEnded { get; private set; }

    protected BoardShortlist Shortlist { get; private set; } = default!;

    /// <summary>
    /// Loads the member's shortlist, or decides what a visitor without a session sees: a member whose
    /// session ran out is offered a new link; anyone else (a staff or candidate session, nobody) gets
    /// the not-found page, which says nothing of whether the page exists.
    /// </summary>
    protected async Task<bool> SignedInAsync()
    {
        if (!Member.IsSignedIn)
        {
            if (HttpContext.Request.Cookies.ContainsKey(BoardCookie.Name))
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

        Shortlist = await Sender.Send(new GetBoardShortlist(Member.SearchId));
        return true;
    }

    protected string Deadline(DateTimeOffset at) => When.DateTime(at, Firm.TimeZone);
}
