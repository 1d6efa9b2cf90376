namespace SearchFirm.Features.Tests.Infrastructure;

/// <summary>The checked-out repository, for tests about files that ship (db/ migrations, project files).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SearchFirm.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("SearchFirm.sln was not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
