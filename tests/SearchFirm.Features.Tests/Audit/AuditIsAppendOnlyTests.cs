using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SearchFirm.Data;
using SearchFirm.Features.Audit;

namespace SearchFirm.Features.Tests.Audit;

/// <summary>
/// The application has no code path that changes or removes an audit event: every SQL text that
/// SearchFirm.Data and SearchFirm.Features can send is scanned for UPDATE, DELETE, MERGE, REPLACE,
/// TRUNCATE or DROP aimed at AuditEvents, and for switching off its triggers. The texts are found,
/// not listed: constant and static fields, both halves of every <see cref="DialectSql"/>, every
/// string literal compiled into the assemblies (so SQL written inline is covered too) and every
/// embedded .sql file (migrations and dialect files). Each text is checked by patterns, and where it
/// parses as T-SQL also by walking its syntax tree, which sees through aliases.
/// The database's own refusal is proven in <see cref="AuditTrailTests"/>.
/// </summary>
public sealed partial class AuditIsAppendOnlyTests
{
    private static readonly Assembly[] Product = [typeof(DialectSql).Assembly, typeof(AuditTrail).Assembly];

    private static IEnumerable<TestCaseData> ProductSqlTexts() =>
        Texts().Where(t => AuditTable().IsMatch(t.Sql)).Select(t => new TestCaseData(t.Sql).SetArgDisplayNames(t.Source));

    [TestCaseSource(nameof(ProductSqlTexts))]
    public void No_sql_text_updates_or_deletes_audit_events(string sql) =>
        Assert.That(Violations(sql), Is.Empty, sql);

    [Test]
    public void The_scan_sees_the_products_sql()
    {
        // Guards the test above against passing because it found nothing to check.
        var texts = Texts();
        Assert.That(texts.Count(t => t.Source.StartsWith("field ", StringComparison.Ordinal)), Is.GreaterThan(40));
        Assert.That(texts.Select(t => t.Source), Does.Contain("field Audit.AuditTrail.InsertSql"));
        Assert.That(texts.Select(t => t.Source), Does.Contain("field Audit.ListAuditEventsHandler.Page (SQL Server)"));
        Assert.That(texts.Select(t => t.Source), Does.Contain("resource SearchFirm.Data.Migrations.Sqlite.V0002__recruiter_core.sql"));
        Assert.That(texts.Where(t => t.Source.StartsWith("literal ", StringComparison.Ordinal)).Select(t => t.Sql),
            Has.Some.Contains("INSERT INTO AuditEvents"), "inline string literals are read from the assemblies' metadata");
        Assert.That(ProductSqlTexts().Count(), Is.GreaterThanOrEqualTo(6), "texts that mention AuditEvents: inserts, reads, the migration");
    }

    [TestCase("UPDATE AuditEvents SET Action = 'x' WHERE Id = @Id")]
    [TestCase("update   dbo.auditevents set Action = 'x'")]
    [TestCase("UPDATE [dbo].[AuditEvents] SET Action = 'x'")]
    [TestCase("UPDATE TOP (10) AuditEvents SET Action = 'x'")]
    [TestCase("UPDATE a SET a.Action = 'x' FROM AuditEvents a WHERE a.Id = @Id")]
    [TestCase("DELETE FROM AuditEvents WHERE OccurredAt < @Cutoff")]
    [TestCase("DELETE AuditEvents")]
    [TestCase("DELETE a FROM dbo.AuditEvents AS a JOIN Users u ON u.Id = a.ActorId")]
    [TestCase("WITH old AS (SELECT * FROM AuditEvents) DELETE FROM old")]
    [TestCase("INSERT OR REPLACE INTO AuditEvents (Id, Action) VALUES (@Id, 'x')")]
    [TestCase("REPLACE INTO AuditEvents (Id, Action) VALUES (@Id, 'x')")]
    [TestCase("INSERT INTO AuditEvents (Id, Action) VALUES (@Id, 'x') ON CONFLICT (Id) DO UPDATE SET Action = 'y'")]
    [TestCase("MERGE INTO AuditEvents AS t USING (SELECT @Id AS Id) s ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET Action = 'x';")]
    [TestCase("TRUNCATE TABLE AuditEvents")]
    [TestCase("DROP TABLE AuditEvents")]
    [TestCase("DROP TRIGGER TR_AuditEvents_NoUpdate")]
    [TestCase("DISABLE TRIGGER dbo.TR_AuditEvents_AppendOnly ON dbo.AuditEvents")]
    [TestCase("ALTER TABLE AuditEvents DISABLE TRIGGER ALL")]
    public void The_scan_catches_each_way_of_changing_the_trail(string sql) =>
        Assert.That(Violations(sql), Is.Not.Empty);

    [TestCase("INSERT INTO AuditEvents (Id, Action) VALUES (@Id, @Action)")]
    [TestCase("SELECT a.Id FROM AuditEvents a WHERE a.EntityId = @EntityId ORDER BY a.OccurredAt DESC")]
    [TestCase("UPDATE Candidates SET Version = Version + 1 WHERE Id = @Id; SELECT COUNT(*) FROM AuditEvents")]
    [TestCase("CREATE TRIGGER TR_AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents is append-only'); END;")]
    [TestCase("CREATE TRIGGER dbo.TR_AuditEvents_AppendOnly ON dbo.AuditEvents INSTEAD OF UPDATE, DELETE AS BEGIN THROW 51000, 'AuditEvents is append-only', 1; END;")]
    public void The_scan_lets_reads_inserts_and_the_guarding_triggers_pass(string sql) =>
        Assert.That(Violations(sql), Is.Empty);

    /// <summary>What in <paramref name="sql"/> would change or remove audit events, in words.</summary>
    internal static IReadOnlyList<string> Violations(string sql)
    {
        var text = Comments().Replace(sql, " ");
        var found = Forbidden.Where(p => p.Pattern.IsMatch(text)).Select(p => p.Name).ToList();
        found.AddRange(SyntaxTreeViolations(sql));
        return found;
    }

    private const string Table = @"(?:\[?dbo\]?\s*\.\s*)?[\[""]?AuditEvents\b";
    private const string Top = @"(?:TOP\s*\([^)]*\)\s*)?";

    private static readonly (string Name, Regex Pattern)[] Forbidden =
    [
        ("UPDATE of AuditEvents", Sql($@"\bUPDATE\s+{Top}{Table}")),
        ("UPDATE through an alias of AuditEvents", Sql($@"\bUPDATE\s+{Top}\w+\s+SET\b[^;]*?\bFROM\s+{Table}")),
        ("DELETE from AuditEvents", Sql($@"\bDELETE\s+{Top}(?:FROM\s+)?{Table}")),
        ("DELETE through an alias of AuditEvents", Sql($@"\bDELETE\s+{Top}\w+\s+FROM\s+{Table}")),
        ("REPLACE into AuditEvents", Sql($@"\b(?:INSERT\s+OR\s+REPLACE|REPLACE)\s+INTO\s+{Table}")),
        ("upsert into AuditEvents", Sql($@"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+{Table}[^;]*\bDO\s+UPDATE\b")),
        ("MERGE into AuditEvents", Sql($@"\bMERGE\s+{Top}(?:INTO\s+)?{Table}")),
        ("TRUNCATE of AuditEvents", Sql($@"\bTRUNCATE\s+TABLE\s+{Table}")),
        ("DROP of AuditEvents", Sql($@"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{Table}")),
        ("DROP of an AuditEvents trigger", Sql(@"\bDROP\s+TRIGGER\b[^;]*AuditEvents")),
        ("disabling an AuditEvents trigger", Sql(@"\bDISABLE\s+TRIGGER\b[^;]*AuditEvents|\bALTER\s+TABLE\s+" + Table + @"\s+DISABLE\b")),
        // A CTE or view over the table would hide it from the patterns above: no DML may sit beside a mention of it.
        ("UPDATE or DELETE in a text that reads AuditEvents through a CTE", Sql($@"\bWITH\b[^;]*{Table}[^;]*\)\s*(?:UPDATE|DELETE)\b")),
    ];

    private static Regex Sql(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>T-SQL texts only (SQLite-only syntax does not parse and is left to the patterns).</summary>
    private static IEnumerable<string> SyntaxTreeViolations(string sql)
    {
        var tree = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        if (errors.Count > 0) return [];
        var visitor = new AuditWriteVisitor();
        tree.Accept(visitor);
        return visitor.Found;
    }

    private sealed class AuditWriteVisitor : TSqlFragmentVisitor
    {
        public List<string> Found { get; } = [];

        public override void ExplicitVisit(UpdateSpecification node) => Check("UPDATE", node.Target, node.FromClause);

        public override void ExplicitVisit(DeleteSpecification node) => Check("DELETE", node.Target, node.FromClause);

        public override void ExplicitVisit(MergeSpecification node) => Check("MERGE", node.Target, null);

        public override void ExplicitVisit(TruncateTableStatement node)
        {
            if (IsAudit(node.TableName)) Found.Add("TRUNCATE of AuditEvents (syntax tree)");
        }

        public override void ExplicitVisit(DropTableStatement node)
        {
            if (node.Objects.Any(IsAudit)) Found.Add("DROP of AuditEvents (syntax tree)");
        }

        private void Check(string verb, TableReference target, FromClause? from)
        {
            if (target is not NamedTableReference named) return;
            var name = named.SchemaObject.BaseIdentifier.Value;
            var aliased = from?.TableReferences.SelectMany(Flatten).OfType<NamedTableReference>()
                .Any(t => string.Equals(t.Alias?.Value, name, StringComparison.OrdinalIgnoreCase) && IsAudit(t.SchemaObject)) ?? false;
            if (IsAudit(named.SchemaObject) || aliased)
                Found.Add($"{verb} of AuditEvents (syntax tree)");
        }

        private static IEnumerable<TableReference> Flatten(TableReference reference) => reference switch
        {
            JoinTableReference join => Flatten(join.FirstTableReference).Concat(Flatten(join.SecondTableReference)),
            _ => [reference],
        };

        private static bool IsAudit(SchemaObjectName name) =>
            string.Equals(name.BaseIdentifier?.Value, "AuditEvents", StringComparison.OrdinalIgnoreCase);
    }

    private sealed record SqlText(string Source, string Sql);

    private static List<SqlText> Texts() => [.. Fields(), .. Literals(), .. Resources()];

    private static IEnumerable<SqlText> Fields()
    {
        var fields = Product.SelectMany(a => a.GetTypes())
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        foreach (var field in fields)
        {
            if (field.FieldType == typeof(string) && field.IsLiteral)
                yield return new SqlText("field " + NameOf(field), (string)field.GetRawConstantValue()!);
            else if (field.FieldType == typeof(string) && field.IsInitOnly && field.GetValue(null) is string value)
                yield return new SqlText("field " + NameOf(field), value);
            else if (field.FieldType == typeof(DialectSql) && field.GetValue(null) is DialectSql dialect)
            {
                yield return new SqlText($"field {NameOf(field)} (SQL Server)", dialect.SqlServer);
                yield return new SqlText($"field {NameOf(field)} (SQLite)", dialect.Sqlite);
            }
        }
    }

    /// <summary>Every string literal in the assemblies (the #US heap): inline SQL, interpolation pieces, everything.</summary>
    private static IEnumerable<SqlText> Literals()
    {
        foreach (var assembly in Product)
        {
            using var pe = new PEReader(File.OpenRead(assembly.Location));
            var reader = pe.GetMetadataReader();
            if (reader.GetHeapSize(HeapIndex.UserString) <= 1) continue;
            var found = new List<SqlText>();
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
            {
                var literal = reader.GetUserString(handle);
                var words = Whitespace().Replace(literal, " ").Trim();
                found.Add(new SqlText($"literal in {assembly.GetName().Name}: {words[..Math.Min(60, words.Length)]}", literal));
            }
            foreach (var text in found) yield return text;
        }
    }

    private static IEnumerable<SqlText> Resources()
    {
        foreach (var assembly in Product)
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)))
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                yield return new SqlText("resource " + name, reader.ReadToEnd());
            }
        }
    }

    private static string NameOf(FieldInfo field)
    {
        var type = field.DeclaringType!;
        var root = type.Assembly.GetName().Name + ".";
        var name = type.FullName!.Replace('+', '.');
        return (name.StartsWith(root, StringComparison.Ordinal) ? name[root.Length..] : name) + "." + field.Name;
    }

    [GeneratedRegex(@"\bAuditEvents\b", RegexOptions.IgnoreCase)]
    private static partial Regex AuditTable();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"--[^\r\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex Comments();
}
