using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Features.Home;

/// <summary>A readable page for 404, 429 and other status codes of UI requests.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> localizer) : PageModel
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
            _ => "Status.Other",
        };
        Title = localizer[$"{key}.Title"];
        Explanation = localizer[$"{key}.Body", code];
    }
}
