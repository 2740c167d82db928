using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Notifications;

/// <summary>One notification of the centre; <c>link</c> is a path of the application.</summary>
public sealed record NotificationView(Guid Id, string Kind, string Title, string Body, string? Link, DateTime CreatedUtc, DateTime? ReadUtc);

/// <summary>How many notifications a "mark all as read" marked.</summary>
public sealed record NotificationsRead(int Marked);

/// <summary>The e-mail choice for one kind; <c>fixed</c> kinds always go by e-mail and cannot be changed.</summary>
public sealed record NotificationSetting(string Kind, string Label, EmailChoice Email, bool Fixed);

/// <summary>
/// Every configurable kind with the caller's choice (not a paged list: the kinds are few and fixed), and whether a
/// participant also wants a reminder one hour before each session (always false for an account without a person).
/// </summary>
public sealed record NotificationSettingsView(IReadOnlyList<NotificationSetting> Kinds, bool HourBeforeSessions);

/// <summary>A choice to change; kinds left out keep theirs.</summary>
public sealed record NotificationSettingInput(string Kind, EmailChoice Email);

/// <summary>The choices to change; <c>hourBeforeSessions</c> left out keeps the current one.</summary>
public sealed record SetNotificationSettings(IReadOnlyList<NotificationSettingInput> Kinds, bool? HourBeforeSessions = null);

/// <summary>
/// The signed-in user's notification centre and e-mail preferences. Their notifications are those addressed to their
/// account and to the person it is linked to (rows written before the account existed included); their preferences
/// are kept by their person when linked, else by their account (<see cref="Addressee.PreferencesOwner"/>). Anybody
/// else's notification does not exist for them (404).
/// </summary>
public sealed class NotificationCentre(AppDbContext db, NoticeKindCatalogue kinds, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public Task<PagedList<NotificationView>> ListAsync(Actor actor, bool unreadOnly, PageRequest page, CancellationToken cancellationToken)
    {
        var mine = Mine(actor);
        if (unreadOnly)
        {
            mine = mine.Where(n => n.ReadUtc == null);
        }

        return mine.OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Body, n.LinkUrl, n.CreatedUtc, n.ReadUtc))
            .ToPagedListAsync(page, cancellationToken);
    }

    /// <summary>The bell's number.</summary>
    public Task<int> UnreadCountAsync(Actor actor, CancellationToken cancellationToken) =>
        actor.UserId == Guid.Empty ? Task.FromResult(0) : Mine(actor).CountAsync(n => n.ReadUtc == null, cancellationToken);

    public async Task<Result<NotificationView>> MarkReadAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var notification = await Mine(actor).AsTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return Problem.NotFound(localizer["Notifications.NotFound"]);
        }

        // Marking twice keeps the first moment it was read.
        notification.ReadUtc ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new NotificationView(notification.Id, notification.Kind, notification.Title, notification.Body, notification.LinkUrl, notification.CreatedUtc, notification.ReadUtc);
    }

    public async Task<NotificationsRead> MarkAllReadAsync(Actor actor, CancellationToken cancellationToken)
    {
        var now = (DateTime?)time.GetUtcNow().UtcDateTime;
        var marked = await Mine(actor).Where(n => n.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), cancellationToken);
        return new NotificationsRead(marked);
    }

    public async Task<NotificationSettingsView> SettingsAsync(Actor actor, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(actor);
        var chosen = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.OwnerKind == owner.Kind && p.OwnerId == owner.Id)
            .ToDictionaryAsync(p => p.Kind, p => p.Email, StringComparer.Ordinal, cancellationToken);
        var hourBefore = actor.PersonId is { } personId
            && await db.ReminderChoices.AsNoTracking().AnyAsync(c => c.PersonId == personId && c.HourBefore, cancellationToken);
        return new NotificationSettingsView(
            [.. kinds.All.Select(kind => kinds.IsAlwaysEmail(kind.Key)
                ? new NotificationSetting(kind.Key, localizer[kind.LabelKey], EmailChoice.Immediately, Fixed: true)
                : new NotificationSetting(kind.Key, localizer[kind.LabelKey], chosen.GetValueOrDefault(kind.Key, EmailChoice.Immediately), Fixed: false))],
            hourBefore);
    }

    public async Task<Result<NotificationSettingsView>> SetSettingsAsync(Actor actor, SetNotificationSettings command, CancellationToken cancellationToken)
    {
        var items = command.Kinds ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var (key, email) = items[i] is { } item ? (item.Kind ?? "", item.Email) : ("", EmailChoice.Immediately);
            if (kinds.Find(key) is null)
            {
                errors[$"kinds[{i}].kind"] = [localizer["Notifications.UnknownKind", key]];
            }
            else if (!Enum.IsDefined(email))
            {
                errors[$"kinds[{i}].email"] = [localizer["Notifications.UnknownChoice"]];
            }
            else if (kinds.IsAlwaysEmail(key) && email != EmailChoice.Immediately)
            {
                errors[$"kinds[{i}].email"] = [localizer["Notifications.AlwaysEmail", localizer[new NoticeKind(key).LabelKey]]];
            }
            else if (items.Take(i).Any(earlier => earlier?.Kind == key))
            {
                errors[$"kinds[{i}].kind"] = [localizer["Notifications.DuplicateKind", key]];
            }
        }

        if (command.HourBeforeSessions == true && actor.PersonId is null)
        {
            errors["hourBeforeSessions"] = [localizer["Notifications.HourBeforeNoPerson"]];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var owner = OwnerOf(actor);
        await SetHourBeforeAsync(actor, command.HourBeforeSessions, cancellationToken);
        var changed = items.Select(i => i.Kind).ToList();
        var stored = await db.NotificationPreferences
            .Where(p => p.OwnerKind == owner.Kind && p.OwnerId == owner.Id && changed.Contains(p.Kind))
            .ToDictionaryAsync(p => p.Kind, StringComparer.Ordinal, cancellationToken);
        foreach (var item in items)
        {
            var row = stored.GetValueOrDefault(item.Kind);
            // The default is no row: only the choices that differ from it are kept.
            if (item.Email == EmailChoice.Immediately)
            {
                if (row is not null)
                {
                    db.NotificationPreferences.Remove(row);
                }
            }
            else if (row is null)
            {
                db.NotificationPreferences.Add(new NotificationPreference { OwnerKind = owner.Kind, OwnerId = owner.Id, Kind = item.Kind, Email = item.Email });
            }
            else
            {
                row.Email = item.Email;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await SettingsAsync(actor, cancellationToken);
    }

    /// <summary>
    /// The hour-before reminder is read when each reminder comes due (the reminders are planned for everybody), so a
    /// choice made today applies to the sessions already scheduled.
    /// </summary>
    private async Task SetHourBeforeAsync(Actor actor, bool? hourBefore, CancellationToken cancellationToken)
    {
        if (hourBefore is not { } wanted || actor.PersonId is not { } personId)
        {
            return;
        }

        var row = await db.ReminderChoices.SingleOrDefaultAsync(c => c.PersonId == personId, cancellationToken);
        if (row is null && wanted)
        {
            db.ReminderChoices.Add(new Sessions.Reminders.ReminderChoice { PersonId = personId, HourBefore = true });
        }
        else if (row is not null && !wanted)
        {
            db.ReminderChoices.Remove(row);
        }
    }

    /// <summary>Whose preferences the actor edits: their person when the account is linked to one, else the account.</summary>
    public static NoticeRecipient OwnerOf(Actor actor) =>
        actor.PersonId is { } personId ? NoticeRecipient.Person(personId) : NoticeRecipient.Account(actor.UserId);

    /// <summary>The actor's notifications: addressed to their account, or to their person.</summary>
    private IQueryable<Notification> Mine(Actor actor)
    {
        var (userId, personId) = (actor.UserId, actor.PersonId ?? Guid.Empty);
        var hasPerson = actor.PersonId is not null;
        return db.Notifications.AsNoTracking().Where(n =>
            (n.RecipientKind == NoticeRecipientKind.Account && n.RecipientId == userId && userId != Guid.Empty)
            || (hasPerson && n.RecipientKind == NoticeRecipientKind.Person && n.RecipientId == personId));
    }
}
