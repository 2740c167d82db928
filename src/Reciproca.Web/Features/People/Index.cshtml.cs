using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.People;

public sealed class IndexModel(PeopleQuery query, GenerationScheme scheme) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Generation { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public GenerationScheme Scheme => scheme;

    public PagedList<PersonSummary> Result { get; private set; } = new(0, 1, 25, []);

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await query.ListAsync(new ListPeople(PageNumber, 50, Search, Department, Generation), cancellationToken);
        Departments = await query.DepartmentsAsync(cancellationToken);
    }

    public Dictionary<string, string> PageRoute(int page)
    {
        var data = new Dictionary<string, string> { ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(Search))
        {
            data["search"] = Search;
        }

        if (!string.IsNullOrEmpty(Department))
        {
            data["department"] = Department;
        }

        if (!string.IsNullOrEmpty(Generation))
        {
            data["generation"] = Generation;
        }

        return data;
    }
}
