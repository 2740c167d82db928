using System.Globalization;
using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Web.Localization;

public static class DisplayServiceCollectionExtensions
{
    public static IServiceCollection AddDisplay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DisplayOptions>()
            .Bind(configuration.GetSection(DisplayOptions.SectionName))
            .Validate(options => Valid(options.EnglishFormatCulture), "Display:EnglishFormat must be an English culture such as en-GB or en-US.")
            .Validate(options => Valid(options.Zone), "Display:TimeZone must be an IANA time zone such as Europe/Rome.")
            .ValidateOnStart();
        services.AddSingleton<NaturalDates>();
        return services;
    }

    /// <summary>
    /// After request localization: an English request formats as the configured English culture (en-GB by default),
    /// an Italian one as it-IT. The texts (the UI culture) stay "en" and "it".
    /// </summary>
    public static IApplicationBuilder UseDisplayCulture(this IApplicationBuilder app)
    {
        var english = app.ApplicationServices.GetRequiredService<IOptions<DisplayOptions>>().Value.EnglishFormatCulture();
        var italian = CultureInfo.GetCultureInfo("it-IT");
        return app.Use((context, next) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentCulture.TwoLetterISOLanguageName switch
            {
                "en" => english,
                "it" => italian,
                _ => CultureInfo.CurrentCulture,
            };
            return next(context);
        });
    }

    private static bool Valid(Func<object> read)
    {
        try
        {
            read();
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or CultureNotFoundException)
        {
            return false;
        }
    }
}
