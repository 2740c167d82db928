using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Reciproca.Web.Infrastructure.Web;

public static class ModelStateExtensions
{
    /// <summary>Shows a use case's problem on a page: field errors next to their field, the rest at the top.</summary>
    public static void AddProblem(this ModelStateDictionary modelState, Problem problem, string prefix)
    {
        if (problem.Detail is { Length: > 0 } detail)
        {
            modelState.AddModelError(string.Empty, detail);
        }

        foreach (var (field, messages) in problem.Errors)
        {
            // API field names are camelCase paths ("rules.minimumScore"); the form's are flat PascalCase.
            var name = field[(field.LastIndexOf('.') + 1)..];
            var key = $"{prefix}.{char.ToUpper(name[0], CultureInfo.InvariantCulture)}{name[1..]}";
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }
}
