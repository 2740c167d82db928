using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reciproca.Web.Features.People.Import;

namespace Reciproca.Web.Features.Home;

/// <summary>A readable page for 404, 429 and other status codes of UI requests.</summary>
/// <remarks>
/// 413 names the upload limit: the people import is the only upload, and the server's request limit is set from it.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> localizer, IOptions<ImportOptions> import) : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        var key = code switch
        {
            404 => "Status.NotFound",
            429 => "Status.TooMany",
            400 => "Status.BadRequest",
            413 => "Status.TooLarge",
            _ => "Status.Other",
        };
        Title = localizer[$"{key}.Title"];
        Explanation = localizer[$"{key}.Body", code, import.Value.MaxFileSizeText];
    }
}
