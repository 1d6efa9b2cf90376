using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SearchFirm.Features.Tests.Briefs;

/// <summary>Remembers what was enqueued instead of handing it to Hangfire.</summary>
public sealed class RecordingQueue : IBriefQueue
{
    private readonly List<Guid> enqueued = [];

    public IReadOnlyList<Guid> Enqueued { get { lock (enqueued) return [.. enqueued]; } }

    public void Enqueue(Guid briefId) { lock (enqueued) enqueued.Add(briefId); }
}

/// <summary>A printer without a browser: a one-page PDF per call, or the failure it is told to raise.</summary>
public sealed class FakePrinter : IPdfPrinter
{
    public int Calls { get; private set; }

    public Exception? Failure { get; set; }

    public string? LastHtml { get; private set; }

    public Task<byte[]> PrintAsync(string html, PageFrame frame, CancellationToken cancellationToken)
    {
        Calls++;
        LastHtml = html;
        if (Failure is not null) throw Failure;
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText($"Fake brief {Calls}", 12, new PdfPoint(72, 720), font);
        return Task.FromResult(builder.Build());
    }
}
