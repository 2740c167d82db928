using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Notifications;

/// <summary>The caller's own notification centre and e-mail preferences: nobody reads or marks anyone else's.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Notifications").RequireAuthorization();

        me.MapGet("/notifications", async (int? page, int? pageSize, bool? unread, NotificationCentre centre, Actor actor, CancellationToken ct) =>
                TypedResults.Ok(await centre.ListAsync(actor, unread == true, PageRequest.Of(page, pageSize), ct)))
            .WithName("ListMyNotifications")
            .WithSummary("The caller's notifications (to their account and to their person), newest first; `unread=true` keeps the unread ones.")
            .Produces<PagedList<NotificationView>>()
            .ProducesValidationProblem();

        me.MapPost("/notifications/{notificationId}/read", async (Guid notificationId, NotificationCentre centre, Actor actor, CancellationToken ct) =>
                (await centre.MarkReadAsync(actor, notificationId, ct)).ToOk())
            .WithName("MarkNotificationRead")
            .WithSummary("Mark one of the caller's notifications as read (again: it keeps the first time). Anybody else's is 404.")
            .Produces<NotificationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPost("/notifications/read-all", async (NotificationCentre centre, Actor actor, CancellationToken ct) =>
                TypedResults.Ok(await centre.MarkAllReadAsync(actor, ct)))
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Mark every unread notification of the caller as read; answers how many were.")
            .Produces<NotificationsRead>()
            .ProducesValidationProblem();

        me.MapGet("/notification-settings", async (NotificationCentre centre, Actor actor, CancellationToken ct) =>
                TypedResults.Ok(await centre.SettingsAsync(actor, ct)))
            .WithName("GetMyNotificationSettings")
            .WithSummary("The caller's e-mail choice for every kind of notification: `Immediately` (the default), `DailyDigest` or `None`; `fixed` kinds (calendar invites, cancellations) always go by e-mail.")
            .Produces<NotificationSettingsView>();

        me.MapPut("/notification-settings", async (SetNotificationSettings command, NotificationCentre centre, Actor actor, CancellationToken ct) =>
                (await centre.SetSettingsAsync(actor, command, ct)).ToOk())
            .WithName("SetMyNotificationSettings")
            .WithSummary("Change the caller's e-mail choice for the kinds given (the others keep theirs); a `fixed` kind accepts only `Immediately`. Answers every kind's choice.")
            .Produces<NotificationSettingsView>()
            .ProducesValidationProblem();

        return api;
    }
}
