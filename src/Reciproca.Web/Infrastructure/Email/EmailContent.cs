using System.Net;
using System.Text;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// What a message says, already localised: a greeting, paragraphs and at most one action (a link). Every message
/// shares one plain layout, in text and in HTML, so that each feature only writes its words.
/// </summary>
public sealed record EmailContent(string Subject, string Greeting, IReadOnlyList<string> Paragraphs, string? ActionText, string? ActionUrl, string Footer)
{
    /// <summary>The words of the link under the footer to the recipient's notification settings (set by the notifier).</summary>
    public string? SettingsText { get; init; }

    /// <summary>The absolute address of the notification settings; no link when null.</summary>
    public string? SettingsUrl { get; init; }

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(Greeting).AppendLine();
        foreach (var paragraph in Paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
        }

        if (ActionUrl is not null)
        {
            text.AppendLine($"{ActionText}: {ActionUrl}").AppendLine();
        }

        text.AppendLine("-- ").AppendLine(Footer);
        if (SettingsUrl is not null)
        {
            text.AppendLine($"{SettingsText}: {SettingsUrl}");
        }

        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;max-width:40em\">");
        html.Append("<p>").Append(Encode(Greeting)).Append("</p>");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        }

        if (ActionUrl is not null)
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(ActionUrl)).Append("\" style=\"display:inline-block;padding:.5em 1em;background:#0b5ed7;color:#fff;text-decoration:none;border-radius:.3em\">")
                .Append(Encode(ActionText ?? ActionUrl)).Append("</a></p>");
            html.Append("<p style=\"font-size:.85em;color:#555\">").Append(WebUtility.HtmlEncode(ActionUrl)).Append("</p>");
        }

        html.Append("<hr><p style=\"font-size:.85em;color:#555\">").Append(Encode(Footer)).Append("</p>");
        if (SettingsUrl is not null)
        {
            html.Append("<p style=\"font-size:.85em;color:#555\"><a href=\"").Append(WebUtility.HtmlEncode(SettingsUrl)).Append("\">")
                .Append(Encode(SettingsText ?? SettingsUrl)).Append("</a></p>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    // Text written by people (a personal note from HR) keeps its line breaks.
    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
