using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Reciproca.Web.Infrastructure.Web;

/// <summary>
/// A field whose value was refused says so where the person is looking, not only in the summary at the top: it is
/// marked invalid (Bootstrap's <c>is-invalid</c>, <c>aria-invalid</c>) and followed by its messages, which the field's
/// <c>aria-describedby</c> names so that a screen reader reads them with the label.
/// </summary>
/// <remarks>
/// The field's errors are those of its model-state key: the <c>asp-for</c> expression's name; else
/// <c>errors-for</c>, for a form whose handler files its errors under another key than the posted name (a page with
/// several forms prefixes them: <c>Invite.Emails</c>); else the raw <c>name</c> attribute. A group of check boxes or
/// radio buttons repeats its name on every box, so its errors go on its <c>fieldset</c>, named by <c>errors-for</c>,
/// and raw-named boxes are left alone (each would repeat the message, with the same id).
/// </remarks>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
[HtmlTargetElement("input", Attributes = NameAttribute)]
[HtmlTargetElement("select", Attributes = NameAttribute)]
[HtmlTargetElement("textarea", Attributes = NameAttribute)]
[HtmlTargetElement("input", Attributes = ErrorsForAttribute)]
[HtmlTargetElement("select", Attributes = ErrorsForAttribute)]
[HtmlTargetElement("textarea", Attributes = ErrorsForAttribute)]
[HtmlTargetElement("fieldset", Attributes = ErrorsForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";
    private const string NameAttribute = "name";
    private const string ErrorsForAttribute = "errors-for";

    // After the framework's input, select and textarea helpers, which write the id and name this one reads.
    public override int Order => 100;

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression? For { get; set; }

    /// <summary>The model-state key whose errors this field or group shows, when it is not the posted name.</summary>
    [HtmlAttributeName(ErrorsForAttribute)]
    public string? ErrorsFor { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var type = ValueOf(output.Attributes["type"]);
        if (type is "hidden" || Key(output, type) is not { } key || !ViewContext.ViewData.ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        var id = ValueOf(output.Attributes["id"]);
        if (id is null)
        {
            id = TagBuilder.CreateSanitizedId(key, "_");
            output.Attributes.SetAttribute("id", id);
        }

        var errorId = $"{id}-error";
        var classes = ValueOf(output.Attributes["class"]);
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(classes) ? "is-invalid" : $"{classes} is-invalid");
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = ValueOf(output.Attributes["aria-describedby"]);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? errorId : $"{errorId} {describedBy}");
        output.PostElement.AppendHtml(Feedback(errorId, entry));
    }

    private string? Key(TagHelperOutput output, string? type)
    {
        if (For is not null)
        {
            return ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        }

        if (ErrorsFor is { Length: > 0 })
        {
            return ErrorsFor;
        }

        return output.TagName == "fieldset" || type is "checkbox" or "radio" ? null : ValueOf(output.Attributes[NameAttribute]);
    }

    private static TagBuilder Feedback(string errorId, ModelStateEntry entry)
    {
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

        return feedback;
    }

    // An attribute written with Razor code ("Levels[@id]") arrives as HTML content, not as a string.
    private static string? ValueOf(TagHelperAttribute? attribute)
    {
        switch (attribute?.Value)
        {
            case null:
                return null;
            case string text:
                return text;
            case IHtmlContent html:
                using (var writer = new StringWriter())
                {
                    html.WriteTo(writer, HtmlEncoder.Default);
                    return WebUtility.HtmlDecode(writer.ToString());
                }

            default:
                return attribute.Value.ToString();
        }
    }
}
