using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SearchFirm.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddSearchFirmData(this IServiceCollection services, DatabaseOptions options)
    {
        TypeHandlers.Register();
        services.TryAddSingleton(options);
        services.TryAddSingleton<IConnectionFactory, ConnectionFactory>();
        services.TryAddSingleton<ISqlDialect>(options.Provider == DatabaseProvider.SqlServer ? new SqlServerDialect() : new SqliteDialect());
        services.TryAddSingleton<IBulkWriter>(options.Provider == DatabaseProvider.SqlServer ? new SqlServerBulkWriter() : new SqliteBulkWriter());
        services.TryAddSingleton<Migrator>();
        services.TryAddScoped<DbSession>();
        return services;
    }
}
