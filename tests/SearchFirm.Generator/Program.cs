namespace SearchFirm.Generator;

/// <summary>The generator's command line (an explicit class: a top-level Program would clash with the API's in the benchmarks).</summary>
internal static class GeneratorProgram
{
    public static async Task<int> Main(string[] args)
    {
        // dotnet run -c Release --project tests/SearchFirm.Generator -- <data-directory> [candidates]
        // dotnet run -c Release --project tests/SearchFirm.Generator -- transitions <data-directory> [writers]
        if (args.Length > 1 && args[0] == "transitions")
        {
            var data = args[1];
            await using var db = FirmGenerator.Services(data);
            var (search, partner) = await FirmGenerator.BigSearchAsync(db);
            var writers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
            var result = await TransitionLoad.RunAsync(new GeneratedFirmHandle(data, search, partner), writers);
            Console.WriteLine(result);
            return result.LostUpdates == 0 && result.OtherFailures == 0 ? 0 : 1;
        }

        var directory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "searchfirm-generated");
        var candidates = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        if (File.Exists(Path.Combine(directory, "searchfirm.db")))
        {
            Console.Error.WriteLine($"{directory} already holds a database; choose an empty directory.");
            return 1;
        }

        var firm = await FirmGenerator.GenerateAsync(directory, candidates, log: Console.Out);
        Console.WriteLine($"Generated {firm.Candidates:N0} candidates and {firm.Candidacies:N0} candidacies in {firm.DataDirectory}.");
        Console.WriteLine($"Sign in as {FirmGenerator.AdminEmail} or {FirmGenerator.PartnerEmail} with '{FirmGenerator.StaffPassword}'.");
        Console.WriteLine($"Run the API on it: SearchFirm__DataDirectory={firm.DataDirectory} dotnet run --project src/SearchFirm.Api");
        return 0;
    }
}
