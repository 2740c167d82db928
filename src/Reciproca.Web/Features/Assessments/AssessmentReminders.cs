using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Assessments;

public sealed record ReminderOutcome(int Reminded, int RemindedRecently, int WithoutEmail);

/// <summary>
/// HR reminds the enrolled people who have not completed their assessment (a draft is not complete). Nobody is reminded twice within
/// <see cref="QuietPeriod"/>, however often the button is pressed. A person without an account gets a link
/// that sets one up (an invitation); the others a link to their assessment.
/// </summary>
public sealed class AssessmentReminderHandler(
    AppDbContext db,
    ProgrammeAccess access,
    Outbox outbox,
    EmailLinks links,
    InvitationMailer invitations,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    public const string Kind = "AssessmentReminder";

    public static readonly TimeSpan QuietPeriod = TimeSpan.FromHours(20);

    public async Task<Result<ReminderOutcome>> RemindAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken)
    {
        if (await access.ManagerProblemAsync(actor, programmeId, cancellationToken) is { } denied)
        {
            return denied;
        }

        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        var pending = await (
            // Tracked (no AsNoTracking anywhere in this query: it would apply to the whole query): the reminder date is saved.
            from participant in db.Participants
            join person in db.People on participant.PersonId equals person.Id
            where participant.ProgrammeId == programmeId && participant.Status == ParticipantStatus.Enrolled
                && participant.AssessedUtc == null
            select new { participant, person.Email, person.DisplayName, person.Languages, HasAccount = db.Users.Any(u => u.PersonId == person.Id) })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var inviter = InvitationHandlers.InviterName(actor);
        int reminded = 0, recently = 0, withoutEmail = 0;
        foreach (var row in pending)
        {
            if (string.IsNullOrWhiteSpace(row.Email))
            {
                withoutEmail++;
                continue;
            }

            if (row.participant.AssessmentRemindedUtc > now - QuietPeriod)
            {
                recently++;
                continue;
            }

            var recipient = new Recipient(row.Email.Trim().ToLowerInvariant(), row.DisplayName, row.Languages);
            if (row.HasAccount)
            {
                SendReminder(programme, recipient);
            }
            else
            {
                await SendAccountInvitationAsync(programme, row.participant.PersonId, recipient, actor.UserId, inviter, cancellationToken);
            }

            row.participant.AssessmentRemindedUtc = now;
            row.participant.Version = Guid.NewGuid();
            reminded++;
        }

        // A colleague reminded (or changed a participant) at the same moment: nothing of ours is written then.
        return await db.SaveOrProblemAsync(Problem.Conflict(localizer["Remind.Conflict"]), cancellationToken)
            ?? new Result<ReminderOutcome>(new ReminderOutcome(reminded, recently, withoutEmail), null);
    }

    private void SendReminder(Programme programme, Recipient recipient)
    {
        var link = links.Absolute($"/Assessments/Edit/{programme.Id}");
        outbox.Enqueue(Kind, recipient, () => new EmailContent(
            localizer["Email.Reminder.Subject", programme.Name],
            localizer.Greeting(recipient.Name),
            [localizer["Email.Reminder.Body", programme.Name], localizer["Email.Reminder.Why"]],
            localizer["Email.Reminder.Action"],
            link,
            localizer["Email.Footer"]));
    }

    /// <summary>Reuses the person's pending invitation (with a new link) or starts one: its page sets up the account.</summary>
    private async Task SendAccountInvitationAsync(Programme programme, Guid personId, Recipient recipient, Guid invitedBy, string inviter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = await db.Invitations
            .Where(i => i.ProgrammeId == programme.Id && i.PersonId == personId && i.AcceptedUtc == null && i.RevokedUtc == null)
            .OrderByDescending(i => i.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        if (invitation is null)
        {
            invitation = new Invitation { ProgrammeId = programme.Id, Email = recipient.Email, PersonId = personId, InvitedByUserId = invitedBy, CreatedUtc = now };
            db.Invitations.Add(invitation);
        }

        invitations.Send(invitation, programme, recipient, inviter);
    }
}
