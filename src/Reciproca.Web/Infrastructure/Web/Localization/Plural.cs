using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Web.Localization;

/// <summary>
/// Counted texts: "1 pair proposed", "3 pairs proposed". Each counted text has two resources, <c>Key.One</c> and
/// <c>Key.Other</c>, chosen by the count. English and Italian both have exactly these two CLDR cardinal categories for
/// whole numbers (one: 1; other: everything else, 0 included), so the choice needs no plural library; a language with
/// more categories would add its rule here, not at the call sites.
/// </summary>
public static class Plural
{
    public const string One = "One";
    public const string Other = "Other";

    /// <summary>The CLDR category of a whole count in the supported languages.</summary>
    public static string Category(long count) => count == 1 ? One : Other;

    /// <summary>The resource key for <paramref name="count"/>: <c>Key.One</c> or <c>Key.Other</c>.</summary>
    public static string KeyFor(string key, long count) => $"{key}.{Category(count)}";

    /// <summary>
    /// The counted text: <c>{0}</c> is the count formatted in the UI culture ("1.234" in Italian), <c>{1}</c>… are
    /// <paramref name="arguments"/>.
    /// </summary>
    public static LocalizedString Count(this IStringLocalizer localizer, string key, long count, params object[] arguments) =>
        localizer[KeyFor(key, count), [count.ToString("N0", CultureInfo.CurrentCulture), .. arguments]];
}
