using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;
using SearchFirm.Features.Tests.Briefs;
using UglyToad.PdfPig;

namespace SearchFirm.Browser.Tests;

/// <summary>Briefs printed by the real Chromium, then looked at as a reader and a PDF checker would.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[NonParallelizable]
public sealed class BriefsInChromiumTests(DatabaseProvider provider) : BriefSlice(provider)
{
    [OneTimeSetUp]
    public void NeedsChromium() => Tools.RequireChromium();

    private async Task<(byte[] Pdf, BriefDetail Brief)> RenderAsync(BriefAccepted accepted)
    {
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RenderBriefJob>().RunAsync(accepted.BriefId, CancellationToken.None);
        var brief = await SendAs(Recruiter, new GetBrief(accepted.BriefId));
        Assert.That(brief.Status, Is.EqualTo(BriefStatus.Ready), brief.Error);
        return ((await SendAs(Recruiter, new GetBriefPdf(accepted.BriefId))).Content, brief);
    }

    private static string Save(byte[] pdf, string name)
    {
        var path = Path.Combine(Tools.OutputDirectory(), name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    [Test]
    public async Task A_committee_brief_is_a_sound_pdf_with_embedded_fonts_the_candidate_and_the_code_name_but_not_the_client()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();
        await GiveConsentAsync(candidateId);

        var (pdf, brief) = await RenderAsync(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));
        var path = Save(pdf, "candidate-brief.pdf");

        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.Multiple(() =>
            {
                Assert.That(document.NumberOfPages, Is.EqualTo(brief.PageCount).And.GreaterThanOrEqualTo(3));
                Assert.That(text, Does.Contain("Amara Okafor"));
                Assert.That(text, Does.Contain(CodeName));
                Assert.That(text.ToUpperInvariant(), Does.Contain("CONFIDENTIAL — PROJECT CEDAR"));
                Assert.That(text, Does.Contain($"Page 1 of {document.NumberOfPages}"));
                Assert.That(text, Does.Contain("HCAHPS"), "the recruiter's summary");
                Assert.That(text, Does.Contain("clinical tenure").IgnoreCase.Or.Contain("clinical practice").IgnoreCase);
                Assert.That(text, Does.Not.Contain(ClientName), "the client is not disclosed");
                Assert.That(text, Does.Not.Contain("610,000"), "compensation is not marked shareable");
            });
        }

        Tools.Require("qpdf", "qpdf");
        var check = Tools.Run("qpdf", "--check", path);
        Assert.That(check.ExitCode, Is.Zero, check.Output);

        Tools.Require("pdffonts", "poppler-utils");
        var fonts = Tools.Run("pdffonts", path).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.That(fonts, Is.Not.Empty);
        Assert.That(fonts, Has.All.Match(@"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$"));
        Assert.That(fonts.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]), Has.All.EqualTo("yes"), string.Join("\n", fonts));
        Assert.That(fonts, Has.None.Contain("Type 3"), "TrueType fonts only: Chromium turns CFF fonts into Type 3");

        Tools.Require("pdftoppm", "poppler-utils");
        var png = Path.Combine(Tools.OutputDirectory(), "brief-page");
        var image = Tools.Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, png);
        Assert.That(image.ExitCode, Is.Zero, image.Output);
        Assert.That(Directory.GetFiles(Tools.OutputDirectory(), "brief-page*.png"), Is.Not.Empty);
    }

    [Test]
    public async Task A_stamped_copy_carries_the_readers_name_on_every_page_and_stays_a_sound_pdf_with_embedded_fonts()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();
        await GiveConsentAsync(candidateId);
        var (pdf, _) = await RenderAsync(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));

        var stamped = Services.GetRequiredService<SearchFirm.Features.Board.IBriefStamper>()
            .Stamp(pdf, "Confidential copy for Jane Doe · downloaded 23 Nov 2026 14:05 UTC · not to be forwarded");
        var path = Save(stamped, "candidate-brief-stamped.pdf");

        using (var document = PdfDocument.Open(stamped))
        {
            Assert.That(document.GetPages().Select(p => p.Text), Has.All.Contain("Confidential copy for Jane Doe"));
            Assert.That(document.GetPages().Select(p => p.Text), Has.All.Contain("Amara Okafor").Or.Contain("CONFIDENTIAL"));
        }

        Tools.Require("qpdf", "qpdf");
        Assert.That(Tools.Run("qpdf", "--check", path).ExitCode, Is.Zero);
        Tools.Require("pdffonts", "poppler-utils");
        var fonts = Tools.Run("pdffonts", path).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.That(fonts.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]), Has.All.EqualTo("yes"), string.Join("\n", fonts));
        // Visible where a reader looks, on the page: poppler places "Jane" between the header and the text.
        var words = Tools.Run("pdftotext", "-f", "2", "-l", "2", "-bbox", path, "-").Output;
        var jane = System.Text.RegularExpressions.Regex.Match(words, @"yMin=""(?<y>[\d.]+)""[^>]*>Jane<");
        Assert.That(jane.Success, Is.True, "poppler sees the stamp");
        Assert.That(double.Parse(jane.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(40, 70));
        Tools.Require("pdftoppm", "poppler-utils");
        Tools.Run("pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", path, Path.Combine(Tools.OutputDirectory(), "stamped-page"));
    }

    [Test]
    public async Task Once_the_client_is_disclosed_the_brief_names_it()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();
        await GiveConsentAsync(candidateId);
        await SendAs(Partner, new ChangeBriefSettings { SearchId = SearchId, ClientDisclosed = true, CommitteeName = "the Board Search Committee" });

        var (pdf, _) = await RenderAsync(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));

        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.That(text, Does.Contain(ClientName).And.Contain("the Board Search Committee"));
    }

    [Test]
    public async Task A_shortlist_book_has_a_cover_a_comparison_and_every_presented_candidate()
    {
        string[] names = ["Amara Okafor", "Ben Alvarez", "Chen Li"];
        foreach (var name in names)
        {
            var parts = name.Split(' ');
            var (candidacy, candidate) = await AddCandidateAsync(Amara(parts[0], parts[1]));
            await PresentAsync(candidacy, candidate);
        }

        var (pdf, brief) = await RenderAsync(await SendAs(Recruiter, new RequestShortlistBook { SearchId = SearchId }));
        var path = Save(pdf, "shortlist-book.pdf");

        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.That(brief.Kind, Is.EqualTo(BriefKind.ShortlistBook));
        Assert.That(text, Does.Contain("side by side"));
        foreach (var name in names) Assert.That(text, Does.Contain(name));
        Assert.That(document.NumberOfPages, Is.GreaterThanOrEqualTo(2 + names.Length));
        Tools.Require("qpdf", "qpdf");
        Assert.That(Tools.Run("qpdf", "--check", path).ExitCode, Is.Zero);
    }

    [Test]
    public async Task The_printer_starts_one_browser_and_replaces_it_after_the_configured_number_of_documents()
    {
        var options = Options.Create(new BriefsOptions { RestartAfterRenders = 2, MaxConcurrency = 2 });
        await using var printer = new ChromiumPdfPrinter(options, NullLogger<ChromiumPdfPrinter>.Instance);
        var frame = new PageFrame("<span></span>", "<span></span>");

        await Task.WhenAll(Enumerable.Range(0, 2).Select(i => printer.PrintAsync($"<p>Document {i}</p>", frame, CancellationToken.None)));
        var afterTwo = printer.BrowsersStarted;
        for (var i = 0; i < 3; i++)
            await printer.PrintAsync($"<p>Document {i}</p>", frame, CancellationToken.None);

        Assert.That(afterTwo, Is.EqualTo(1), "one browser for the process, started on first use");
        Assert.That(printer.BrowsersStarted, Is.EqualTo(3), "documents 3-4 on a second browser, 5 on a third");
    }

    [Test]
    public async Task An_idle_printer_warms_its_waiting_context_and_the_next_document_shows_nothing_of_the_warm_up()
    {
        var options = Options.Create(new BriefsOptions { MaxConcurrency = 2 });
        await using var printer = new ChromiumPdfPrinter(options, NullLogger<ChromiumPdfPrinter>.Instance, new FixedWarmUp());
        var frame = new PageFrame("<span></span>", "<span></span>");

        await printer.PrintAsync("<p>Document A</p>", frame, CancellationToken.None);
        for (var waited = 0; printer.WarmUps == 0 && waited < 100; waited++) await Task.Delay(100);
        var second = await printer.PrintAsync("<p>Document B</p>", frame, CancellationToken.None);

        Assert.That(printer.WarmUps, Is.EqualTo(1));
        using var document = PdfDocument.Open(second);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.That(text, Does.Contain("Document B").And.Not.Contain("SPECIMEN").And.Not.Contain("Document A"));
        Assert.That(document.NumberOfPages, Is.EqualTo(1));
    }

    private sealed class FixedWarmUp : IPrinterWarmUp
    {
        public Task<(string Html, PageFrame Frame)> DocumentAsync() =>
            Task.FromResult(("<p>SPECIMEN WARM-UP</p><p style=\"page-break-before: always\">SPECIMEN page 2</p>", new PageFrame("<span></span>", "<span></span>")));
    }
}
