using Microsoft.AspNetCore.Mvc;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Sessions;

/// <summary>A pair's sessions (each occurrence a resource of its own) and the caller's calendar feed.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/programmes/{id}/pairs/{pairId}/sessions").WithTags("Sessions").RequireAuthorization().AddEndpointFilter<ETagFilter>();

        sessions.MapPost("/", async (Guid id, Guid pairId, ScheduleSession command, SessionHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ScheduleAsync(id, pairId, command, actor, ct)).ToCreated(s => $"/api/v1/programmes/{id}/pairs/{pairId}/sessions/{s.Id}"))
            .WithName("ScheduleSession")
            .WithSummary("A partner schedules a session or a weekly series (at most 52) for an agreed or active pair; both partners get the calendar invite.")
            .Produces<ScheduledSessions>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        sessions.MapGet("/", async (Guid id, Guid pairId, int? page, int? pageSize, SessionHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.ListAsync(id, pairId, PageRequest.Of(page, pageSize), actor, ct)).ToOk())
            .WithName("ListSessions")
            .WithSummary("The pair's sessions, earliest first, cancelled ones included. The partners see everything; the programme's HR the metadata only.")
            .Produces<PagedList<SessionView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapGet("/{sessionId}", async (Guid id, Guid pairId, Guid sessionId, SessionHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.GetAsync(id, pairId, sessionId, actor, ct)).ToOk())
            .WithName("GetSession")
            .WithSummary("One occurrence (its ETag is its version).")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapPut("/{sessionId}", async (Guid id, Guid pairId, Guid sessionId, RescheduleSession command, [FromHeader(Name = Versions.IfMatchHeader)] string? ifMatch, SessionHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.RescheduleAsync(id, pairId, sessionId, command, Versions.Optional(ifMatch), actor, ct)).ToOk())
            .WithName("RescheduleSession")
            .WithSummary("Move this occurrence (scope Occurrence) or it and the following ones (scope Following), with If-Match; both partners get the updated invite.")
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        sessions.MapDelete("/{sessionId}", async (Guid id, Guid pairId, Guid sessionId, SessionScope? scope, string? message, [FromHeader(Name = Versions.IfMatchHeader)] string? ifMatch, SessionHandlers handlers, Actor actor, CancellationToken ct) =>
                (await handlers.CancelAsync(id, pairId, sessionId, scope ?? SessionScope.Occurrence, message, Versions.Optional(ifMatch), actor, ct)).ToOk())
            .WithName("CancelSession")
            .WithSummary("Cancel this occurrence (scope Occurrence, the default) or it and the following ones (scope Following), with If-Match and an optional message; both partners get the cancellation.")
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        var me = api.MapGroup("/me/calendar-feed").WithTags("Sessions").RequireAuthorization();
        me.MapPost("/", async (CalendarFeeds feeds, Actor actor, CancellationToken ct) => (await feeds.RegenerateAsync(actor, ct)).ToOk())
            .WithName("RegenerateCalendarFeed")
            .WithSummary("A new private feed URL with all the caller's sessions; the previous URL stops working. Participants only (403 otherwise).")
            .Produces<CalendarFeedLink>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapDelete("/", async (CalendarFeeds feeds, Actor actor, CancellationToken ct) => (await feeds.RevokeAsync(actor, ct)).ToNoContent())
            .WithName("RevokeCalendarFeed")
            .WithSummary("Revoke the caller's feed URL.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <summary>The feed itself: a calendar app cannot sign in, so the secret in the path is the credential.</summary>
    public static WebApplication MapCalendarFeed(this WebApplication app)
    {
        app.MapGet("/calendar/{secret}.ics", async (string secret, CalendarFeeds feeds, HttpContext context, CancellationToken ct) =>
            {
                var ics = await feeds.RenderAsync(secret, ct);
                if (ics is null)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "private, no-store";
                return Results.Text(ics, "text/calendar; charset=utf-8");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
