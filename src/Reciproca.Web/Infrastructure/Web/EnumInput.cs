using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reciproca.Web.Infrastructure.Web;

/// <summary>
/// An enum that arrives from a form, a query string or a handler's caller can hold any integer (model binding and
/// <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> accept "7"); only its declared members may be stored.
/// </summary>
public static class EnumInput
{
    /// <summary>Adds an error under <paramref name="field"/> when <paramref name="value"/> is not a declared member.</summary>
    public static void Check<TEnum>(IDictionary<string, string[]> errors, string field, TEnum value, IStringLocalizer localizer)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors[field] = [Message(value, localizer)];
        }
    }

    /// <summary>A validation problem naming <paramref name="field"/>, or null when the value is a declared member.</summary>
    public static Problem? Problem<TEnum>(string field, TEnum value, IStringLocalizer localizer)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : Web.Problem.Validation(field, Message(value, localizer));

    /// <inheritdoc cref="Problem{TEnum}(string, TEnum, IStringLocalizer)"/>
    public static Problem? Problem<TEnum>(string field, TEnum? value, IStringLocalizer localizer)
        where TEnum : struct, Enum =>
        value is { } known ? Problem(field, known, localizer) : null;

    private static string Message<TEnum>(TEnum value, IStringLocalizer localizer)
        where TEnum : struct, Enum =>
        localizer["Input.UnknownValue", Convert.ToInt64(value, CultureInfo.InvariantCulture), string.Join(", ", Enum.GetNames<TEnum>())].Value;
}
