using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Web;

/// <summary>
/// The one rule for text that people type or systems send, applied by every input path (imports, the people API,
/// programmes, assessments, pacts): no character that is invisible or changes how other text reads. Refused are
/// C0 controls (NUL, ESC, …; tab and line breaks only where text may span lines), DEL and the C1 controls, the
/// bidirectional embeddings, overrides and isolates that can make text display in an order other than the stored one
/// ("Trojan Source"), and unpaired surrogates (not Unicode text at all). Such characters break exports, e-mails and
/// the pages that show the text, and are never part of a name or a goal.
/// </summary>
public static class InputText
{
    /// <summary>Where the first refused character is, or -1 when the text is clean.</summary>
    public static int FirstRefused(string? text, bool multiLine = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsRefused(c, multiLine))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The localised message for a refused character, or null when the text is clean.</summary>
    public static string? Problem(string? text, IStringLocalizer localizer, bool multiLine = false) =>
        Problem(text, (key, arguments) => localizer[key, arguments].Value, multiLine);

    /// <inheritdoc cref="Problem(string?, IStringLocalizer, bool)"/>
    public static string? Problem(string? text, Func<string, object[], string> message, bool multiLine = false)
    {
        var index = FirstRefused(text, multiLine);
        return index < 0 ? null : message("Text.RefusedCharacter", [$"U+{(int)text![index]:X4}", (index + 1).ToString(CultureInfo.CurrentCulture)]);
    }

    /// <summary>Adds the problem of <paramref name="text"/>, if any, under <paramref name="field"/>.</summary>
    public static void Check(IDictionary<string, string[]> errors, string field, string? text, IStringLocalizer localizer, bool multiLine = false)
    {
        if (Problem(text, localizer, multiLine) is { } problem)
        {
            errors[field] = [problem];
        }
    }

    /// <summary>Adds the problem of the first item of <paramref name="texts"/> that has one, under <paramref name="field"/>.</summary>
    public static void Check(IDictionary<string, string[]> errors, string field, IEnumerable<string?>? texts, IStringLocalizer localizer)
    {
        foreach (var text in texts ?? [])
        {
            if (Problem(text, localizer) is { } problem)
            {
                errors[field] = [problem];
                return;
            }
        }
    }

    private static bool IsRefused(char c, bool multiLine) => c switch
    {
        '\t' or '\n' or '\r' => !multiLine,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => char.IsSurrogate(c),
    };
}
