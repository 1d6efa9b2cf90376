// SearchFirm build. `dotnet tool restore && dotnet cake --target=<Task>`.
// Tasks: Clean, Restore, Build, Test (default), Run, Migrate, Publish.
using System.Text.RegularExpressions;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var urls = Argument("urls", "http://127.0.0.1:5080");

var solution = "./SearchFirm.sln";
var api = "./src/SearchFirm.Api/SearchFirm.Api.csproj";
var artifacts = MakeAbsolute(Directory("./artifacts"));
var testResults = artifacts.Combine("test-results");

Task("Clean")
    .Does(() =>
{
    CleanDirectories("./src/**/bin/" + configuration);
    CleanDirectories("./src/**/obj");
    CleanDirectories("./tests/**/bin/" + configuration);
    CleanDirectories("./tests/**/obj");
    CleanDirectory(artifacts);
});

Task("Restore")
    .Does(() => DotNetRestore(solution));

Task("Build")
    .IsDependentOn("Restore")
    .Does(() => DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);
    var failedProjects = new List<string>();
    // Every test project except the benchmarks, which are run on purpose, not on every build.
    foreach (var project in GetFiles("./tests/**/*.Tests.csproj"))
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        try
        {
            DotNetTest(project.FullPath, new DotNetTestSettings
            {
                Configuration = configuration,
                NoBuild = true,
                NoRestore = true,
                Loggers = new[] { $"trx;LogFileName={name}.trx", "console;verbosity=normal" },
                ResultsDirectory = testResults,
            });
        }
        catch (Exception)
        {
            failedProjects.Add(name);
        }
    }

    var (passed, failed, skipped) = CountResults(testResults);
    var line = $"tests: {passed} passed, {failed} failed, {skipped} skipped";
    System.IO.File.WriteAllText(testResults.CombineWithFilePath("summary.txt").FullPath, line + "\n");
    Information(line);
    if (failed > 0 || failedProjects.Count > 0)
        throw new Exception($"Tests failed in: {string.Join(", ", failedProjects)}");
});

Task("Run")
    .Does(() =>
{
    EnsureChromium();
    DotNetRun(api, new ProcessArgumentBuilder().Append("--urls").Append(urls), new DotNetRunSettings { Configuration = configuration });
});

Task("Migrate")
    .Does(() => DotNetRun(api, new ProcessArgumentBuilder().Append("migrate"), new DotNetRunSettings { Configuration = configuration }));

Task("Publish")
    .IsDependentOn("Build")
    .Does(() => DotNetPublish(api, new DotNetPublishSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = artifacts.Combine("publish"),
    }));

RunTarget(target);

// Counts <UnitTestResult outcome="..."> in every TRX file: TRX <Counters> leave skipped tests out.
(int Passed, int Failed, int Skipped) CountResults(DirectoryPath directory)
{
    int passed = 0, failed = 0, skipped = 0;
    var outcome = new Regex("<UnitTestResult\\b[^>]*\\boutcome=\"(?<o>\\w+)\"");
    foreach (var trx in GetFiles(directory.FullPath + "/**/*.trx"))
    {
        foreach (Match match in outcome.Matches(System.IO.File.ReadAllText(trx.FullPath)))
        {
            switch (match.Groups["o"].Value)
            {
                case "Passed": passed++; break;
                case "NotExecuted": case "Inconclusive": skipped++; break;
                default: failed++; break;
            }
        }
    }
    return (passed, failed, skipped);
}

// Briefs are printed by the system's Chromium. Install it on Debian/Ubuntu when we may; otherwise say how.
void EnsureChromium()
{
    string[] names = { "chromium", "chromium-browser", "google-chrome" };
    var fonts = System.IO.File.Exists("/usr/share/fonts/truetype/lato/Lato-Regular.ttf")
        && System.IO.File.Exists("/usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf");
    if (fonts && names.Any(n => StartProcess("sh", $"-c \"command -v {n} >/dev/null\"") == 0))
        return;
    var isRoot = StartProcess("sh", "-c \"test $(id -u) -eq 0\"") == 0;
    var hasApt = StartProcess("sh", "-c \"command -v apt-get >/dev/null\"") == 0;
    if (isRoot && hasApt)
    {
        Information("Installing Chromium and the briefs' fonts (needed to print briefs)...");
        StartProcess("sh", "-c \"apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-lato fonts-crosextra-caladea\"");
        return;
    }
    Warning("Chromium or the briefs' fonts were not found. Install them (Debian/Ubuntu: sudo apt-get install chromium fonts-lato fonts-crosextra-caladea) " +
            "or set Briefs__ChromiumPath. Everything else works without it.");
}
