using System.Reflection;
using System.Text.RegularExpressions;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Tests.SqlServer;

/// <summary>One SQL text the product can send or run, named after where it lives.</summary>
public sealed record SqlText(string Name, string Sql)
{
    public override string ToString() => Name;
}

/// <summary>
/// Finds the SQL the product ships, by reflection and from embedded resources, so that new slices
/// are covered without anyone listing their queries here.
/// </summary>
public static partial class ProductSql
{
    public const string SqlServerSuffix = ".sqlserver.sql";
    public const string SqliteSuffix = ".sqlite.sql";

    private static readonly Assembly Data = typeof(DialectSql).Assembly;
    private static readonly Assembly Features = typeof(Ids).Assembly;

    public static IReadOnlyList<SqlText> SqlServerMigrations() => Resources(Data, Migrator.ResourcePrefix(DatabaseProvider.SqlServer) + ".");

    /// <summary>
    /// Portable queries: every <c>const string</c> that reads as SQL goes to both databases, and every
    /// <c>static readonly string</c> too (texts built from the Domain's lists, such as the stages a board sees).
    /// </summary>
    public static IReadOnlyList<SqlText> PortableQueries() =>
        Fields(f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly))
            .Select(f => new SqlText(NameOf(f), (string)(f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null))!))
            .Where(t => LooksLikeSql().IsMatch(t.Sql))
            .ToList();

    /// <summary>The SQL Server half of every <see cref="DialectSql"/> kept in a static field.</summary>
    public static IReadOnlyList<SqlText> SqlServerDialectQueries() =>
        Fields(f => f.IsStatic && !f.IsLiteral && f.FieldType == typeof(DialectSql))
            .Select(f => new SqlText(NameOf(f), ((DialectSql)f.GetValue(null)!).SqlServer))
            .ToList();

    public static IReadOnlyList<string> DialectResourceNames() =>
        Features.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<SqlText> SqlServerResources() => Resources(Features, "", SqlServerSuffix);

    public static IEnumerable<SqlText> EverythingSentToSqlServer() =>
        SqlServerMigrations().Concat(PortableQueries()).Concat(SqlServerDialectQueries()).Concat(SqlServerResources());

    private static IEnumerable<FieldInfo> Fields(Func<FieldInfo, bool> predicate) =>
        new[] { Data, Features }
            .SelectMany(a => a.GetTypes())
            // Static fields of open generic types have no value to read.
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(predicate);

    private static List<SqlText> Resources(Assembly assembly, string prefix, string suffix = "")
    {
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(n => new SqlText("resource " + n, Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }

    /// <summary>Type.Field relative to the assembly's root namespace: "Users.CreateUserHandler.InsertSql".</summary>
    private static string NameOf(FieldInfo field)
    {
        var type = field.DeclaringType!;
        var root = type.Assembly.GetName().Name + ".";
        var name = type.FullName!.Replace('+', '.');
        return (name.StartsWith(root, StringComparison.Ordinal) ? name[root.Length..] : name) + "." + field.Name;
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|DECLARE|IF|SET|EXEC)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeSql();
}
