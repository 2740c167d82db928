using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.People;

/// <summary>
/// The import wizard: upload once, map columns (proposed from the headers), check (a dry run that lists every
/// problem row by row), then import. Nothing is written before the last step, and not at all if a row is wrong.
/// </summary>
// Before the antiforgery check (order 1000), which reads the form: see ImportUploadLimitFilter.
[TypeFilter<ImportUploadLimitFilter>(Order = int.MinValue)]
public sealed class ImportModel(ImportUploadStore uploads, ImportPeopleHandler handler, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxErrorsShown = 500;

    [BindProperty(SupportsGet = true)]
    public Guid? Upload { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Culture { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AgeReferenceDate { get; set; }

    [BindProperty]
    public IFormFile? CsvFile { get; set; }

    [BindProperty]
    public Dictionary<string, string> Mapping { get; set; } = [];

    public string? FileName { get; private set; }

    public IReadOnlyList<string> Headers { get; private set; } = [];

    public IReadOnlyList<string[]> Preview { get; private set; } = [];

    public ImportResult? Result { get; private set; }

    public IReadOnlyDictionary<string, string[]>? RequestErrors { get; private set; }

    public IActionResult OnGet()
    {
        if (Upload is null)
        {
            return Page();
        }

        if (!LoadUpload())
        {
            return RedirectToPage();
        }

        Mapping = MappingGuesser.Guess(Headers);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (CsvFile is null || CsvFile.Length == 0)
        {
            ModelState.AddModelError(nameof(CsvFile), localizer["Import.ChooseFile"]);
            return Page();
        }

        await using var stream = CsvFile.OpenReadStream();
        var upload = await uploads.SaveAsync(OwnerId, CsvFile.FileName, stream, cancellationToken);
        return RedirectToPage(new { upload = upload.Id, culture = Culture, ageReferenceDate = AgeReferenceDate });
    }

    public Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken) => RunAsync(dryRun: true, cancellationToken);

    public Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken) => RunAsync(dryRun: false, cancellationToken);

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        if (Upload is null || !LoadUpload())
        {
            TempData["Flash"] = localizer["Import.Expired"].Value;
            return RedirectToPage();
        }

        var errors = new Dictionary<string, string[]>();
        var culture = PeopleApi.ParseCulture(Culture ?? "", errors);
        DateOnly? reference = null;
        if (!string.IsNullOrWhiteSpace(AgeReferenceDate))
        {
            if (DateOnly.TryParseExact(AgeReferenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                reference = parsed;
            }
            else
            {
                errors["ageReferenceDate"] = [localizer["Import.BadReferenceDate"]];
            }
        }

        if (errors.Count > 0)
        {
            RequestErrors = errors;
            return Page();
        }

        var upload = uploads.Find(Upload.Value, OwnerId)!;
        ImportOutcome outcome;
        await using (var stream = uploads.Open(upload))
        {
            var mapping = Mapping.Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value);
            outcome = await handler.HandleAsync(new ImportPeople(stream, mapping, culture, reference, dryRun), cancellationToken);
        }

        RequestErrors = outcome.RequestErrors;
        Result = outcome.Result;
        if (!dryRun && Result is { Succeeded: true } done)
        {
            uploads.Delete(upload.Id);
            TempData["Flash"] = localizer["Import.Done", localizer.Count("Import.DoneCreated", done.Created), localizer.Count("Import.DoneUpdated", done.Updated), localizer.Count("Import.DoneUnchanged", done.Unchanged)].Value;
            return RedirectToPage("Index");
        }

        return Page();
    }

    private Guid OwnerId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id."));

    private bool LoadUpload()
    {
        var upload = uploads.Find(Upload!.Value, OwnerId);
        if (upload is null)
        {
            return false;
        }

        FileName = upload.FileName;
        using var stream = uploads.Open(upload);
        using var csv = CsvSource.Open(stream);
        csv.ReadHeader();
        Headers = csv.Headers;
        var preview = new List<string[]>();
        while (preview.Count < 3 && csv.Read())
        {
            preview.Add(csv.Current.ToArray());
        }

        Preview = preview;

        return true;
    }
}
