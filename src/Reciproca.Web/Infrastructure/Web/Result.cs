namespace Reciproca.Web.Infrastructure.Web;

public enum ProblemKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>An expected failure of a use case: a return value, not an exception (ARCHITECTURE.md).</summary>
public sealed record Problem(ProblemKind Kind, IReadOnlyDictionary<string, string[]> Errors, string? Detail = null)
{
    public static Problem Validation(string field, string message) => new(ProblemKind.Validation, new Dictionary<string, string[]> { [field] = [message] });

    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors) => new(ProblemKind.Validation, errors);

    public static Problem NotFound(string detail) => new(ProblemKind.NotFound, new Dictionary<string, string[]>(), detail);

    public static Problem Forbidden(string detail) => new(ProblemKind.Forbidden, new Dictionary<string, string[]>(), detail);

    public static Problem Conflict(string detail) => new(ProblemKind.Conflict, new Dictionary<string, string[]>(), detail);

    /// <summary>The RFC 9457 answer of the API.</summary>
    public IResult ToHttp() => Kind switch
    {
        ProblemKind.Validation => TypedResults.ValidationProblem(Errors, detail: Detail),
        ProblemKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: Detail),
        ProblemKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: Detail),
    };
}

public readonly record struct Result<T>(T? Value, Problem? Problem)
{
    public bool Succeeded => Problem is null;

    /// <summary>The API's answer: 200 with the value, or the problem (RFC 9457).</summary>
    public IResult ToOk() => Succeeded ? TypedResults.Ok(Value) : Problem!.ToHttp();

    /// <summary>The API's answer to a command without a body: 204, or the problem.</summary>
    public IResult ToNoContent() => Succeeded ? Results.NoContent() : Problem!.ToHttp();

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Problem problem) => new(default, problem);
}
