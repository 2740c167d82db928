using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.People;

public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people")
            .WithTags("People")
            .RequireAuthorization(Policies.ManagePeople);

        people.MapGet("/", ListAsync)
            .WithName("ListPeople")
            .WithSummary("Page through the directory, with search and filters.")
            .WithDescription("`externalId` is an exact match on the HR key. `updatedSince` (ISO 8601 date-time with an offset, e.g. `2026-11-28T09:00:00Z`) keeps only people created or changed after that instant, oldest change first; deactivated people are included, with `active` false.")
            .Produces<PagedList<PersonSummary>>()
            .ProducesValidationProblem();
        people.MapGet("/{id}", GetAsync)
            .WithName("GetPerson")
            .WithSummary("One person of the directory.")
            .Produces<PersonSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPut("/by-external-id/{externalId}", PutAsync)
            .WithName("PutPersonByExternalId")
            .WithSummary("Create or replace one person by HR key, with the import's validation.")
            .WithDescription("The body carries the fields an import maps; a property left out or null clears that field. 201 with Location when the key is new, 200 otherwise. The import's rules apply: e-mail syntax, dates, one of birthYear/birthDate/age, the manager must be in the directory and the reporting line must not loop. A 400 names the field and changes nothing. A deactivated person is reactivated (a rehire).")
            .Produces<PersonSummary>(StatusCodes.Status200OK)
            .Produces<PersonSummary>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        people.MapPost("/{id}/deactivate", DeactivateAsync)
            .WithName("DeactivatePerson")
            .WithSummary("Mark a leaver: kept for history, no longer enrolled or matched. Idempotent.")
            .Produces<PersonSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        people.MapPost("/import", ImportAsync)
            .WithName("ImportPeople")
            .WithSummary("Import people from a CSV export of the HR system (all or nothing).")
            .WithDescription("Multipart form: `file` (CSV), `mapping` (JSON object: target field -> source column header), optional `culture` (e.g. it-IT) and `ageReferenceDate` (ISO date). With `dryRun=true` nothing is written. 422 lists every rejected row; the database is then untouched. A file larger than the configured limit (`Import:MaxFileBytes`, 10 MB by default) is refused with 413.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                ImportForm.Describe(operation);
                return Task.CompletedTask;
            })
            .Produces<ImportResult>(StatusCodes.Status200OK)
            .Produces<ImportResult>(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // A bearer-token client has no antiforgery token; the auth cookie is SameSite=Lax, so a cross-site form cannot ride on it.
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> ListAsync(
        PeopleQuery query, HttpRequest request, IStringLocalizer<SharedResource> localizer, int? page, int? pageSize, string? search, string? department, string? generation,
        string? externalId, DateTimeOffset? updatedSince, CancellationToken cancellationToken)
    {
        // Without an offset the instant would depend on the server's time zone.
        if (updatedSince is not null && !HasOffset(request.Query["updatedSince"].ToString()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["updatedSince"] = [localizer["People.UpdatedSinceOffset"]] });
        }

        return TypedResults.Ok(await query.ListAsync(
            new ListPeople(page ?? 1, pageSize ?? 25, search, department, generation, externalId, updatedSince?.UtcDateTime), cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid id, PeopleQuery query, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        await query.FindAsync(id, cancellationToken) is { } person ? TypedResults.Ok(person) : Problem.NotFound(localizer["People.NotFound", id]).ToHttp();

    private static async Task<IResult> PutAsync(string externalId, PutPerson person, PeopleSyncHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.PutAsync(externalId, person, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Problem!.ToHttp();
        }

        var put = result.Value!;
        return put.Created ? TypedResults.Created($"/api/v1/people/{put.Person.Id}", put.Person) : TypedResults.Ok(put.Person);
    }

    private static async Task<IResult> DeactivateAsync(Guid id, PeopleSyncHandler handler, CancellationToken cancellationToken) =>
        (await handler.DeactivateAsync(id, cancellationToken)).ToOk();

    private static bool HasOffset(string text)
    {
        var value = text.Trim();
        if (value.EndsWith('Z') || value.EndsWith('z'))
        {
            return true;
        }

        // ...+01:00, ...-0500: the sign sits after the time part, never inside the date.
        var time = value.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time > 0 && value.AsSpan(time).IndexOfAny('+', '-') > 0;
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, ImportPeopleHandler handler, IOptions<ImportOptions> options, IStringLocalizer<SharedResource> localizer, bool? dryRun, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send a multipart/form-data body with a 'file' part and a 'mapping' part."] });
        }

        switch (await ImportUploadLimit.ReadFormAsync(request, options.Value, cancellationToken))
        {
            case UploadReading.TooLarge:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: localizer["Import.TooLargeTitle"], detail: localizer["Import.TooLarge", options.Value.MaxFileSizeText]);
            case UploadReading.Malformed:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The multipart/form-data body could not be read: check its boundary and parts."] });
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["The 'file' part (a CSV file) is missing or empty."];
        }

        var mapping = ParseMapping(form["mapping"].ToString(), errors);
        var culture = ParseCulture(form["culture"].ToString(), errors);
        DateOnly? reference = null;
        var referenceText = form["ageReferenceDate"].ToString();
        if (!string.IsNullOrWhiteSpace(referenceText))
        {
            if (DateOnly.TryParseExact(referenceText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                reference = parsed;
            }
            else
            {
                errors["ageReferenceDate"] = ["Give ageReferenceDate as an ISO 8601 date, e.g. 2026-01-31."];
            }
        }

        if (errors.Count > 0 || file is null || mapping is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var stream = file.OpenReadStream();
        var outcome = await handler.HandleAsync(new ImportPeople(stream, mapping, culture, reference, dryRun ?? false), cancellationToken);
        if (outcome.Conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The import conflicted with another change", detail: outcome.RequestErrors?.Values.First()[0]);
        }

        if (outcome.RequestErrors is { } requestErrors)
        {
            return TypedResults.ValidationProblem(requestErrors);
        }

        var result = outcome.Result!;
        return result.Succeeded ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    internal static Dictionary<string, string>? ParseMapping(string json, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            errors["mapping"] = ["The 'mapping' part is missing: a JSON object from target field to column header, e.g. {\"externalId\":\"EmployeeNumber\"}."];
            return null;
        }

        try
        {
            var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            if (mapping is not null)
            {
                return mapping;
            }
        }
        catch (JsonException)
        {
        }

        errors["mapping"] = ["'mapping' must be a JSON object whose values are column headers (strings)."];
        return null;
    }

    internal static CultureInfo? ParseCulture(string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
            return culture;
        }
        catch (CultureNotFoundException)
        {
            errors["culture"] = [$"Unknown culture '{name}'. Use a name such as it-IT or en-GB."];
            return null;
        }
    }
}
