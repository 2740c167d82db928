using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>
/// Malformed input (broken JSON, an unknown enum value, <c>page=abc</c>, a date that is not ISO 8601, a body that is
/// not JSON) is the client's mistake: a 400 validation problem naming the offending field, in every environment,
/// never a 500. Minimal APIs are told to throw <see cref="BadHttpRequestException"/> for these
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>), and this handler turns the exception into the answer.
/// </summary>
public sealed partial class MalformedRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        var (field, message) = Describe(bad);
        return await WriteAsync(problems, httpContext, field, message, exception);
    }

    /// <summary>
    /// A body of a content type the operation does not accept is refused by the router itself (415, from the
    /// operation's Accepts metadata), before binding, so <see cref="TryHandleAsync"/> never sees it: it gets the same
    /// 400 naming <c>body</c>. Runs inside the status-code pages of the API, which would otherwise write a bare 415.
    /// </summary>
    public static async Task RefuseUnsupportedMediaTypeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status415UnsupportedMediaType || context.Response.HasStarted)
        {
            return;
        }

        var message = $"The body's content type '{context.Request.ContentType}' is not one this operation accepts; JSON bodies are sent as application/json.";
        await WriteAsync(context.RequestServices.GetRequiredService<IProblemDetailsService>(), context, "body", message, exception: null);
    }

    /// <summary>The one answer to malformed input: 400, a validation problem whose only error names the field.</summary>
    private static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext context, string field, string message, Exception? exception)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is malformed",
            Detail = message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The field to name: the JSON path inside a body, else the parameter the framework could not bind.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "body";
            return (path.Length == 0 ? "body" : path, $"The JSON body could not be read at '{json.Path ?? "$"}': {FirstSentence(json.Message)}");
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("body", $"{exception.Message} Send the body with the media type the operation declares.");
        }

        var parameter = ParameterName().Match(exception.Message);
        var name = parameter.Success ? parameter.Groups["name"].Value : "body";
        return (name, exception.Message);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    // "Failed to bind parameter "int? page" from "abc"." / "Required parameter "X command" was not provided from body."
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
