using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Users;

namespace SearchFirm.Features;

public static class FeaturesServiceCollectionExtensions
{
    /// <summary>Everything the slices need except the mediator itself, which the host generates.</summary>
    public static IServiceCollection AddSearchFirmFeatures(this IServiceCollection services)
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = ValidatorOptions.Global.PropertyNameResolver;
        services.AddValidatorsFromAssemblyContaining<CreateUserValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<BootstrapAdmin>();
        services.TryAddScoped<AccessTokens>();
        services.TryAddScoped<SearchAccess>();
        services.TryAddScoped<Conflicts.ConflictChecker>();
        services.TryAddSingleton<IPublicAddress, DefaultPublicAddress>();
        services.TryAddSingleton<Conflicts.FirmFacts>();
        services.TryAddScoped<AfterCommit>();
        services.TryAddScoped<OnRollback>();
        services.TryAddScoped<Pipeline.RequestBodyErrors>();
        services.TryAddScoped<Audit.AuditTrail>();
        services.TryAddSingleton<IDocumentStorage, FileSystemDocumentStorage>();
        services.AddOptions<Candidates.CandidateSearchOptions>();

        // The referral network: each instance's copy of the graph for warm paths, loaded and kept
        // current in the background (a no-op when Network:InMemoryGraph is false).
        services.AddOptions<Network.NetworkOptions>();
        services.TryAddSingleton<Network.InMemoryNetwork>();
        services.AddHostedService<Network.NetworkGraphLoader>();

        // Briefs: stored under the data directory, printed by one shared browser, rendered by Hangfire jobs.
        services.AddOptions<Briefs.BriefsOptions>();
        services.TryAddSingleton<Briefs.IBriefStore, Briefs.FileBriefStore>();
        services.TryAddSingleton<Briefs.Rendering.IPrinterWarmUp, Briefs.Rendering.SpecimenWarmUp>();
        services.TryAddSingleton<Briefs.Rendering.IPdfPrinter, Briefs.Rendering.ChromiumPdfPrinter>();
        services.TryAddSingleton<Briefs.Rendering.IBriefRenderer, Briefs.Rendering.BriefRenderer>();
        services.TryAddSingleton<Briefs.IBriefQueue, Briefs.HangfireBriefQueue>();
        services.TryAddSingleton(new Briefs.BriefWorker(Guid.NewGuid(), SoleWorker: true));
        services.TryAddTransient<Briefs.RenderBriefJob>();
        services.TryAddTransient<Briefs.SweepBriefsJob>();

        // The daily digest of stale candidacies for each search lead.
        services.AddOptions<Digests.DigestOptions>();
        services.TryAddTransient<Digests.StaleCandidaciesDigestJob>();

        // Retention: erase candidates whose consent to processing has lapsed.
        services.AddOptions<Retention.RetentionOptions>();
        services.TryAddTransient<Retention.RetentionJob>();
        services.TryAddTransient<Housekeeping.ExpireSignInsJob>();
        services.AddOptions<Housekeeping.SweepOptions>();
        services.TryAddTransient<Housekeeping.SweepFilesJob>();
        services.TryAddTransient<Network.PruneNetworkChangesJob>();

        // The committee: board sessions, stamping at download, e-mail (the host picks SMTP or the pickup folder).
        services.AddOptions<Committees.BoardOptions>();
        services.AddOptions<Common.Email.EmailOptions>();
        services.TryAddScoped<ICurrentBoardMember, NoBoardMember>();
        services.TryAddScoped<Committees.BoardSessions>();
        services.TryAddSingleton<Board.IBriefStamper, Board.PdfPigStamper>();

        // The candidate portal: sessions by one-time link; erasure shared by "forget me" and the admin.
        services.AddOptions<Portal.PortalOptions>();
        services.TryAddScoped<ICurrentCandidate, NoCandidate>();
        services.TryAddScoped<Portal.CandidateSessions>();
        services.TryAddScoped<Candidates.CandidateErasure>();
        return services;
    }
}
