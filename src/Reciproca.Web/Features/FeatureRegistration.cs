using Reciproca.Web.Features.Culture;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.People.Import;

namespace Reciproca.Web.Features;

public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddScoped<PeopleQuery>();
        services.AddScoped<ImportPeopleHandler>();
        services.AddSingleton<ImportUploadStore>();
        return services;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapPeopleApi();
        app.MapCultureSwitch();
        return app;
    }
}
