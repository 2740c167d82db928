using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header; ADR 0012): a client that
/// retries a POST with the same key gets the first answer again instead of a second creation.
/// </summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>
    /// Whether an endpoint honours the header: every POST but multipart uploads. The people import is left out: it
    /// is all or nothing and says so with its own 409, its body is a whole HR export that would be buffered and hashed
    /// on every retry, and its outcome depends on its query (<c>dryRun</c>), which the fingerprint does not cover.
    /// </summary>
    public static bool Covers(IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata as IReadOnlyCollection<object> ?? [.. endpointMetadata];
        var post = metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods.Contains(HttpMethods.Post, StringComparer.OrdinalIgnoreCase) == true;
        var multipart = metadata.OfType<IAcceptsMetadata>()
            .Any(accepts => accepts.ContentTypes.Any(type => type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)));
        return post && !multipart;
    }

    /// <summary>Applies the filter to the POST endpoints of a group (once, on <c>/api/v1</c>).</summary>
    public static RouteGroupBuilder WithIdempotencyKeys(this RouteGroupBuilder group)
    {
        var filter = new IdempotencyFilter();
        // A convention rather than AddEndpointFilterFactory, for the endpoint's metadata: its factories run once all
        // conventions (the endpoint's own Accepts among them) have been applied, so the whole metadata is known.
        ((IEndpointConventionBuilder)group).Add(endpoint => endpoint.FilterFactories.Add((_, next) =>
            Covers(endpoint.Metadata) ? invocation => filter.InvokeAsync(invocation, next) : next));
        return group;
    }

    /// <summary>
    /// Makes the body of an API POST with a key readable again after model binding, so that the filter can hash the
    /// bytes the client sent. Must run before the endpoint.
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(HeaderName))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });

    /// <summary>
    /// The key of a header value: 1 to 255 printable ASCII characters. The draft sends it as a structured-field string
    /// (<c>"8e03978e-…"</c>); many clients send it bare. Both are accepted and name the same key.
    /// </summary>
    public static bool TryParse(StringValues values, out string key, out string error)
    {
        key = "";
        if (values.Count != 1 || values[0] is not { } value)
        {
            error = $"Send one {HeaderName} header.";
            return false;
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (value.Length is 0 or > MaxKeyLength || value.Any(c => c is < ' ' or > '~'))
        {
            error = $"{HeaderName} must be 1 to {MaxKeyLength} printable ASCII characters, e.g. a UUID.";
            return false;
        }

        key = value;
        error = "";
        return true;
    }
}

/// <summary>What makes two requests the same request: method, path and the SHA-256 of the raw body.</summary>
public readonly record struct RequestFingerprint(string Method, string Path, string BodyHash)
{
    /// <summary>
    /// Hashes the bytes the client sent, read again from the start. Endpoint filters run after model binding has read
    /// the body, so <see cref="IdempotencyKeys.UseIdempotencyKeyBuffering"/> buffers it beforehand. The raw bytes
    /// rather than the bound arguments serialised again: those would depend on which parameters an endpoint binds,
    /// drop unknown members the binder ignored, and change meaning whenever a DTO gains a default; the bytes are what
    /// the client means by "the same request". The query string is not part of it: no covered POST reads one.
    /// </summary>
    public static async Task<RequestFingerprint> OfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        if (!body.CanSeek)
        {
            throw new InvalidOperationException($"The request body is not buffered: {nameof(IdempotencyKeys.UseIdempotencyKeyBuffering)} must run before the endpoint.");
        }

        body.Position = 0;
        var hash = await SHA256.HashDataAsync(body, cancellationToken);
        body.Position = 0;
        return new RequestFingerprint(request.Method.ToUpperInvariant(), (request.PathBase + request.Path).Value ?? "/", Convert.ToHexStringLower(hash));
    }
}

/// <summary>
/// Runs a POST once per key and account: the first request inserts a placeholder, runs and records its answer; a
/// retry of the same request gets the recorded answer (<c>Idempotent-Replayed: true</c>); the same request still
/// running answers 409; the key on another request 422. Failed answers are not kept. Without the header, or without
/// an account to scope it to, nothing changes.
/// </summary>
internal sealed class IdempotencyFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers[IdempotencyKeys.HeaderName];
        if (header.Count == 0)
        {
            return await next(context);
        }

        if (!IdempotencyKeys.TryParse(header, out var key, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyKeys.HeaderName] = [error] }, detail: error);
        }

        // Keys are scoped to an account; an anonymous caller has none to share one with (every POST needs one today).
        var actor = Actor.Of(http);
        if (actor.UserId == Guid.Empty)
        {
            return await next(context);
        }

        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var fingerprint = await RequestFingerprint.OfAsync(http.Request, http.RequestAborted);
        switch (await store.ClaimAsync(actor.UserId, key, fingerprint, http.RequestAborted))
        {
            case IdempotencyClaim.Completed completed:
                return new ReplayResult(completed.Record);
            case IdempotencyClaim.Mismatch:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key used for a different request",
                    detail: "This Idempotency-Key was used for a different request (another method, path or body). Send a new key with a new request.");
            case IdempotencyClaim.Claimed claimed:
                object? result;
                try
                {
                    result = await next(context);
                }
                catch
                {
                    await store.ReleaseAsync(claimed.RecordId);
                    throw;
                }

                return new RecordingResult(AsResult(result), store, claimed.RecordId);
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "A request with this Idempotency-Key is in progress",
                    detail: "A request with this Idempotency-Key is in progress. Retry it once that one has completed.");
        }
    }

    // What the framework would do with an endpoint's return value, so that the answer can be recorded as it is sent.
    private static IResult AsResult(object? value) => value switch
    {
        IResult result => result,
        string text => TypedResults.Text(text),
        null => TypedResults.Empty,
        _ => TypedResults.Json(value),
    };
}

/// <summary>
/// Sends the endpoint's answer through a buffer to learn exactly what went out (status, <c>Location</c>, body, whatever
/// result type produced it), records it when it is a success or releases the key when it is not, then sends it on.
/// </summary>
internal sealed class RecordingResult(IResult inner, IdempotencyStore store, Guid recordId) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var original = httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer, original);
        httpContext.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await inner.ExecuteAsync(httpContext);
            await capture.CompleteAsync();
        }
        catch
        {
            httpContext.Features.Set(original);
            await store.ReleaseAsync(recordId);
            throw;
        }
        finally
        {
            httpContext.Features.Set(original);
        }

        var body = buffer.ToArray();
        if (response.StatusCode is >= 200 and < 300)
        {
            try
            {
                await store.CompleteAsync(recordId, response.StatusCode, response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, response.ContentType,
                    body.Length == 0 ? null : Encoding.UTF8.GetString(body));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The work is done: the client gets its answer. The placeholder stays, so a retry answers 409 until the
                // record expires, rather than doing the work twice.
                httpContext.RequestServices.GetRequiredService<ILogger<RecordingResult>>()
                    .LogError(exception, "The answer to idempotency record {Id} could not be stored", recordId);
            }
        }
        else
        {
            await store.ReleaseAsync(recordId);
        }

        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

/// <summary>The recorded answer of a completed request, sent again without running the endpoint.</summary>
internal sealed class ReplayResult(IdempotencyRecord record) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
        response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        if (record.Location is { } location)
        {
            response.Headers.Location = location;
        }

        if (record.Body is { } body)
        {
            response.ContentType = record.ContentType;
            await response.WriteAsync(body, Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
