using Microsoft.Extensions.Logging;

namespace SearchFirm.Features.Briefs.Rendering;

/// <summary>A document the printer may print, unseen, to warm a fresh browser context.</summary>
public interface IPrinterWarmUp
{
    Task<(string Html, PageFrame Frame)> DocumentAsync();
}

/// <summary>The fictional <see cref="SpecimenBrief"/>, in the real template: the fonts, styles and layout a brief needs.</summary>
internal sealed class SpecimenWarmUp(ILoggerFactory loggers) : IPrinterWarmUp
{
    private readonly Lazy<Task<(string, PageFrame)>> document = new(async () =>
    {
        var model = SpecimenBrief.Candidate();
        return (await BriefRenderer.RenderHtmlAsync(loggers, model), BriefRenderer.Frame(model));
    });

    public Task<(string Html, PageFrame Frame)> DocumentAsync() => document.Value;
}
