using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchFirm.Features.Briefs.Templates;

namespace SearchFirm.Features.Briefs.Rendering;

/// <summary>A brief as HTML (Razor components through <see cref="HtmlRenderer"/>), then as PDF.</summary>
public interface IBriefRenderer
{
    Task<string> HtmlAsync(BriefModel model);

    Task<byte[]> PdfAsync(BriefModel model, CancellationToken cancellationToken);
}

internal sealed class BriefRenderer(ILoggerFactory loggers, IPdfPrinter printer) : IBriefRenderer
{
    // The templates inject nothing, so they render with a provider of their own: the host's services for its
    // web pages (Razor components, scoped, needing a web host) would otherwise be asked for, and fail, in a job.
    private static readonly IServiceProvider TemplateServices = new ServiceCollection().BuildServiceProvider();

    public Task<string> HtmlAsync(BriefModel model) => RenderHtmlAsync(loggers, model);

    internal static async Task<string> RenderHtmlAsync(ILoggerFactory loggers, BriefModel model)
    {
        await using var renderer = new HtmlRenderer(TemplateServices, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<BriefDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(BriefDocument.Model)] = model,
            }));
            return output.ToHtmlString();
        });
        return "<!DOCTYPE html>\n" + html;
    }

    public async Task<byte[]> PdfAsync(BriefModel model, CancellationToken cancellationToken) =>
        await printer.PrintAsync(await HtmlAsync(model), Frame(model), cancellationToken);

    /// <summary>
    /// "CONFIDENTIAL — Project Cedar" on every page and "Page x of y" under it. Chromium renders
    /// these templates apart from the document, so they carry their own fonts and sizes.
    /// </summary>
    public static PageFrame Frame(BriefModel model)
    {
        var code = WebUtility.HtmlEncode(model.CodeName);
        var firm = WebUtility.HtmlEncode(model.FirmName);
        var kind = model.Kind == BriefKind.ShortlistBook ? "Shortlist book" : "Candidate brief";
        const string text = "font-family: Lato, 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 7pt; color: #6b6552;";
        var header = $"""
            <div style="{text} width: 100%; margin: 0 19mm; padding-top: 8mm; display: flex; justify-content: space-between; letter-spacing: 0.14em; text-transform: uppercase;">
              <span style="color: #8c1c13; font-weight: bold;">Confidential &#8212; {code}</span><span>{kind}</span>
            </div>
            """;
        var footer = $"""
            <div style="{text} width: 100%; margin: 0 19mm; padding-bottom: 6mm; display: flex; justify-content: space-between;">
              <span>{firm} &#183; Not to be copied or forwarded</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
            </div>
            """;
        return new PageFrame(header, footer);
    }
}
