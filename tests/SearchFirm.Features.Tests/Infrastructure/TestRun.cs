using Microsoft.Data.Sqlite;
using SearchFirm.Features.Tests.Infrastructure;

// The root namespace: a SetUpFixture covers only the tests in its namespace and below.
namespace SearchFirm.Features.Tests;

/// <summary>Removes this run's databases when every test has finished: without it each run left its copies in the temp folder.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void DeleteDatabases()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(TestDatabase.Root)) Directory.Delete(TestDatabase.Root, recursive: true);
        }
        catch (IOException)
        {
            // Another process still holds a file; the OS cleans the temp folder eventually.
        }
    }
}
