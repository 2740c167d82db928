using System.Globalization;
using System.Text;

namespace Reciproca.Web.Features.People;

/// <summary>
/// Folds text to lower case without diacritics, so that "nicolo" finds "Nicolò" on every database engine
/// (SQLite's own lower() only knows ASCII).
/// </summary>
public static class SearchNormalizer
{
    /// <summary>
    /// The most words a search uses: each is one more condition on every row, and a thousand of them make a query
    /// the engines refuse (SQLite's expression depth) or take long over; nobody types more than a few.
    /// </summary>
    public const int MaxTerms = 8;

    /// <summary>The distinct words of a search, normalised, in the order typed, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        [.. Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(MaxTerms)];

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd();
    }
}
