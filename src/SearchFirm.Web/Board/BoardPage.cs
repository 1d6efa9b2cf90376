using Microsoft.AspNetCore.Components;
using SearchFirm.Features.Board;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common;
using SearchFirm.Web.Shared;

namespace SearchFirm.Web.Board;

/// <summary>A committee page: the member's session only, and their search's shortlist at hand.</summary>
public abstract class BoardPage : FacePage
{
    [Inject] protected ICurrentBoardMember Member { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected override bool HasSession => Member.IsSignedIn;

    protected override string SessionCookie => BoardCookie.Name;

    protected BoardShortlist Shortlist { get; private set; } = default!;

    /// <summary>Loads the member's shortlist, or decides what a visitor without a session sees (<see cref="FacePage.SignedIn"/>).</summary>
    protected async Task<bool> SignedInAsync()
    {
        if (!SignedIn()) return false;
        Shortlist = await Sender.Send(new GetBoardShortlist(Member.SearchId));
        return true;
    }

    protected string Deadline(DateTimeOffset at) => When.DateTime(at, Firm.TimeZone);
}
