namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>A resource with an application-managed version token: it travels as the ETag (RFC 9110, 8.8.3).</summary>
public interface IVersioned
{
    Guid Version { get; }
}

/// <summary>
/// Optimistic concurrency over HTTP: a versioned resource is read with its <c>ETag</c>, and a change sends it back in
/// <c>If-Match</c>. A missing <c>If-Match</c> answers 428, one that no longer matches 412 (RFC 9110, RFC 6585).
/// </summary>
public static class Versions
{
    public const string IfMatchHeader = "If-Match";

    public static string ETag(Guid version) => $"\"{version:D}\"";

    /// <summary>The version an <c>If-Match</c> names; a weak or unparsable tag names none (and so never matches).</summary>
    public static Guid? Parse(string? ifMatch)
    {
        var value = ifMatch?.Trim();
        if (string.IsNullOrEmpty(value) || value.StartsWith("W/", StringComparison.Ordinal))
        {
            return null;
        }

        return Guid.TryParse(value.Trim('"'), out var version) ? version : null;
    }

    /// <summary>
    /// For a handler that decides itself whether a version is needed: null when the header is missing,
    /// <see cref="Guid.Empty"/> (which no resource has) when it is present but unreadable.
    /// </summary>
    public static Guid? Optional(string? ifMatch) => string.IsNullOrWhiteSpace(ifMatch) ? null : Parse(ifMatch) ?? Guid.Empty;
}

/// <summary>Sends the <c>ETag</c> of a versioned resource with every successful answer that carries one.</summary>
public sealed class ETagFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is IValueHttpResult { Value: IVersioned versioned } and IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            context.HttpContext.Response.Headers.ETag = Versions.ETag(versioned.Version);
        }

        return result;
    }
}
