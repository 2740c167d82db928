namespace Reciproca.Web.Features.People;

public sealed record GenerationView(string Key, int FirstBirthYear, int LastBirthYear);

public sealed record GenerationSchemeView(string Scheme, IReadOnlyList<GenerationView> Generations);

/// <summary>The generation scheme in force (derived from birth years, never stored), for filters and reports.</summary>
public static class GenerationsApi
{
    public static RouteGroupBuilder MapGenerationsApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/catalogue").WithTags("Catalogue").RequireAuthorization()
            .MapGet("/generations", (GenerationScheme scheme) => TypedResults.Ok(new GenerationSchemeView(
                scheme.Name, [.. scheme.Generations.Select(g => new GenerationView(g.Key, g.FirstBirthYear, g.LastBirthYear))])))
            .WithName("ListGenerations")
            .WithSummary("The active generation scheme (Pew or McCrindle) and its birth-year ranges; `unknown` is used for people without a birth year.")
            .Produces<GenerationSchemeView>();
        return api;
    }
}
