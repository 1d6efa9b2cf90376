using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.SqlServer;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common.Email;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Network;
using SearchFirm.Features.Pipeline;
using SearchFirm.Features.Users;

namespace SearchFirm.Api.Hosting;

internal static class ServiceRegistration
{
    public const string AdminPolicy = "Admin";
    public const string BoardPolicy = "BoardMember";
    public const string StaffOrBoardPolicy = "StaffOrBoardMember";
    public const string CandidatePolicy = "Candidate";
    public const string StaffOrCandidatePolicy = "StaffOrCandidate";

    /// <summary>Reads the database settings as src/SearchFirm.Api/README.md names them (scripts and operators rely on the names).</summary>
    public static DatabaseOptions DatabaseOptionsFrom(IConfiguration configuration) => new()
    {
        Provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite),
        ConnectionString = configuration.GetConnectionString("SearchFirm"),
        DataDirectory = configuration.GetValue<string>("SearchFirm:DataDirectory") ?? "data",
    };

    public static IServiceCollection AddSearchFirm(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptionsFrom(configuration);
        services.AddSearchFirmData(database);
        // In-memory Hangfire storage on SQLite: this process is the only worker (see BriefWorker).
        services.AddSingleton(new BriefWorker(Guid.NewGuid(), SoleWorker: database.Provider == DatabaseProvider.Sqlite));
        services.AddSingleton<IPublicAddress>(provider => new ServerPublicAddress(provider.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()));
        services.AddSearchFirmFeatures();
        services.Configure<BriefsOptions>(configuration.GetSection("Briefs"));
        services.Configure<BoardOptions>(configuration.GetSection("Board"));
        services.Configure<Features.Portal.PortalOptions>(configuration.GetSection("Portal"));
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.Configure<Features.Digests.DigestOptions>(configuration.GetSection("Digest"));
        services.Configure<Features.Retention.RetentionOptions>(configuration.GetSection("Retention"));
        services.Configure<Features.Housekeeping.SweepOptions>(configuration.GetSection("Sweep"));
        services.Configure<Features.Candidates.CandidateSearchOptions>(configuration.GetSection("Candidates"));
        // E-mail: SMTP (MailKit) in production once Email:Smtp:Host is set; .eml files in the pickup folder otherwise.
        if (!string.IsNullOrWhiteSpace(configuration["Email:Smtp:Host"]))
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else
        {
            var pickup = configuration["Email:PickupDirectory"];
            services.AddSingleton<IEmailSender>(new PickupFolderEmailSender(
                string.IsNullOrWhiteSpace(pickup) ? Path.Combine(Path.GetFullPath(database.DataDirectory), "mail") : pickup,
                configuration["Email:From"] ?? new EmailOptions().From));
        }
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.Configure<BootstrapOptions>(configuration.GetSection("Bootstrap"));
        services.AddOptions<DocumentOptions>()
            .Bind(configuration.GetSection("Documents"))
            .PostConfigure(o =>
            {
                o.Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Directory) ? Path.Combine(database.DataDirectory, "documents") : o.Directory);
                o.StagingDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.StagingDirectory) ? Path.Combine(database.DataDirectory, "tmp") : o.StagingDirectory);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidator>();
        services.Configure<NetworkOptions>(configuration.GetSection("Network"));

        // Order matters: log everything, refuse the unauthorised before validating, open a transaction,
        // then decide what a committee member may see inside it.
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateUser)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
                typeof(BoardVisibilityBehaviour<,>),
            ];
        });

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<ICurrentBoardMember, HttpCurrentBoardMember>();
        services.AddScoped<ICurrentCandidate, HttpCurrentCandidate>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new EnumNameConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // A number is a JSON number: "10" is refused as the wrong type (the web defaults read it),
            // as "kind": 1 is for an enum; the OpenAPI document then says integer, not integer-or-string.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // {"name":"A","name":"B"} is ambiguous: which one did the client mean? Refused (400), not last-wins.
            o.SerializerOptions.AllowDuplicateProperties = false;
            // A misspelt member ("organization") is a 400 naming it, not data silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Bad input becomes an exception that the problem handler names field by field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddAuthentication(BearerTokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthentication>(BearerTokenAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, BoardSessionAuthentication>(BoardSessionAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, CandidateSessionAuthentication>(CandidateSessionAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(nameof(Role.Admin)))
            // Board routes authenticate with the board scheme only: a staff token is not a board session.
            .AddPolicy(BoardPolicy, p => p.AddAuthenticationSchemes(BoardSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser().RequireRole(BoardSessionAuthentication.Role))
            // A brief is open to the team and to the committee it was presented to.
            .AddPolicy(StaffOrBoardPolicy, p => p.AddAuthenticationSchemes(BearerTokenAuthentication.SchemeName, BoardSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser())
            // Portal routes: a candidate session only, so staff and board tokens are refused there.
            .AddPolicy(CandidatePolicy, p => p.AddAuthenticationSchemes(CandidateSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser().RequireRole(CandidateSessionAuthentication.Role))
            // Staff, or the candidate for their own (documents, consents): either scheme; the mediator checks whose data it is.
            .AddPolicy(StaffOrCandidatePolicy, p => p.AddAuthenticationSchemes(BearerTokenAuthentication.SchemeName, CandidateSessionAuthentication.SchemeName)
                .RequireAuthenticatedUser());

        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentInfoTransformer>();
            o.AddOperationTransformer<OperationSecurityTransformer>();
            o.AddDocumentTransformer<OperationalRoutesTransformer>();
            o.AddSchemaTransformer<EnumSchemaTransformer>();
            o.AddSchemaTransformer<SchemaExamplesTransformer>();
        });

        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
                config.UseSqlServerStorage(database.ResolveConnectionString(), new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });
            else
                config.UseInMemoryStorage();
        });
        if (configuration.GetValue("Hangfire:Server", true))
        {
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
            services.AddHostedService<BackgroundWorkStartup>();
        }
        return services;
    }
}

/// <summary>Refuses to start with limits that make no sense, naming each setting.</summary>
internal sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
