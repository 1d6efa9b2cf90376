using System.Reflection;
using System.Xml.Linq;
using Mediator;
using Mono.Cecil;
using NetArchTest.Rules;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Architecture;

/// <summary>The conventions of src/README.md that a compiler does not enforce.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(ClientKind).Assembly;
    private static readonly Assembly Data = typeof(DialectSql).Assembly;
    private static readonly Assembly Features = typeof(Ids).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<>), typeof(ICommandHandler<,>), typeof(IQueryHandler<,>),
        typeof(IRequestHandler<>), typeof(IRequestHandler<,>), typeof(INotificationHandler<>),
        typeof(IStreamCommandHandler<,>), typeof(IStreamQueryHandler<,>), typeof(IStreamRequestHandler<,>),
    ];

    private static readonly string[] DatabaseDrivers = ["Microsoft.Data.SqlClient", "Microsoft.Data.Sqlite"];

    [Test]
    public void Handlers_are_internal_and_sealed()
    {
        // Nothing but the mediator calls a handler; sealed because nothing derives from one.
        var handlers = Handlers();

        var result = handlers.Should().NotBePublic().And().BeSealed().GetResult();

        Assert.That(handlers.GetTypes().Count(), Is.GreaterThan(10), "the handlers were not found");
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void Requests_are_immutable()
    {
        // A behaviour must see the request the endpoint sent: positional records or init-only properties.
        var requests = Types.InAssemblies([Features, Api]).That()
            .ImplementInterface(typeof(IMessage)).Or().ImplementInterface(typeof(IStreamMessage));

        var result = requests.Should().MeetCustomRule(new HasNoPublicSetters()).GetResult();

        Assert.That(requests.GetTypes().Count(), Is.GreaterThan(10), "the requests were not found");
        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [TestCase("SearchFirm.Domain")]
    [TestCase("SearchFirm.Features")]
    [TestCase("SearchFirm.Api")]
    public void Only_the_data_project_knows_a_database_driver(string project)
    {
        var assembly = new[] { Domain, Features, Api }.Single(a => a.GetName().Name == project);

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(DatabaseDrivers).GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
        Assert.That(assembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.AnyOf(DatabaseDrivers));
        Assert.That(References(project), Has.None.AnyOf(DatabaseDrivers));
    }

    [Test]
    public void The_domain_references_no_other_project_and_no_package()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("SearchFirm.Data", "SearchFirm.Features", "SearchFirm.Api", "Mediator", "Dapper", "FluentValidation")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
        Assert.That(References("SearchFirm.Domain"), Is.Empty);
        Assert.That(Domain.GetReferencedAssemblies().Select(a => a.Name), Is.All.Matches<string>(IsFramework));
    }

    [Test]
    public void The_checks_above_see_a_driver_where_there_is_one()
    {
        // Guards the driver rule against passing because the dependency search finds nothing.
        Assert.That(Types.InAssembly(Data).That().HaveDependencyOnAny(DatabaseDrivers).GetTypes(), Is.Not.Empty);
        Assert.That(References("SearchFirm.Data"), Does.Contain("Microsoft.Data.Sqlite"));
    }

    private static PredicateList Handlers()
    {
        var handlers = Types.InAssemblies([Features, Api]).That().ImplementInterface(HandlerInterfaces[0]);
        foreach (var type in HandlerInterfaces.Skip(1))
            handlers = handlers.Or().ImplementInterface(type);
        return handlers;
    }

    /// <summary>What the project file asks for: packages, projects and shared frameworks.</summary>
    private static List<string> References(string project) =>
        XDocument.Load(Repository.PathOf("src", project, project + ".csproj")).Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => e.Attribute("Include")?.Value ?? "")
            .Select(include => include.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetFileNameWithoutExtension(include) : include)
            .ToList();

    private static bool IsFramework(string? name) =>
        name is "netstandard" or "mscorlib" or "System" || name?.StartsWith("System.", StringComparison.Ordinal) == true;

    /// <summary>No public setter except <c>init</c>; no public field that is not readonly or const.</summary>
    private sealed class HasNoPublicSetters : ICustomRule
    {
        public bool MeetsRule(TypeDefinition type) =>
            type.Properties.All(p => p.SetMethod is null || !p.SetMethod.IsPublic || IsInitOnly(p.SetMethod))
            && type.Fields.All(f => !f.IsPublic || f.IsInitOnly || f.IsLiteral);

        private static bool IsInitOnly(MethodDefinition setter) =>
            setter.ReturnType is RequiredModifierType { ModifierType.FullName: "System.Runtime.CompilerServices.IsExternalInit" };
    }
}
