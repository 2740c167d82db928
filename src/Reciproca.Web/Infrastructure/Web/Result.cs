using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Infrastructure.Web;

public enum ProblemKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,

    /// <summary>The client's <c>If-Match</c> names a version that is no longer current (412).</summary>
    Stale,

    /// <summary>A change of a versioned resource without <c>If-Match</c> (428).</summary>
    PreconditionRequired,
}

/// <summary>An expected failure of a use case: a return value, not an exception (ARCHITECTURE.md, ADR 0011).</summary>
public sealed record Problem(ProblemKind Kind, IReadOnlyDictionary<string, string[]> Errors, string? Detail = null)
{
    private static readonly IReadOnlyDictionary<string, string[]> _none = new Dictionary<string, string[]>();

    public static Problem Validation(string field, string message) => new(ProblemKind.Validation, new Dictionary<string, string[]> { [field] = [message] });

    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors) => new(ProblemKind.Validation, errors);

    public static Problem NotFound(string detail) => new(ProblemKind.NotFound, _none, detail);

    public static Problem Forbidden(string detail) => new(ProblemKind.Forbidden, _none, detail);

    public static Problem Conflict(string detail) => new(ProblemKind.Conflict, _none, detail);

    public static Problem Stale(string detail) => new(ProblemKind.Stale, _none, detail);

    public static Problem PreconditionRequired(string detail) => new(ProblemKind.PreconditionRequired, _none, detail);

    /// <summary>The RFC 9457 answer of the API.</summary>
    public IResult ToHttp() => Kind switch
    {
        ProblemKind.Validation => TypedResults.ValidationProblem(Errors, detail: Detail),
        ProblemKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: Detail),
        ProblemKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: Detail),
        ProblemKind.Stale => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed since you read it", detail: Detail),
        ProblemKind.PreconditionRequired => TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Send If-Match", detail: Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: Detail),
    };
}

public readonly record struct Result<T>(T? Value, Problem? Problem)
{
    public bool Succeeded => Problem is null;

    /// <summary>The API's answer: 200 with the value, or the problem (RFC 9457).</summary>
    public IResult ToOk() => Succeeded ? TypedResults.Ok(Value) : Problem!.ToHttp();

    /// <summary>The API's answer to a creation: 201 with the new resource and where it lives, or the problem.</summary>
    public IResult ToCreated(Func<T, string> location) => Succeeded ? TypedResults.Created(location(Value!), Value) : Problem!.ToHttp();

    /// <summary>The API's answer to a command without a body: 204, or the problem.</summary>
    public IResult ToNoContent() => Succeeded ? TypedResults.NoContent() : Problem!.ToHttp();

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem);
}
