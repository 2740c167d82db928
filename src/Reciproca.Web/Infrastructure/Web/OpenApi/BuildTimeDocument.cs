using System.Reflection;

namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>
/// The OpenAPI document is written at build time (Microsoft.Extensions.ApiDescription.Server) by a tool that runs the
/// application's entry point with a no-op server and asks it for the document. Then the application must not need a
/// database, nor create, migrate or seed one under data/, nor send e-mail: it gets an in-memory SQLite connection
/// string that nothing opens, and no hosted service but the (no-op) web server runs.
/// </summary>
public static class BuildTimeDocument
{
    // The entry assembly of the build-time document tool (dotnet-getdocument starts GetDocument.Insider).
    private const string GeneratorAssemblyName = "GetDocument.Insider";

    public static bool IsGenerating { get; } = Assembly.GetEntryAssembly()?.GetName().Name == GeneratorAssemblyName;

    /// <summary>Call first thing after <c>WebApplication.CreateBuilder</c>; does nothing unless the document is being generated.</summary>
    public static WebApplicationBuilder UseBuildTimeDocumentSettings(this WebApplicationBuilder builder)
    {
        if (!IsGenerating)
        {
            return builder;
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Reciproca"] = "Data Source=:memory:",
            ["Demo:Enabled"] = "false",
            ["Email:SendInBackground"] = "false",
            // Required outside Development (the generator runs as Production); no e-mail is written anyway.
            ["Email:PublicBaseUrl"] = "http://localhost",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        // Hosted services are registered all through start-up; they are removed once everything is registered.
        builder.Host.UseServiceProviderFactory(new WithoutBackgroundWork());
        return builder;
    }

    private sealed class WithoutBackgroundWork : IServiceProviderFactory<IServiceCollection>
    {
        // Builds the middleware pipeline and "starts" the generator's no-op server; the endpoints need it.
        private const string WebHostService = "Microsoft.AspNetCore.Hosting.GenericWebHostService";

        public IServiceCollection CreateBuilder(IServiceCollection services) => services;

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
        {
            var background = containerBuilder
                .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName != WebHostService)
                .ToList();
            foreach (var descriptor in background)
            {
                containerBuilder.Remove(descriptor);
            }

            return containerBuilder.BuildServiceProvider();
        }
    }
}
