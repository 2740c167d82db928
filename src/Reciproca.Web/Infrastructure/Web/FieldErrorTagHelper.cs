using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Reciproca.Web.Infrastructure.Web;

/// <summary>
/// A field whose value was refused says so where the person is looking, not only in the summary at the top: it is
/// marked invalid (Bootstrap's <c>is-invalid</c>, <c>aria-invalid</c>) and followed by its messages, which the field's
/// <c>aria-describedby</c> names so that a screen reader reads them with the label.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";

    // After the framework's input, select and textarea helpers, which write the id and name this one reads.
    public override int Order => 100;

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (output.Attributes["type"]?.Value?.ToString() is "hidden" || !ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        var id = output.Attributes["id"]?.Value?.ToString() ?? TagBuilder.CreateSanitizedId(name, "_");
        var errorId = $"{id}-error";
        var classes = output.Attributes["class"]?.Value?.ToString();
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(classes) ? "is-invalid" : $"{classes} is-invalid");
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : $"{errorId} {describedBy}");

        var feedback = new TagBuilder("div");
        feedback.AddCssClass("invalid-feedback");
        feedback.Attributes["id"] = errorId;
        var first = true;
        foreach (var error in entry.Errors)
        {
            if (!first)
            {
                feedback.InnerHtml.AppendHtml("<br />");
            }

            feedback.InnerHtml.Append(error.ErrorMessage);
            first = false;
        }

        output.PostElement.AppendHtml(feedback);
    }
}
