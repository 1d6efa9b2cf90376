using System.Diagnostics;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Contract;

/// <summary>
/// /openapi/v1.json is something an integrator can build on: Redocly CLI's recommended rules find
/// no error in it, and a C# client generated from it compiles.
/// </summary>
public sealed class OpenApiClientTests
{
    /// <summary>Pinned, so that a new release's rules (or its Node.js requirement) cannot fail the build unannounced.</summary>
    private const string Redocly = "@redocly/cli@2.77.0";

    /// <summary>The warnings kept, each with its reason; anything else Redocly reports fails the test.</summary>
    private static readonly (string Rule, string Pointer, string Reason)[] AcceptedWarnings =
    [
        ("info-license", "#/info", "the API is the firm's own, published under no licence"),
        ("operation-4xx-response", "#/paths/~1health~1live/get/responses", "a health check answers 200 to anyone: there is no 4xx to document"),
        ("operation-4xx-response", "#/paths/~1health~1ready/get/responses", "a health check answers 200 or 503 to anyone: there is no 4xx to document"),
        ("operation-4xx-response", "#/paths/~1openapi~1v1.json/get/responses", "the document itself answers 200 to anyone"),
    ];

    private ApiFactory api = null!;
    private string document = null!;

    [OneTimeSetUp]
    public async Task ReadTheDocument()
    {
        api = new ApiFactory();
        // As served by `dotnet cake --target=Run`: the document names the address it was asked at, and Redocly
        // rightly warns about a server at "localhost", which is all a test server would say.
        var client = api.CreateClient();
        client.BaseAddress = new Uri("http://127.0.0.1:5080/");
        document = await client.GetStringAsync("/openapi/v1.json");
    }

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    [Test]
    public async Task Redocly_recommended_rules_find_no_error_and_only_the_warnings_with_a_reason()
    {
        var file = Path.Combine(api.DataDirectory, "openapi.json");
        Directory.CreateDirectory(api.DataDirectory);
        await File.WriteAllTextAsync(file, document);

        var (exitCode, output, errors) = await RunAsync("npx", ["--yes", Redocly, "lint", file, "--format=json"], TimeSpan.FromMinutes(3));
        if (exitCode is null)
            Assert.Ignore("npx (Node.js) is not installed here: install Node.js to lint the OpenAPI document with Redocly CLI.");
        JsonElement report;
        try
        {
            report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        }
        catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException)
        {
            Assert.Ignore($"Redocly CLI could not be run (exit {exitCode}; is the npm registry reachable?): {errors.Trim()}");
            return;
        }

        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Rule: p.GetProperty("ruleId").GetString()!, Severity: p.GetProperty("severity").GetString()!,
                Pointer: p.GetProperty("location")[0].GetProperty("pointer").GetString()!, Message: p.GetProperty("message").GetString()!))
            .ToList();
        var unexplained = problems.Where(p => p.Severity != "warn" || !AcceptedWarnings.Any(a => a.Rule == p.Rule && a.Pointer == p.Pointer))
            .Select(p => $"{p.Severity} {p.Rule} at {p.Pointer}: {p.Message}");

        Assert.That(report.GetProperty("totals").GetProperty("errors").GetInt32(), Is.Zero, output);
        Assert.That(unexplained, Is.Empty);
    }

    [Test]
    public void A_CSharp_client_generated_from_the_document_compiles()
    {
        var openApi = NSwag.OpenApiDocument.FromJsonAsync(document).GetAwaiter().GetResult();
        var code = new CSharpClientGenerator(openApi, new CSharpClientGeneratorSettings
        {
            ClassName = "SearchFirmClient",
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
        }).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)) };
        // NSwag writes its FileParameter helper only for file parameters it sees directly, not for a file inside
        // a multipart body given by reference (document uploads); an integrator adds this one class by hand.
        if (!code.Contains("class FileParameter", StringComparison.Ordinal))
            trees.Add(CSharpSyntaxTree.ParseText(FileParameter));
        var compilation = CSharpCompilation.Create("Generated",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var assembly = new MemoryStream();
        var result = compilation.Emit(assembly);

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Take(20);
        Assert.That(errors, Is.Empty);
        // The operations are there by their operationIds: a generated client's methods are named after them.
        Assert.That(code, Does.Contain("PostCandidaciesByIdTransitionsAsync").And.Contain("GetBoardSearchesByIdShortlistAsync"));
    }

    private const string FileParameter = """
        namespace Generated;

        public sealed class FileParameter(System.IO.Stream data, string fileName, string contentType)
        {
            public System.IO.Stream Data { get; } = data;
            public string FileName { get; } = fileName;
            public string ContentType { get; } = contentType;
        }
        """;

    private static async Task<(int? ExitCode, string Output, string Errors)> RunAsync(string command, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "", "");
        }

        using (process)
        using (var cancel = new CancellationTokenSource(timeout))
        {
            var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
            var errors = process.StandardError.ReadToEndAsync(cancel.Token);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await output, await errors);
        }
    }
}
