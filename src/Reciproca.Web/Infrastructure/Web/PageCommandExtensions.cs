using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reciproca.Web.Infrastructure.Web;

public static class PageCommandExtensions
{
    /// <summary>
    /// The answer of a page to a use case's result (post-redirect-get): on success a flash message and a redirect to
    /// the page itself; "not found" and "forbidden" as a 404 (a page's form is only shown to those allowed to post it,
    /// so a post from anyone else meets a resource that, for them, does not exist); any other problem shown on the
    /// page, which <paramref name="reload"/> fills again (false: the page is gone, 404).
    /// </summary>
    public static async Task<IActionResult> AnswerAsync<T>(
        this PageModel page, Result<T> result, string flash, object routeValues, string errorPrefix, Func<Task<bool>> reload)
    {
        if (result.Succeeded)
        {
            page.TempData["Flash"] = flash;
            return page.RedirectToPage(routeValues);
        }

        if (result.Problem!.Kind is ProblemKind.NotFound or ProblemKind.Forbidden)
        {
            return page.NotFound();
        }

        page.ModelState.AddProblem(result.Problem, errorPrefix);
        return await reload() ? page.Page() : page.NotFound();
    }
}
