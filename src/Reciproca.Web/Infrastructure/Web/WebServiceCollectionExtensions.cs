using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Infrastructure.Web.Localization;
using Reciproca.Web.Infrastructure.Web.OpenApi;
using Reciproca.Web.Infrastructure.Web.Security;

namespace Reciproca.Web.Infrastructure.Web;

public static class WebServiceCollectionExtensions
{
    public static IReadOnlyList<CultureInfo> SupportedCultures { get; } = [new("en"), new("it")];

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddDisplay(configuration);
        services.AddTrustedProxies(configuration);
        // A year, subdomains included (ASVS V9.1.1): sent only over HTTPS and outside Development (UsePipeline).
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        // The antiforgery cookie is Secure whenever the request is HTTPS (behind a proxy: X-Forwarded-Proto).
        // Its X-Frame-Options (SAMEORIGIN) is left out: every answer says DENY, and frame-ancestors 'none' (SecurityHeaders).
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>, AllowedHostsSetup>();
        services.AddProblemDetails();
        // Malformed input is a 400 naming the field in every environment (not only in Development): see MalformedRequestHandler.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Api.MalformedRequestHandler>();
        services.ConfigureHttpJsonOptions(options => Api.ApiJson.Configure(options.SerializerOptions));
        // Idempotency-Key on the API's POSTs (ADR 0012): the records, and their hourly purge.
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.SectionName));
        services.AddScoped<IdempotencyStore>();
        services.AddRecurringJob<IdempotencyPurgeJob>();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = [.. SupportedCultures];
            options.SupportedUICultures = [.. SupportedCultures];
            // Cookie first (the language switch), then the browser's Accept-Language.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Features";
                options.Conventions.AuthorizeFolder("/People", Policies.ManagePeople);
                options.Conventions.AuthorizeFolder("/Accounts", Policies.Administer);
                options.Conventions.AuthorizePage("/Programmes/Create", Policies.ManageProgrammes);
                options.Conventions.AuthorizePage("/Programmes/Edit", Policies.ManageProgrammes);
                options.Conventions.AuthorizePage("/Matching/Review", Policies.ManageProgrammes);
                options.Conventions.AuthorizePage("/ProgrammeOverview/Members", Policies.ManageProgrammes);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                // Asking for a password link, and using one (its token is the key): for people who cannot sign in.
                options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
                options.Conventions.AllowAnonymousToPage("/Account/FirstAccess");
                options.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
                // The invitation link's token is the key; the page itself decides what the visitor may do.
                options.Conventions.AllowAnonymousToFolder("/Invitations");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Home/Error");
                options.Conventions.AllowAnonymousToPage("/Home/Status");
                options.Conventions.AddPageRoute("/Home/Index", "");
            })
            // No client-side validation library is loaded; without this option an empty validation summary still
            // renders a hidden item with an inline style, which the Content-Security-Policy refuses.
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // A form value that does not bind (a date that is no date) and an implicit "required" are reported in the page's
        // language, naming the field.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
            LocalizedValidationMessages.Localize(options, factory.Create(typeof(SharedResource))));

        services.AddSingleton(GenerationScheme.FromName(configuration[$"{GenerationScheme.SectionName}:Scheme"]));
        services.AddHealthChecks().AddDbContextCheck<Data.AppDbContext>("database");
        services.AddOpenApi("v1", options => options
            .AddDocumentTransformer<OpenApiDocumentInfo>()
            .AddOperationTransformer<OpenApiSecurityRequirements>()
            .AddOperationTransformer<OpenApiProblemResponses>()
            .AddOperationTransformer<OpenApiIdempotencyKey>()
            .AddSchemaTransformer<OpenApiEnumSchemas>());
        return services;
    }
}
