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
        services.TryAddScoped<AfterCommit>();
        services.TryAddScoped<OnRollback>();
        services.TryAddScoped<Audit.AuditTrail>();
        services.TryAddSingleton<IDocumentStorage, FileSystemDocumentStorage>();
        return services;
    }
}
