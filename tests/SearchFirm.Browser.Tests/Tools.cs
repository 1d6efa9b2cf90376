using System.Diagnostics;
using SearchFirm.Features.Briefs.Rendering;

namespace SearchFirm.Browser.Tests;

/// <summary>The programs these tests look through: Chromium prints, poppler and qpdf inspect.</summary>
internal static class Tools
{
    public static void RequireChromium()
    {
        var configured = Environment.GetEnvironmentVariable("Briefs__ChromiumPath");
        if (string.IsNullOrEmpty(configured) && ChromiumPdfPrinter.FindOnPath() is null)
            Assert.Ignore("Chromium is not installed (chromium, chromium-browser or google-chrome on PATH, or Briefs__ChromiumPath); briefs cannot be printed here.");
    }

    public static void Require(string tool, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(d => File.Exists(Path.Combine(d, tool)));
        if (!found) Assert.Ignore($"{tool} is not installed (Debian package {package}).");
    }

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Where the PDFs and page images of a run are kept for a person to look at.</summary>
    public static string OutputDirectory()
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "brief-samples");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
